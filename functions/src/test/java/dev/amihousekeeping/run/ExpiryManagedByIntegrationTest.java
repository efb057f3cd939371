package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.testing.SandboxHarness;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §6 invariant 4 end to end, over real HTTP with the real SDK: an expired AMI that AWS Backup made stays
 * with its snapshots, and an expired AMI registered from a DLM snapshot goes without that snapshot (no
 * {@code DeleteAssociatedSnapshots}, which would take every snapshot of the AMI).
 */
class ExpiryManagedByIntegrationTest {

    private static final String BACKUP_AMI = "ami-0b000000000000001";
    private static final String BACKUP_SNAPSHOT = "snap-0b000000000000001";
    private static final String USER_AMI = "ami-0b000000000000002";
    private static final String USER_ROOT = "snap-0b000000000000002";
    private static final String DLM_SNAPSHOT = "snap-0b000000000000003";

    private static final String SEED = """
            {"accountId": "111122223333", "now": "2026-11-01T00:00:00Z", "regions": {"us-east-1": {
              "images": [
                {"imageId": "%s", "name": "AwsBackup_i-0123456789abcdef0_2026-01-01", "state": "available",
                 "creationDate": "2026-01-01T05:00:00Z", "ownerId": "111122223333",
                 "tags": {"DeleteOn": "2026-06-01",
                          "aws:backup:source-resource": "i-0123456789abcdef0:ae95e9c3-5a9d-4f1a-8a51-2c9f6c1a2b3c"},
                 "blockDeviceMappings": [{"deviceName": "/dev/xvda", "snapshotId": "%s", "volumeSize": 8}]},
                {"imageId": "%s", "name": "restored-data-2026-01-01", "state": "available",
                 "creationDate": "2026-01-01T05:00:00Z", "ownerId": "111122223333",
                 "tags": {"DeleteOn": "2026-06-01"},
                 "blockDeviceMappings": [{"deviceName": "/dev/xvda", "snapshotId": "%s", "volumeSize": 8},
                                         {"deviceName": "/dev/xvdb", "snapshotId": "%s", "volumeSize": 100}]}
              ],
              "snapshots": [
                {"snapshotId": "%s", "volumeId": "vol-ffffffff", "volumeSize": 8,
                 "startTime": "2026-01-01T05:00:00Z",
                 "description": "This snapshot is created by the AWS Backup service."},
                {"snapshotId": "%s", "volumeId": "vol-0b000000000000002", "volumeSize": 8,
                 "startTime": "2026-01-01T05:00:00Z",
                 "description": "Created by CreateImage(i-0b000000000000009) for %s from vol-0b000000000000002"},
                {"snapshotId": "%s", "volumeId": "vol-0b000000000000003", "volumeSize": 100,
                 "startTime": "2025-12-31T05:00:00Z",
                 "description": "Created for policy: policy-0123456789abcdef0 schedule: Default Schedule",
                 "tags": {"aws:dlm:lifecycle-policy-id": "policy-0123456789abcdef0",
                          "aws:dlm:lifecycle-schedule-name": "Default Schedule", "dlm:managed": "true"}}
              ]}}}
            """.formatted(BACKUP_AMI, BACKUP_SNAPSHOT, USER_AMI, USER_ROOT, DLM_SNAPSHOT, BACKUP_SNAPSHOT,
            USER_ROOT, USER_AMI, DLM_SNAPSHOT);

    private static final String POLICY = """
            {"regions": ["us-east-1"], "dryRun": false, "expiry": {"deprecateFirst": false}}
            """;

    @Test
    void invariant4_keepsTheBackupAmiAndTheDlmSnapshot_whileDeregisteringTheExpiredUserAmi() {
        try (SandboxHarness sandbox = ExpiryFixture.sandbox(Seed.parse(SEED))) {
            Report report = ExpiryFixture.run(sandbox, ExpiryFixture.policy(POLICY), false);

            assertThat(report.kept()).anySatisfy(k -> {
                assertThat(k.resourceId()).isEqualTo(BACKUP_AMI);
                assertThat(k.reason()).isEqualTo("aws-backup: tag aws:backup:source-resource");
            });
            assertThat(report.actions()).singleElement().satisfies(a -> {
                assertThat(a.resourceId()).isEqualTo(USER_AMI);
                assertThat(a.outcome()).isEqualTo(Outcome.DONE);
            });
            assertThat(ExpiryFixture.images(sandbox)).containsOnlyKeys("us-east-1/AwsBackup_i-0123456789abcdef0_2026-01-01");
            assertThat(ExpiryFixture.snapshots(sandbox)).containsExactly(BACKUP_SNAPSHOT, DLM_SNAPSHOT);
        }
    }
}
