package dev.amihousekeeping.sandbox;

import java.time.Instant;
import java.util.Map;

/** An EC2 instance, as far as the housekeeper cares: which image it was launched from and its state. */
public record SeedInstance(String instanceId, String imageId, String state, String instanceType, Instant launchTime,
                           Map<String, String> tags) {

    public SeedInstance {
        state = state == null ? "running" : state;
        instanceType = instanceType == null ? "t3.micro" : instanceType;
        tags = SeedImage.sortedCopy(tags);
    }

    public static SeedInstance of(String instanceId, String imageId, String state) {
        return new SeedInstance(instanceId, imageId, state, null, null, null);
    }

    SeedInstance withTags(Map<String, String> newTags) {
        return new SeedInstance(instanceId, imageId, state, instanceType, launchTime, newTags);
    }
}
