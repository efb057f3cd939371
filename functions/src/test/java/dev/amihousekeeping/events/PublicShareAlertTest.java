package dev.amihousekeeping.events;

import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.config.PublicShareConfig;
import dev.amihousekeeping.config.PublicShareMode;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.PublicShareFinding;
import dev.amihousekeeping.core.PublicSharePolicy;
import dev.amihousekeeping.core.ResourceType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The notification text: which resource and grants, what became of them, and who, from where and when. */
class PublicShareAlertTest {

    private static final LaunchPermission PARTNER = LaunchPermission.user("444455556666");
    private static final LaunchPermission FOREIGN = LaunchPermission.user("999988887777");

    private final PublicSharePolicy policy = new PublicSharePolicy(new PublicShareConfig(true, PublicShareMode.REMEDIATE,
            List.of("444455556666"), null, null, null, true, false), ACCOUNT);

    @Test
    void eventAlert_saysWhoFromWhereWhenAndWhichGrants() {
        AttributeChanged event = (AttributeChanged) EventSamples.parse("modify-image-attribute-public.json");
        PublicShareFinding finding = policy.inspectImage(event.region(), event.resourceId(),
                List.of(LaunchPermission.publicGroup(), PARTNER));

        PublicShareAlert alert = PublicShareAlert.of(finding, PublicShareAlert.Status.REMOVED, event.context(),
                List.of(PARTNER), null);

        assertThat(alert.subject())
                .isEqualTo("AMI Housekeeper: Public AMI ami-0a1b2c3d4e5f60718 in us-east-1: grants removed");
        assertThat(alert.body()).contains(
                "AMI ami-0a1b2c3d4e5f60718 in us-east-1 is public.",
                "Offending grants: group=all",
                "Why: public: group=all",
                "Outcome: removed; the other grants were left as they were",
                "Allowed grants (never touched): userId=444455556666",
                "Grants now: userId=444455556666",
                "Who: arn:aws:iam::111122223333:user/jdoe (principal AIDAEXAMPLEUSERID01)",
                "From: 203.0.113.24, user agent aws-cli/2.17.42",
                "When: 2026-10-14T09:31:12Z",
                "Call: ModifyImageAttribute in us-east-1, request ID 7c1f5b1e-3a52-4d7e-9b0e-2f6a8d4c9e01, "
                        + "event ID 0d9c2e4b-51a7-4c8e-8f3d-6b2a1e7c5d90");
        assertThat(alert.body()).doesNotContain("scheduled sweep");
    }

    @Test
    void sweepAlert_saysItWasFoundByTheSweep_andClaimsNoCaller() {
        PublicShareFinding finding = policy.inspectSnapshot("eu-west-1", "snap-0f1e2d3c4b5a69788", List.of(FOREIGN));

        PublicShareAlert alert = PublicShareAlert.of(finding, PublicShareAlert.Status.ALERT_ONLY, null, null, null);

        assertThat(alert.subject()).isEqualTo(
                "AMI Housekeeper: Snapshot shared snap-0f1e2d3c4b5a69788 in eu-west-1: alert only");
        assertThat(alert.body()).contains(
                "Snapshot snap-0f1e2d3c4b5a69788 in eu-west-1 is shared beyond the allowlist.",
                "Why: not allowlisted: userId=999988887777",
                "Outcome: not removed: publicShare.mode is alert",
                "Found by the scheduled sweep",
                "ModifySnapshotAttribute on snap-0f1e2d3c4b5a69788");
        assertThat(alert.body()).doesNotContain("Who:", "Grants now:");
    }

    @Test
    void publicAndForeign_isWordedAsBoth() {
        PublicShareFinding finding = policy.inspectImage("us-east-1", "ami-0a1b2c3d4e5f60718",
                List.of(LaunchPermission.publicGroup(), FOREIGN));

        PublicShareAlert alert = PublicShareAlert.of(finding, PublicShareAlert.Status.DRY_RUN, null, null, null);

        assertThat(alert.subject()).isEqualTo("AMI Housekeeper: Public AMI ami-0a1b2c3d4e5f60718 in us-east-1: dry run");
        assertThat(alert.body()).contains("is public and shared beyond the allowlist.",
                "Offending grants: group=all, userId=999988887777", "Outcome: not removed: dry run");
    }

    @Test
    void failedRemoval_saysSo_inSubjectAndDetail() {
        PublicShareFinding finding = policy.inspectImage("us-east-1", "ami-0a1b2c3d4e5f60718",
                List.of(LaunchPermission.publicGroup()));

        PublicShareAlert alert = PublicShareAlert.of(finding, PublicShareAlert.Status.REMOVAL_FAILED, null, null,
                "UnauthorizedOperation: not authorized to perform ec2:ModifyImageAttribute");

        assertThat(alert.subject()).endsWith(": removal FAILED");
        assertThat(alert.body()).contains("Outcome: removal failed",
                "Detail: UnauthorizedOperation: not authorized to perform ec2:ModifyImageAttribute");
    }

    @ParameterizedTest
    @EnumSource(PublicShareAlert.Status.class)
    void subject_isOneLine_ofAtMost100Characters_asSnsRequires(PublicShareAlert.Status status) {
        PublicShareFinding finding = new PublicShareFinding("ap-southeast-2", ResourceType.SNAPSHOT,
                "snap-" + "0123456789abcdef".repeat(6), List.of(FOREIGN), List.of(FOREIGN), false);

        PublicShareAlert alert = PublicShareAlert.of(finding, status, null, null, null);

        assertThat(alert.subject()).hasSizeLessThanOrEqualTo(PublicShareAlert.MAX_SUBJECT_LENGTH).doesNotContain("\n");
    }

    @Test
    void findingWithoutOffendingGrants_isNoAlert() {
        PublicShareFinding clean = policy.inspectImage("us-east-1", "ami-0a1b2c3d4e5f60718", List.of(PARTNER));

        assertThatThrownBy(() -> PublicShareAlert.of(clean, PublicShareAlert.Status.REMOVED, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
