package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.ExpiryTestConfig.config;
import static dev.amihousekeeping.core.ExpiryTestImage.cleanEvidence;
import static dev.amihousekeeping.core.ExpiryTestImage.expired;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.config.OrphanSnapshotsConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN §6 invariant 4 for expiry: an AMI that AWS Backup or DLM made or manages is kept, and a snapshot that
 * orphan-snapshots would keep as managed is never deleted with the AMI that uses it. Each image here expires by
 * every other rule.
 */
class ExpiryManagedByTest {

    private static final String ID = "ami-0001";
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");
    private static final String BACKUP_DESCRIPTION = "This snapshot is created by the AWS Backup service.";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "aws:backup:source-resource, i-0123456789abcdef0:abcd1234-5678, aws-backup: tag aws:backup:source-resource",
            "aws:dlm:lifecycle-policy-id, policy-0123456789abcdef0, dlm: tag aws:dlm:lifecycle-policy-id",
    })
    void invariant4_neverDeregisters_whenAwsBackupOrDlmTaggedTheImage(String key, String value, String reason) {
        Inventory inventory = inventory(List.of(expired(ID).tag(key, value).build()), List.of());

        assertKept(config().plan(inventory), reason);
    }

    @Test
    void invariant4_neverDeregisters_whenItsSnapshotsAreDescribedByAwsBackup() {
        Inventory inventory = inventory(List.of(expired(ID).build()),
                List.of(snapshot("snap-0001", BACKUP_DESCRIPTION, Map.of())));

        assertKept(config().plan(inventory),
                "aws-backup: snapshot snap-0001");
        assertThat(config().policy().candidates(inventory, NOW)).isEmpty();
    }

    @Test
    void invariant4_recheck_keeps_whenAwsBackupTaggedTheImageSincePlanning() {
        ExpiryPolicy policy = config().policy();
        Inventory inventory = inventory(List.of(expired(ID).build()), List.of());
        Action planned = policy.plan(inventory, cleanEvidence(inventory), NOW).actions().get(0);
        Image nowBackedUp = expired(ID).tag("aws:backup:source-resource", "i-0123456789abcdef0").build();

        assertThat(policy.recheck(planned, nowBackedUp, ACCOUNT, cleanEvidence(inventory), Map.of(), NOW))
                .contains("aws-backup: tag aws:backup:source-resource");
    }

    @Test
    void invariant4_neverListsSnapshotForDeletion_whenDlmManagesIt() {
        Image registeredFromDlmSnapshot = expired(ID).snapshots(
                new BlockDevice("/dev/xvda", "snap-root", 8),
                new BlockDevice("/dev/xvdb", "snap-dlm", 100)).build();
        Inventory inventory = inventory(List.of(registeredFromDlmSnapshot), List.of(
                snapshot("snap-root", "Created by CreateImage(i-0123456789abcdef0) for ami-0123456789abcdef0",
                        Map.of()),
                snapshot("snap-dlm", "", Map.of("aws:dlm:lifecycle-policy-id", "policy-0123456789abcdef0"))));

        Plan plan = config().plan(inventory);

        assertThat(plan.actions()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(ActionType.DEREGISTER);
            Action.Deregister deregister = (Action.Deregister) a;
            assertThat(deregister.snapshotIds()).containsExactly("snap-root");
            assertThat(deregister.keptSnapshots()).containsExactly("snap-dlm (dlm: tag aws:dlm:lifecycle-policy-id)");
            assertThat(deregister.snapshotGiB()).isEqualTo(8);
        });
    }

    static Stream<Arguments> snapshots() {
        return Stream.of(
                Arguments.of(BACKUP_DESCRIPTION, Map.of()),
                Arguments.of("my own words", Map.of("aws:backup:source-resource", "vol-0123456789abcdef0")),
                Arguments.of("Created for policy: policy-0123456789abcdef0 schedule: Default Schedule", Map.of()),
                Arguments.of("", Map.of("aws:dlm:lifecycle-schedule-name", "Default Schedule")),
                Arguments.of("", Map.of("dlm:managed", "true")),
                Arguments.of("", Map.of("AWS:DLM:Lifecycle-Policy-Id", "policy-0123456789abcdef0")),
                Arguments.of("Created by CreateImage(i-0123456789abcdef0) for ami-0123456789abcdef0", Map.of()),
                Arguments.of("", Map.of("Team", "web")));
    }

    /** One rule: expiry deletes a snapshot with its AMI exactly when orphan-snapshots would not keep it as managed. */
    @ParameterizedTest
    @MethodSource("snapshots")
    void expiryKeepsASnapshot_exactlyWhenOrphanSnapshotsKeepsItAsManaged(String description, Map<String, String> tags) {
        Snapshot data = snapshot("snap-data", description, tags);
        Image image = expired(ID).snapshots(new BlockDevice("/dev/xvda", "snap-data", 8)).build();

        Plan orphans = new OrphanSnapshotPolicy(OrphanSnapshotsConfig.defaults())
                .plan(inventory(List.of(), List.of(data)), NOW);
        boolean orphansKeepAsManaged = orphans.kept().stream()
                .anyMatch(k -> k.reason().equals("aws-backup") || k.reason().equals("dlm"));
        Inventory expiring = inventory(List.of(image), List.of(data));
        Plan expiry = config().plan(expiring);
        boolean expiryDeletes = expiry.actions().stream()
                .anyMatch(a -> ((Action.Deregister) a).snapshotIds().contains("snap-data"));

        assertThat(expiryDeletes).isEqualTo(!orphansKeepAsManaged);
    }

    private static Snapshot snapshot(String snapshotId, String description, Map<String, String> tags) {
        return new Snapshot(REGION, snapshotId, "vol-0123456789abcdef0", 8, LONG_AGO, description, ACCOUNT,
                "completed", tags, null);
    }

    private static Inventory inventory(List<Image> images, List<Snapshot> snapshots) {
        return new Inventory(REGION, ACCOUNT, NOW, images, snapshots);
    }

    private static void assertKept(Plan plan, String reason) {
        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).containsExactly(new Kept(REGION, ResourceType.IMAGE, ID, reason));
    }
}
