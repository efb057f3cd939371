package dev.amihousekeeping.sandbox;

import java.util.List;

/**
 * A Recycle Bin retention rule of one region (DESIGN §8, seed key {@code recycleBinRules}): AMIs
 * ({@code EC2_IMAGE}) or snapshots ({@code EBS_SNAPSHOT}) deleted while the rule matches them stay in the bin
 * {@code retentionDays}. A rule with {@code resourceTags} matches a resource that carries any one of them (a tag
 * without a value matches the key with any value); a rule without them matches every resource of its type.
 *
 * @param identifier  the rule's id as rbin's ListRules shows it; absent: one is made from the region and index
 * @param lockState   {@code unlocked} (default), {@code locked} or {@code pending_unlock}, as ListRules shows it
 */
public record SeedRecycleBinRule(
        String identifier,
        String description,
        String resourceType,
        Integer retentionDays,
        List<ResourceTag> resourceTags,
        String lockState) {

    public static final String IMAGE = "EC2_IMAGE";
    public static final String SNAPSHOT = "EBS_SNAPSHOT";
    static final List<String> RESOURCE_TYPES = List.of(IMAGE, SNAPSHOT);
    static final List<String> LOCK_STATES = List.of("unlocked", "locked", "pending_unlock");

    /** One tag a rule looks for; a null {@code value} matches the key with any value. */
    public record ResourceTag(String key, String value) {
    }

    public SeedRecycleBinRule {
        resourceTags = resourceTags == null ? List.of() : List.copyOf(resourceTags);
        lockState = lockState == null ? "unlocked" : lockState;
    }

    /** A rule keeping resources of {@code resourceType} tagged {@code key=value} for {@code retentionDays}. */
    public static SeedRecycleBinRule tagged(String resourceType, int retentionDays, String key, String value) {
        return new SeedRecycleBinRule(null, null, resourceType, retentionDays, List.of(new ResourceTag(key, value)),
                null);
    }

    /** A region-level rule: every resource of {@code resourceType}. */
    public static SeedRecycleBinRule everything(String resourceType, int retentionDays) {
        return new SeedRecycleBinRule(null, null, resourceType, retentionDays, null, null);
    }

    /** Whether a resource of this type with these tags is retained by this rule. */
    boolean matches(String type, java.util.Map<String, String> tags) {
        if (!resourceType.equals(type)) {
            return false;
        }
        return resourceTags.isEmpty() || resourceTags.stream().anyMatch(tag -> tags.containsKey(tag.key())
                && (tag.value() == null || tag.value().equals(tags.get(tag.key()))));
    }

    SeedRecycleBinRule withIdentifier(String newIdentifier) {
        return new SeedRecycleBinRule(newIdentifier, description, resourceType, retentionDays, resourceTags,
                lockState);
    }
}
