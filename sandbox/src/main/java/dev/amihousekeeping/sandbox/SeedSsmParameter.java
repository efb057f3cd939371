package dev.amihousekeeping.sandbox;

/** An SSM parameter whose value may be an AMI id; seen only through {@code DescribeImageReferences}. */
public record SeedSsmParameter(String name, String value) {

    public SeedSsmParameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an ssm parameter needs a name");
        }
    }
}
