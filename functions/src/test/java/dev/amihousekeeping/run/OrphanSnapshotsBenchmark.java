package dev.amihousekeeping.run;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.config.OrphanSnapshotsConfig;
import dev.amihousekeeping.core.Inventory;
import dev.amihousekeeping.core.OrphanSnapshotPolicy;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.sandbox.SeedGenerator;
import dev.amihousekeeping.testing.SandboxHarness;
import java.time.Instant;
import java.util.List;

/**
 * Not a test: how long orphan-snapshots takes to read and plan one region of DESIGN §10's size (10,000 AMIs,
 * 30,000 snapshots) through the real SDK against the sandbox, and the pure plan alone. Run it with the test
 * classpath, e.g. {@code java -cp <functions test classpath> dev.amihousekeeping.run.OrphanSnapshotsBenchmark
 * [generator spec]}. Timing belongs to the {@code bench} command, never to an assertion.
 */
public final class OrphanSnapshotsBenchmark {

    private OrphanSnapshotsBenchmark() {
    }

    public static void main(String[] args) {
        String spec = args.length > 0 ? args[0] : "images=10000,snapshots=30000,regions=us-east-1,seed=1";
        Instant now = Instant.parse("2026-11-01T00:00:00Z");
        long t0 = System.nanoTime();
        try (SandboxHarness sandbox = SandboxHarness.start(SeedGenerator.generate(spec)).at(now)) {
            System.out.printf("seed %s generated and loaded in %d ms%n", spec, millis(t0));
            Ec2Gateway gateway = sandbox.gateway();
            Housekeeping housekeeping = sandbox.housekeeping();
            // A cap above the plan, so that the report counts planned deletions rather than held-back ones.
            Config config = ConfigLoader.parse("{\"maxActionsPerRun\":1000000}");
            RunRequest request = new RunRequest(config, List.of("us-east-1"), true, now, "bench");

            for (int round = 1; round <= 3; round++) {
                long t = System.nanoTime();
                Report report = new OrphanSnapshotsRun(housekeeping).run(request);
                System.out.printf("round %d: dry run (read snapshots, read images, plan) %d ms: %d to delete, "
                                + "%d kept, $%.2f/month%n", round, millis(t), report.count(Outcome.PLANNED),
                        report.kept().size(), report.estimatedMonthlySavingsUsd());
            }

            long t = System.nanoTime();
            Inventory inventory = gateway.readInventory("us-east-1");
            System.out.printf("read inventory alone: %d ms (%d snapshots, %d images)%n", millis(t),
                    inventory.snapshots().size(), inventory.images().size());
            OrphanSnapshotPolicy policy = new OrphanSnapshotPolicy(OrphanSnapshotsConfig.defaults());
            for (int round = 1; round <= 5; round++) {
                t = System.nanoTime();
                Plan plan = policy.plan(inventory, now);
                System.out.printf("pure plan %d: %d ms (%d actions)%n", round, millis(t), plan.actions().size());
            }
            Runtime rt = Runtime.getRuntime();
            System.out.printf("heap used %d MiB%n", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
        }
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
