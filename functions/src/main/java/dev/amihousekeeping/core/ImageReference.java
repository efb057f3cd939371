package dev.amihousekeeping.core;

import java.util.Objects;

/**
 * Evidence that something still uses an image. {@code resourceType} uses the names of EC2's
 * DescribeImageReferences ({@code ec2:Instance}, {@code ec2:LaunchTemplate}, {@code ssm:Parameter},
 * {@code imagebuilder:ImageRecipe}, {@code imagebuilder:ContainerRecipe}); {@code resource} is the short form a
 * user reads in a kept reason and an {@link InUseIndex}: {@code i-0abc (running)}, {@code lt-0abc $Default},
 * {@code lt-0abc v7}, {@code ssm:/ami/web/latest}, {@code image-recipe/web/1.0.0}.
 */
public record ImageReference(String imageId, String resourceType, String resource) {

    public static final String INSTANCE = "ec2:Instance";
    public static final String LAUNCH_TEMPLATE = "ec2:LaunchTemplate";
    public static final String SSM_PARAMETER = "ssm:Parameter";
    public static final String IMAGE_RECIPE = "imagebuilder:ImageRecipe";
    public static final String CONTAINER_RECIPE = "imagebuilder:ContainerRecipe";

    public ImageReference {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resource, "resource");
    }

    /**
     * A reference as DescribeImageReferences reports it, by ARN: the ARN's resource part becomes the short form
     * ({@code ...:instance/i-0abc} -> {@code i-0abc}, {@code ...:launch-template/lt-0abc} -> {@code lt-0abc},
     * {@code ...:parameter/ami/web} -> {@code ssm:/ami/web}); other types keep their resource part.
     */
    public static ImageReference fromArn(String imageId, String resourceType, String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        String resource = parts.length == 6 ? parts[5] : String.valueOf(arn);
        String shortForm;
        if (resource.startsWith("instance/")) {
            shortForm = resource.substring("instance/".length());
        } else if (resource.startsWith("launch-template/")) {
            shortForm = resource.substring("launch-template/".length());
        } else if (resource.startsWith("parameter/")) {
            shortForm = "ssm:/" + resource.substring("parameter/".length());
        } else {
            shortForm = resource;
        }
        return new ImageReference(imageId, resourceType, shortForm);
    }
}
