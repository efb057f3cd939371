package dev.amihousekeeping.infra;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.CrossRegionCopyConfig;
import dev.amihousekeeping.core.CrossRegionCopyPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * {@code ec2:CreateTags} for {@code cross-region-copy}, held to the tags its code writes: {@code aws:TagKeys} (every
 * key of the request must be one of ours) and, for a copy's own tags, {@code ec2:CreateAction = CopyImage}, which EC2
 * sets when CopyImage tags the resource it creates (EC2 User Guide, "Grant permission to tag Amazon EC2 resources
 * during creation").
 */
final class CopyTags {
    /** The one action these statements grant: declared by {@code Ec2ActionApplier} for tag and copy actions. */
    static final String CREATE_TAGS = "ec2:CreateTags";

    private CopyTags() {
    }

    /**
     * The stamp: {@code TagOnCreatePolicy} writes the creator tag and the first expiry tag key on a new AMI and its
     * snapshots; {@code CopyStampPolicy} gives the AMI's existing copies what of that stamp a new copy would carry.
     */
    static PolicyStatement stamp(Config config, List<String> resources) {
        List<String> keys = new ArrayList<>();
        keys.add(config.tagOnCreate().creatorTagKey());
        if (!config.expiry().expiryTagKeys().isEmpty()) {
            keys.add(config.expiry().expiryTagKeys().get(0));
        }
        return PolicyStatement.Builder.create().sid("StampNewImages")
                .actions(List.of(CREATE_TAGS))
                .resources(resources)
                .conditions(Map.of("ForAllValues:StringEquals", Map.of("aws:TagKeys", distinct(keys))))
                .build();
    }

    /**
     * A copy's own tags: the CopyImage request's tag specification ({@code SourceAmi}, {@code SourceRegion}, with
     * {@code retainCopies} the source's expiry tags) and, with {@code copyTags}, the source's own tags (by
     * {@code CopyImageTags} or set one by one in the tag specification, see {@code CrossRegionCopyPolicy}). Those are
     * whatever the AMI's owner chose, so with {@code copyTags} only the create action holds the statement.
     */
    static PolicyStatement onCopy(CrossRegionCopyConfig copy, List<String> expiryTagKeys, List<String> resources) {
        Map<String, Object> conditions = new LinkedHashMap<>();
        conditions.put("StringEquals", Map.of("ec2:CreateAction", "CopyImage"));
        if (!copy.copyTags()) {
            List<String> keys = new ArrayList<>(List.of(CrossRegionCopyPolicy.SOURCE_AMI_TAG,
                    CrossRegionCopyPolicy.SOURCE_REGION_TAG));
            if (copy.retainCopies()) {
                keys.addAll(expiryTagKeys);
            }
            conditions.put("ForAllValues:StringEquals", Map.of("aws:TagKeys", distinct(keys)));
        }
        return PolicyStatement.Builder.create().sid("TagCopiesAsTheyAreMade")
                .actions(List.of(CREATE_TAGS))
                .resources(resources)
                .conditions(conditions)
                .build();
    }

    private static List<String> distinct(List<String> keys) {
        return List.copyOf(new LinkedHashSet<>(keys));
    }
}
