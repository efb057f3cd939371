package dev.amihousekeeping.infra;

import dev.amihousekeeping.config.RecycleBinConfig;
import java.util.List;
import software.amazon.awscdk.services.rbin.CfnRule;
import software.constructs.Construct;

/**
 * The stack's tag-level Recycle Bin rules (DESIGN §9): AMIs ({@code EC2_IMAGE}) and snapshots
 * ({@code EBS_SNAPSHOT}) that carry {@code recycleBin.tagKey} = {@code true} when deregistered or deleted stay in the
 * bin {@code recycleBin.retentionDays}, restorable with {@code ami-housekeeping restore}. With {@code lock}
 * (context {@code recycleBinLock}), a rule cannot be changed or deleted until 7 days after someone unlocks it, so
 * that nobody can shorten the retention to purge quietly. Rules are regional: every stack makes its own.
 */
final class RecycleBinRules extends Construct {

    /** Days a locked rule stays in force after an unlock request (rbin allows 7 to 30). */
    static final int UNLOCK_DELAY_DAYS = 7;

    RecycleBinRules(Construct scope, String id, RecycleBinConfig settings, boolean lock) {
        super(scope, id);
        rule("Images", "EC2_IMAGE", "AMIs", settings, lock);
        rule("Snapshots", "EBS_SNAPSHOT", "EBS snapshots", settings, lock);
    }

    private void rule(String id, String resourceType, String what, RecycleBinConfig settings, boolean lock) {
        CfnRule.Builder rule = CfnRule.Builder.create(this, id)
                .resourceType(resourceType)
                .description("AMI Housekeeper: keeps " + what + " it deregisters or deletes (tagged "
                        + settings.tagKey() + "=true) " + settings.retentionDays() + " days, restorable")
                .retentionPeriod(CfnRule.RetentionPeriodProperty.builder()
                        .retentionPeriodValue(settings.retentionDays())
                        .retentionPeriodUnit("DAYS")
                        .build())
                .resourceTags(List.of(CfnRule.ResourceTagProperty.builder()
                        .resourceTagKey(settings.tagKey())
                        .resourceTagValue("true")
                        .build()));
        if (lock) {
            rule.lockConfiguration(CfnRule.UnlockDelayProperty.builder()
                    .unlockDelayUnit("DAYS")
                    .unlockDelayValue(UNLOCK_DELAY_DAYS)
                    .build());
        }
        rule.build();
    }
}
