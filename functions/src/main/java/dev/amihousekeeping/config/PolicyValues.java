package dev.amihousekeeping.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules for single values in a policy (numbers, regions, tag keys, AWS ids), each failing with a key path. */
final class PolicyValues {

    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions
    private static final int MAX_TAG_KEY_CHARS = 128;
    private static final int MAX_TAG_VALUE_CHARS = 256;

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    // https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html (Arn, Id patterns);
    // the partition part allows aws, aws-cn, aws-us-gov and the other partitions.
    private static final Pattern ORGANIZATION_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:organizations::\\d{12}:organization/o-[a-z0-9]{10,32}");
    private static final Pattern ORGANIZATIONAL_UNIT_ARN = Pattern.compile(
            "arn:aws(-[a-z]+)*:organizations::\\d{12}:ou/o-[a-z0-9]{10,32}/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}");
    // EC2 ids have 8 hex digits (old) or 17 (since 2016); anything else is a typo.
    // IAM role names: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern IMAGE_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");
    // CopyImage KmsKeyId takes a key id, an alias, or the ARN of either:
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopyImage.html
    private static final String KEY_ID = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})";
    private static final String ALIAS = "alias/[A-Za-z0-9/_-]{1,250}";
    private static final Pattern KMS_KEY = Pattern.compile(KEY_ID + "|" + ALIAS);
    private static final Pattern KMS_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:kms:([a-z0-9-]+):\\d{12}:(key/" + KEY_ID + "|" + ALIAS + ")");

    private PolicyValues() {
    }

    static void atLeast(String path, int value, int min) {
        if (value < min) {
            throw new ConfigException(path, "must be >= " + min + ", got " + value);
        }
    }

    static void between(String path, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(path, "must be between " + min + " and " + max + ", got " + value);
        }
    }

    static void atLeastWhenSet(String path, Integer value, int min, String whatNullMeans) {
        if (value != null && value < min) {
            String hint = whatNullMeans == null ? "" : " when set (" + whatNullMeans + ")";
            throw new ConfigException(path, "must be >= " + min + hint + ", got " + value);
        }
    }

    static void regions(String path, List<String> regions) {
        for (int i = 0; i < regions.size(); i++) {
            String at = KeyPath.element(path, i);
            String region = regions.get(i);
            nonEmpty(at, region);
            if (!AwsRegions.isKnown(region)) {
                String normalized = region.strip().toLowerCase(Locale.ROOT);
                String hint = AwsRegions.isKnown(normalized) ? " (did you mean " + normalized + "?)" : "";
                throw new ConfigException(at, "unknown region " + Quoted.string(region) + hint);
            }
        }
        unique(path, regions, "region");
    }

    /** Every region of the policy must be in one partition: one account, and one copy, cannot span two. */
    static void onePartition(Config config) {
        List<String[]> regions = new ArrayList<>();
        for (int i = 0; i < config.regions().size(); i++) {
            regions.add(new String[] {KeyPath.element("regions", i), config.regions().get(i)});
        }
        List<String> destinations = config.crossRegionCopy().destinationRegions();
        for (int i = 0; i < destinations.size(); i++) {
            regions.add(new String[] {KeyPath.element("crossRegionCopy.destinationRegions", i), destinations.get(i)});
        }
        if (regions.isEmpty()) {
            return;
        }
        String[] first = regions.get(0);
        String partition = AwsRegions.partitionOf(first[1]).orElseThrow();
        for (String[] other : regions) {
            String otherPartition = AwsRegions.partitionOf(other[1]).orElseThrow();
            if (!otherPartition.equals(partition)) {
                throw new ConfigException(other[0], "region " + Quoted.string(other[1]) + " is in partition "
                        + otherPartition + " but " + first[0] + " " + Quoted.string(first[1]) + " is in " + partition
                        + "; one policy covers one partition");
            }
        }
    }

    static void tagKeys(String path, List<String> keys) {
        for (int i = 0; i < keys.size(); i++) {
            tagKey(KeyPath.element(path, i), keys.get(i));
        }
        unique(path, keys, "tag key");
    }

    static void tagKey(String path, String key) {
        if (key.isBlank()) {
            throw new ConfigException(path, "tag key must not be empty");
        }
        if (key.length() > MAX_TAG_KEY_CHARS) {
            throw new ConfigException(path, "tag key must be at most " + MAX_TAG_KEY_CHARS + " characters, got " + key.length());
        }
    }

    /** A key this tool writes: besides a valid key, it may not use the prefix AWS reserves for its own tags. */
    static void writableTagKey(String path, String key) {
        tagKey(path, key);
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw new ConfigException(path, "tag key must not start with \"aws:\", AWS reserves that prefix, got " + Quoted.string(key));
        }
    }

    static void tagValue(String path, String value) {
        if (value.length() > MAX_TAG_VALUE_CHARS) {
            throw new ConfigException(path, "tag value must be at most " + MAX_TAG_VALUE_CHARS + " characters, got " + value.length());
        }
    }

    /**
     * An SSM parameter name prefix ({@code latestParameters.prefix}): {@code /}, or {@code /level/.../} with levels
     * of the characters SSM allows, not starting with a name SSM reserves, at most {@code maxLevels} levels, and
     * room left for a lineage within SSM's name length.
     */
    static void parameterPrefix(String path, String prefix, int maxLevels) {
        nonEmpty(path, prefix);
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new ConfigException(path, "must start and end with \"/\", got " + Quoted.string(prefix));
        }
        String inner = prefix.substring(1, Math.max(1, prefix.length() - 1));
        String[] levels = inner.isEmpty() ? new String[0] : inner.split("/", -1);
        for (String level : levels) {
            if (!LatestParametersConfig.LEVEL_CHARS.matcher(level).matches()) {
                throw new ConfigException(path, "each level between slashes must be non-empty and use only a-z, A-Z,"
                        + " 0-9, _, . and -, got " + Quoted.string(prefix));
            }
        }
        if (LatestParametersConfig.reserved(prefix)) {
            throw new ConfigException(path, "must not begin with /aws or /ssm (any case), SSM reserves them, got "
                    + Quoted.string(prefix));
        }
        if (levels.length > maxLevels) {
            throw new ConfigException(path, "must have at most " + maxLevels + " levels (SSM allows 15 with the"
                    + " lineage), got " + levels.length);
        }
        if (prefix.length() >= LatestParametersConfig.MAX_NAME_CHARS) {
            throw new ConfigException(path, "must be shorter than " + LatestParametersConfig.MAX_NAME_CHARS
                    + " characters (SSM's name limit, with the lineage), got " + prefix.length());
        }
    }

    static void accountIds(String path, List<String> ids) {
        matching(path, ids, ACCOUNT_ID, "a 12-digit AWS account id");
    }

    static void organizationArns(String path, List<String> arns) {
        matching(path, arns, ORGANIZATION_ARN,
                "an organization ARN (arn:aws:organizations::<account>:organization/o-<id>)");
    }

    static void organizationalUnitArns(String path, List<String> arns) {
        matching(path, arns, ORGANIZATIONAL_UNIT_ARN,
                "an organizational unit ARN (arn:aws:organizations::<account>:ou/o-<id>/ou-<id>)");
    }

    static void roleName(String path, String name) {
        nonEmpty(path, name);
        if (!ROLE_NAME.matcher(name).matches()) {
            throw new ConfigException(path, "must be an IAM role name (1-64 of letters, digits and +=,.@_-), got "
                    + Quoted.string(name));
        }
    }

    static void imageIds(String path, List<String> ids) {
        matching(path, ids, IMAGE_ID, "an AMI id (ami- and 8 or 17 hex digits)");
    }

    static void kmsKey(String path, String key, String destinationRegion) {
        nonEmpty(path, key);
        if (KMS_KEY.matcher(key).matches()) {
            return;
        }
        Matcher arn = KMS_ARN.matcher(key);
        if (!arn.matches()) {
            throw new ConfigException(path, "must be a KMS key id, alias/<name>, or a key or alias ARN, got " + Quoted.string(key));
        }
        String keyRegion = arn.group(2);
        if (!keyRegion.equals(destinationRegion)) {
            // CopyImage encrypts with a key in the destination region; a key elsewhere fails every copy.
            throw new ConfigException(path, "key ARN is in region " + keyRegion + ", a copy to " + destinationRegion
                    + " needs a key in " + destinationRegion);
        }
    }

    private static void matching(String path, List<String> values, Pattern pattern, String what) {
        for (int i = 0; i < values.size(); i++) {
            String at = KeyPath.element(path, i);
            nonEmpty(at, values.get(i));
            if (!pattern.matcher(values.get(i)).matches()) {
                throw new ConfigException(at, "must be " + what + ", got " + Quoted.string(values.get(i)));
            }
        }
        unique(path, values, "value");
    }

    private static void nonEmpty(String path, String value) {
        if (value.isBlank()) {
            throw new ConfigException(path, "must not be empty");
        }
    }

    private static void unique(String path, List<String> values, String what) {
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            Integer earlier = firstIndex.putIfAbsent(values.get(i), i);
            if (earlier != null) {
                throw new ConfigException(KeyPath.element(path, i), "duplicate " + what + " " + Quoted.string(values.get(i))
                        + ", already at " + KeyPath.element(path, earlier));
            }
        }
    }
}
