package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.ImageReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ImageReferenceOptionName;
import software.amazon.awssdk.services.ec2.model.ImageReferenceResourceType;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.ResourceTypeOption;
import software.amazon.awssdk.services.ec2.model.ResourceTypeRequest;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;

/**
 * Reads the evidence that images are in use (DESIGN §5, expiry). {@link #describeImageReferences} is the first
 * source; where an endpoint does not offer it the caller falls back to {@link #instances},
 * {@link #launchTemplates} and {@link #ssmParameters}. Every reader fails with {@link Ec2Exception} rather than
 * return a partial list: in-use sources fail closed, and an empty answer must mean "nothing uses it".
 * <p>Auto Scaling launch configurations are read by {@link LaunchConfigurationReader}. Not read in the fallback:
 * Image Builder recipes (no Image Builder client); DescribeImageReferences covers recipes.
 */
public final class ImageReferenceReader {

    /** DescribeImageReferences takes at most 10 image ids per call (API reference, ImageId.N). */
    public static final int MAX_IMAGE_IDS_PER_CALL = 10;
    /** The newest launch template versions that count as in use: {@code $Latest} and recent rollback targets. */
    public static final int LAUNCH_TEMPLATE_VERSION_DEPTH = 10;
    /** Every instance state but {@code terminated}: a terminated instance never needs its AMI again. */
    static final List<String> LIVE_INSTANCE_STATES = List.of("pending", "running", "shutting-down", "stopping",
            "stopped");
    private static final String IMAGE_DATA_TYPE = "aws:ec2:image";
    /** The largest page DescribeLaunchTemplateVersions returns. */
    private static final int MAX_TEMPLATE_VERSIONS_PER_PAGE = 200;
    /** GetParameters takes at most 10 names per call. */
    private static final int MAX_PARAMETER_NAMES_PER_CALL = 10;
    /**
     * The IAM actions of this reader's calls: DescribeImageReferences and the direct reads of its fallback and of
     * old {@code $Default} versions. DescribeImageReferences also reads instances, launch templates and SSM
     * parameters on the caller's behalf with the caller's own permissions, the same actions as the fallback's
     * (EC2 User Guide, "Identify your resources referencing specified AMIs": required permissions; from knowledge).
     */
    public static final Set<String> IAM_ACTIONS = Set.of("ec2:DescribeImageReferences", "ec2:DescribeInstances",
            "ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions", "ssm:DescribeParameters",
            "ssm:GetParameters");
    /** What DescribeImageReferences reads on the caller's behalf and nothing here calls: Image Builder recipes. */
    public static final Set<String> IAM_ACTIONS_VIA_EC2 = Set.of("imagebuilder:ListImageRecipes",
            "imagebuilder:ListContainerRecipes", "imagebuilder:GetContainerRecipe");

    private final Ec2Clients clients;

    public ImageReferenceReader(Ec2Clients clients) {
        this.clients = clients;
    }

    /**
     * What references these images, asked {@value #MAX_IMAGE_IDS_PER_CALL} ids a call with explicit resource
     * types: instances in any state but terminated, the newest {@value #LAUNCH_TEMPLATE_VERSION_DEPTH} launch
     * template versions, SSM parameters, Image Builder image and container recipes.
     *
     * @throws OperationUnavailableException when the endpoint does not offer DescribeImageReferences
     */
    public List<ImageReference> describeImageReferences(String region, Collection<String> imageIds)
            throws OperationUnavailableException {
        List<String> ids = List.copyOf(imageIds);
        List<ResourceTypeRequest> types = resourceTypes();
        List<ImageReference> references = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_IMAGE_IDS_PER_CALL) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + MAX_IMAGE_IDS_PER_CALL));
            try {
                clients.ec2(region).describeImageReferencesPaginator(r -> r.imageIds(batch).resourceTypes(types))
                        .imageReferences()
                        .forEach(ref -> references.add(ImageReference.fromArn(ref.imageId(), ref.resourceTypeAsString(),
                                ref.arn())));
            } catch (SdkException e) {
                Ec2Exception failure = Ec2Exception.of("DescribeImageReferences", region, e);
                if (clients.notOffered(failure)) {
                    throw new OperationUnavailableException(failure);
                }
                throw failure;
            }
        }
        return references;
    }

    static List<ResourceTypeRequest> resourceTypes() {
        return List.of(
                ResourceTypeRequest.builder().resourceType(ImageReferenceResourceType.EC2_INSTANCE)
                        .resourceTypeOptions(ResourceTypeOption.builder().optionName(ImageReferenceOptionName.STATE_NAME)
                                .optionValues(LIVE_INSTANCE_STATES).build()).build(),
                ResourceTypeRequest.builder().resourceType(ImageReferenceResourceType.EC2_LAUNCH_TEMPLATE)
                        .resourceTypeOptions(ResourceTypeOption.builder()
                                .optionName(ImageReferenceOptionName.VERSION_DEPTH)
                                .optionValues(String.valueOf(LAUNCH_TEMPLATE_VERSION_DEPTH)).build()).build(),
                ResourceTypeRequest.builder().resourceType(ImageReferenceResourceType.SSM_PARAMETER).build(),
                ResourceTypeRequest.builder().resourceType(ImageReferenceResourceType.IMAGEBUILDER_IMAGE_RECIPE)
                        .build(),
                ResourceTypeRequest.builder().resourceType(ImageReferenceResourceType.IMAGEBUILDER_CONTAINER_RECIPE)
                        .build());
    }

    /** Instances in any state but terminated, each as a reference to its image ({@code i-0abc (running)}). */
    public List<ImageReference> instances(String region) {
        return read("DescribeInstances", region, () -> clients.ec2(region)
                .describeInstancesPaginator(r -> r.filters(Filter.builder().name("instance-state-name")
                        .values(LIVE_INSTANCE_STATES).build()).maxResults(1000))
                .reservations().stream()
                .flatMap(reservation -> reservation.instances().stream())
                .filter(i -> i.imageId() != null)
                .map(ImageReferenceReader::instanceReference)
                .toList());
    }

    private static ImageReference instanceReference(Instance instance) {
        String state = instance.state() == null ? null : instance.state().nameAsString();
        return new ImageReference(instance.imageId(), ImageReference.INSTANCE,
                instance.instanceId() + (state == null ? "" : " (" + state + ")"));
    }

    /**
     * Every launch template's {@code $Default} version, however old, and its newest {@code versionDepth}
     * versions, as references {@code lt-0abc $Default}, {@code lt-0abc $Latest} or {@code lt-0abc v7}. Aliases
     * ({@code resolve:ssm:...}) are resolved by EC2 ({@code ResolveAlias}). With {@code versionDepth} 0 only the
     * {@code $Default} versions are read: what DescribeImageReferences' {@code version-depth} leaves out.
     */
    public List<ImageReference> launchTemplates(String region, int versionDepth) {
        if (versionDepth == 0) {
            return defaultVersions(region);
        }
        List<LaunchTemplate> templates = read("DescribeLaunchTemplates", region, () -> clients.ec2(region)
                .describeLaunchTemplatesPaginator(r -> r.maxResults(200)).launchTemplates().stream().toList());
        List<ImageReference> references = new ArrayList<>();
        for (LaunchTemplate template : templates) {
            references.addAll(launchTemplateReferences(region, template, versionDepth));
        }
        return references;
    }

    /**
     * Every template's {@code $Default} version in one paged call: asked for {@code $Default} without a template
     * id, DescribeLaunchTemplateVersions returns the default version of each template in the account, so the
     * templates need not be listed and asked one by one (a call per template was 200 calls for 200 templates).
     */
    private List<ImageReference> defaultVersions(String region) {
        return read("DescribeLaunchTemplateVersions", region, () -> clients.ec2(region)
                .describeLaunchTemplateVersionsPaginator(r -> r.versions("$Default").resolveAlias(true)
                        .maxResults(MAX_TEMPLATE_VERSIONS_PER_PAGE))
                .launchTemplateVersions().stream()
                .filter(v -> v.launchTemplateData() != null && v.launchTemplateData().imageId() != null)
                .map(v -> new ImageReference(v.launchTemplateData().imageId(), ImageReference.LAUNCH_TEMPLATE,
                        v.launchTemplateId() + " $Default"))
                .toList());
    }

    private List<ImageReference> launchTemplateReferences(String region, LaunchTemplate template, int depth) {
        long latest = template.latestVersionNumber() == null ? 0 : template.latestVersionNumber();
        long defaultVersion = template.defaultVersionNumber() == null ? 0 : template.defaultVersionNumber();
        long oldestCounted = Math.max(1, latest - depth + 1);
        // MinVersion one below the oldest version we count: whether EC2 reads it inclusively or not, the page
        // holds every counted version, and the filter below drops the one extra.
        List<LaunchTemplateVersion> versions = new ArrayList<>(depth == 0 ? List.of()
                : read("DescribeLaunchTemplateVersions", region,
                () -> clients.ec2(region).describeLaunchTemplateVersionsPaginator(r -> {
                    r.launchTemplateId(template.launchTemplateId()).resolveAlias(true);
                    if (oldestCounted > 1) {
                        r.minVersion(String.valueOf(oldestCounted - 1));
                    }
                }).launchTemplateVersions().stream()
                        .filter(v -> v.versionNumber() != null && v.versionNumber() >= oldestCounted).toList()));
        if (defaultVersion > 0 && defaultVersion < oldestCounted) {
            versions.addAll(read("DescribeLaunchTemplateVersions", region, () -> clients.ec2(region)
                    .describeLaunchTemplateVersions(r -> r.launchTemplateId(template.launchTemplateId())
                            .versions(String.valueOf(defaultVersion)).resolveAlias(true))
                    .launchTemplateVersions()));
        }
        return versions.stream()
                .filter(v -> v.launchTemplateData() != null && v.launchTemplateData().imageId() != null)
                .map(v -> new ImageReference(v.launchTemplateData().imageId(), ImageReference.LAUNCH_TEMPLATE,
                        template.launchTemplateId() + " " + versionName(v.versionNumber(), defaultVersion, latest)))
                .toList();
    }

    private static String versionName(long version, long defaultVersion, long latest) {
        return version == defaultVersion ? "$Default" : version == latest ? "$Latest" : "v" + version;
    }

    /**
     * SSM parameters of data type {@code aws:ec2:image}, each as a reference to the image it names. Asked with
     * a {@code DataType} filter; an endpoint that rejects that filter key (moto) is asked for every parameter,
     * and the data type is checked here instead.
     */
    public List<ImageReference> ssmParameters(String region) {
        List<String> names;
        try {
            names = imageParameterNames(region, true);
        } catch (Ec2Exception e) {
            if (!"ValidationException".equals(e.errorCode())) {
                throw e;
            }
            names = imageParameterNames(region, false);
        }
        List<ImageReference> references = new ArrayList<>();
        for (int from = 0; from < names.size(); from += MAX_PARAMETER_NAMES_PER_CALL) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + MAX_PARAMETER_NAMES_PER_CALL));
            List<Parameter> parameters = read("GetParameters", region,
                    () -> clients.ssm(region).getParameters(r -> r.names(batch)).parameters());
            parameters.stream().filter(p -> p.value() != null && p.value().startsWith("ami-"))
                    .forEach(p -> references.add(new ImageReference(p.value(), ImageReference.SSM_PARAMETER,
                            "ssm:" + p.name())));
        }
        return references;
    }

    private List<String> imageParameterNames(String region, boolean filterOnServer) {
        return read("DescribeParameters", region, () -> clients.ssm(region)
                .describeParametersPaginator(r -> {
                    r.maxResults(50);
                    if (filterOnServer) {
                        r.parameterFilters(ParameterStringFilter.builder().key("DataType").option("Equals")
                                .values(IMAGE_DATA_TYPE).build());
                    }
                })
                .stream().flatMap(page -> page.parameters().stream())
                .filter(p -> IMAGE_DATA_TYPE.equals(p.dataType()))
                .map(ParameterMetadata::name).toList());
    }

    private static <T> T read(String operation, String region, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw Ec2Exception.of(operation, region, e);
        }
    }
}
