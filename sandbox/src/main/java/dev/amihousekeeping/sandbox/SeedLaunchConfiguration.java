package dev.amihousekeeping.sandbox;

import java.time.Instant;

/** An Auto Scaling launch configuration, served by {@code DescribeLaunchConfigurations}. */
public record SeedLaunchConfiguration(String name, String imageId, String instanceType, Instant createdTime) {

    public SeedLaunchConfiguration {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a launch configuration needs a name");
        }
        instanceType = instanceType == null ? "t3.micro" : instanceType;
    }

    public static SeedLaunchConfiguration of(String name, String imageId) {
        return new SeedLaunchConfiguration(name, imageId, null, null);
    }
}
