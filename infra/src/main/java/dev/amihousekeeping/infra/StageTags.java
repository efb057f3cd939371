package dev.amihousekeeping.infra;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ExpiryConfig;
import dev.amihousekeeping.config.RecycleBinConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * {@code ec2:CreateTags} and {@code ec2:DeleteTags} for expiry and orphan-snapshots, held by {@code aws:TagKeys} to
 * the keys their code writes (DESIGN §5 expiry, "Stages" and "Recycle Bin"): the notice tag and the disabled-on tag
 * of the stages, and the two recycle tags written before a deregistration or deletion. Not denied on exempt AMIs:
 * removing the notice tag of an AMI someone exempted is exactly what expiry does then.
 */
final class StageTags {
    static final List<String> TAG_CALLS = List.of("ec2:CreateTags", "ec2:DeleteTags");

    private StageTags() {
    }

    /** Expiry: the stage tags on AMIs, the recycle tags on AMIs and the snapshots that go with them. */
    static PolicyStatement expiry(Config config, List<String> actions, List<String> resources) {
        ExpiryConfig expiry = config.expiry();
        List<String> keys = new ArrayList<>(List.of(expiry.noticeTagKey(), ExpiryConfig.DISABLED_ON_TAG_KEY));
        keys.addAll(recycleKeys(config));
        return statement("TagStagesAndRecycle", actions, resources, keys);
    }

    /** Orphan-snapshots: the recycle tags on each snapshot before it is deleted. */
    static PolicyStatement orphanSnapshots(Config config, List<String> actions, List<String> resources) {
        return statement("TagForRecycleBin", actions, resources, recycleKeys(config));
    }

    private static List<String> recycleKeys(Config config) {
        return List.of(config.recycleBin().tagKey(), RecycleBinConfig.RUN_ID_TAG_KEY);
    }

    private static PolicyStatement statement(String sid, List<String> actions, List<String> resources, List<String> keys) {
        return PolicyStatement.Builder.create().sid(sid)
                .actions(actions)
                .resources(resources)
                .conditions(Map.of("ForAllValues:StringEquals", Map.of("aws:TagKeys", List.copyOf(new LinkedHashSet<>(keys)))))
                .build();
    }
}
