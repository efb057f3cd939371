package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.PublicShareFixtures.AMI;
import static dev.amihousekeeping.core.PublicShareFixtures.FOREIGN;
import static dev.amihousekeeping.core.PublicShareFixtures.FOREIGN_ACCOUNT;
import static dev.amihousekeeping.core.PublicShareFixtures.OWN_ACCOUNT;
import static dev.amihousekeeping.core.PublicShareFixtures.PARTNER;
import static dev.amihousekeeping.core.PublicShareFixtures.PUBLIC;
import static dev.amihousekeeping.core.PublicShareFixtures.PUBLIC_AMI;
import static dev.amihousekeeping.core.PublicShareFixtures.SNAPSHOT;
import static dev.amihousekeeping.core.PublicShareFixtures.config;
import static dev.amihousekeeping.core.PublicShareFixtures.image;
import static dev.amihousekeeping.core.PublicShareFixtures.policy;
import static dev.amihousekeeping.core.PublicShareFixtures.remediate;
import static dev.amihousekeeping.core.PublicShareFixtures.snapshot;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.amihousekeeping.config.PublicShareMode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The scheduled sweep over owned images and snapshots, and block public access per region. */
class PublicShareSweepTest {

    private static final String CLEAN_AMI = "ami-0123456789abcdef0";
    private static final String FOREIGN_AMI = "ami-0aaaaaaaaaaaaaaaa";
    private static final String UNREAD_AMI = "ami-0bbbbbbbbbbbbbbbb";
    private static final String CLEAN_SNAPSHOT = "snap-0123456789abcdef0";

    @Test
    void sweep_givesEveryResourceOneActionOrOneKeptEntry_withItsReason() {
        Plan plan = policy(remediate()).sweep(
                List.of(image(AMI, OWN_ACCOUNT), image(CLEAN_AMI, OWN_ACCOUNT), image(PUBLIC_AMI, OWN_ACCOUNT),
                        image(FOREIGN_AMI, FOREIGN_ACCOUNT), image(UNREAD_AMI, OWN_ACCOUNT)),
                Map.of(AMI, List.of(PUBLIC, PARTNER), CLEAN_AMI, List.of(PARTNER), PUBLIC_AMI, List.of(PUBLIC),
                        FOREIGN_AMI, List.of(PUBLIC)),
                List.of(snapshot(SNAPSHOT, OWN_ACCOUNT), snapshot(CLEAN_SNAPSHOT, OWN_ACCOUNT)),
                Map.of(SNAPSHOT, List.of(FOREIGN), CLEAN_SNAPSHOT, List.of()));

        assertThat(plan.actions()).extracting(Action::resourceId, Action::reason).containsExactly(
                tuple(AMI, "public: group=all"),
                tuple(SNAPSHOT, "not allowlisted: userId=999988887777"));
        assertThat(plan.kept()).extracting(Kept::resourceId, Kept::reason).containsExactly(
                tuple(CLEAN_AMI, "no-offending-grants"),
                tuple(PUBLIC_AMI, "allowed-public-image"),
                tuple(FOREIGN_AMI, "not-owned: " + FOREIGN_ACCOUNT),
                tuple(UNREAD_AMI, "grants-not-read"),
                tuple(CLEAN_SNAPSHOT, "no-offending-grants"));
    }

    @Test
    void sweep_keepsSnapshots_whenExcluded_butStillRemediatesImages() {
        Plan plan = policy(config(PublicShareMode.REMEDIATE, false, false, true)).sweep(
                List.of(image(AMI, OWN_ACCOUNT)), Map.of(AMI, List.of(PUBLIC)),
                List.of(snapshot(SNAPSHOT, OWN_ACCOUNT)), Map.of(SNAPSHOT, List.of(PUBLIC)));

        assertThat(plan.actions()).extracting(Action::resourceId).containsExactly(AMI);
        assertThat(plan.kept()).extracting(Kept::reason).containsExactly("snapshots-excluded");
    }

    @Test
    void findings_areTheOffendingResources_forAlerts() {
        List<PublicShareFinding> findings = policy(remediate()).findings(
                List.of(image(AMI, OWN_ACCOUNT), image(CLEAN_AMI, OWN_ACCOUNT), image(FOREIGN_AMI, FOREIGN_ACCOUNT)),
                Map.of(AMI, List.of(PUBLIC, PARTNER), CLEAN_AMI, List.of(PARTNER), FOREIGN_AMI, List.of(PUBLIC)),
                List.of(snapshot(SNAPSHOT, OWN_ACCOUNT)), Map.of(SNAPSHOT, List.of(FOREIGN)));

        assertThat(findings).extracting(PublicShareFinding::resourceId).containsExactly(AMI, SNAPSHOT);
        assertThat(findings.get(0).grants()).containsExactly(PUBLIC, PARTNER);
        assertThat(findings.get(0).offending()).containsExactly(PUBLIC);
    }

    @Test
    void findings_areNone_whenDisabled() {
        assertThat(policy(config(PublicShareMode.REMEDIATE, true, true, false)).findings(
                List.of(image(AMI, OWN_ACCOUNT)), Map.of(AMI, List.of(PUBLIC)), List.of(), Map.of())).isEmpty();
    }

    /** image state, snapshot state, enforce, mode, expected image entry, expected snapshot entry. */
    static Stream<Arguments> blockPublicAccess() {
        return Stream.of(
                Arguments.of("unblocked", "unblocked", true, PublicShareMode.REMEDIATE,
                        "action: image block public access is unblocked",
                        "action: snapshot block public access is unblocked"),
                Arguments.of("block-new-sharing", "block-all-sharing", true, PublicShareMode.REMEDIATE,
                        "kept: block-public-access: block-new-sharing", "kept: block-public-access: block-all-sharing"),
                Arguments.of("unblocked", "block-new-sharing", true, PublicShareMode.REMEDIATE,
                        "action: image block public access is unblocked",
                        "kept: block-public-access: block-new-sharing"),
                Arguments.of("unblocked", "unblocked", false, PublicShareMode.REMEDIATE,
                        "kept: block-public-access-not-enforced: unblocked",
                        "kept: block-public-access-not-enforced: unblocked"),
                Arguments.of("unblocked", "unblocked", true, PublicShareMode.ALERT,
                        "kept: alert-only: image block public access is unblocked",
                        "kept: alert-only: snapshot block public access is unblocked"),
                Arguments.of(null, null, true, PublicShareMode.REMEDIATE,
                        "kept: block-public-access-unknown", "kept: block-public-access-unknown"));
    }

    @ParameterizedTest(name = "{0}/{1} enforce={2} {3}")
    @MethodSource("blockPublicAccess")
    void blockPublicAccess_isTurnedOn_onlyWhenOffAndEnforcedInRemediateMode(
            String imageState, String snapshotState, boolean enforce, PublicShareMode mode,
            String expectedImage, String expectedSnapshot) {
        Plan plan = policy(config(mode, true, enforce, true)).blockPublicAccess(REGION, imageState, snapshotState);

        assertThat(entry(plan, PublicSharePolicy.IMAGE_BLOCK_PUBLIC_ACCESS)).isEqualTo(expectedImage);
        assertThat(entry(plan, PublicSharePolicy.SNAPSHOT_BLOCK_PUBLIC_ACCESS)).isEqualTo(expectedSnapshot);
    }

    @Test
    void blockPublicAccess_action_isAnAccountSetting_toBlockNewSharing() {
        Plan plan = policy(config(PublicShareMode.REMEDIATE, true, true, true))
                .blockPublicAccess(REGION, "unblocked", "unblocked");

        assertThat(plan.actions()).containsExactly(
                new Action.EnableBlockPublicAccess(REGION, "image-block-public-access",
                        "image block public access is unblocked", "image", "block-new-sharing"),
                new Action.EnableBlockPublicAccess(REGION, "snapshot-block-public-access",
                        "snapshot block public access is unblocked", "snapshot", "block-new-sharing"));
    }

    @Test
    void blockPublicAccess_forSnapshots_isLeftAlone_whenSnapshotsAreExcluded() {
        Plan plan = policy(config(PublicShareMode.REMEDIATE, false, true, true))
                .blockPublicAccess(REGION, "unblocked", "unblocked");

        assertThat(entry(plan, PublicSharePolicy.SNAPSHOT_BLOCK_PUBLIC_ACCESS)).isEqualTo("kept: snapshots-excluded");
        assertThat(plan.actions()).extracting(Action::resourceId).containsExactly("image-block-public-access");
    }

    @Test
    void blockPublicAccess_isLeftAlone_whenDisabled() {
        Plan plan = policy(config(PublicShareMode.REMEDIATE, true, true, false))
                .blockPublicAccess(REGION, "unblocked", "unblocked");

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).extracting(Kept::reason).containsOnly("disabled");
    }

    private static String entry(Plan plan, String setting) {
        for (Action action : plan.actions()) {
            if (action.resourceId().equals(setting)) {
                return "action: " + action.reason();
            }
        }
        return plan.kept().stream().filter(k -> k.resourceId().equals(setting)).map(k -> "kept: " + k.reason())
                .findFirst().orElse("none");
    }
}
