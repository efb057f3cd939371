package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.PublicShareFixture.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedGenerator;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 2: the sweep reads grants several at a time (EC2 has no batch form of DescribeImageAttribute or
 * DescribeSnapshotAttribute), one call each, and the outcome is still the one-at-a-time sweep's.
 */
class PublicShareSweepReadsTest {

    // Well above a real EC2 call's latency, so that the waits, not this machine's CPU, decide the comparison.
    private static final long LATENCY_MS = 200;
    private static final String REGION = "us-east-1";
    private static final Seed SEED = SeedGenerator.generate("images=40,snapshots=80,regions=us-east-1,seed=5");

    @Test
    void readsGrantsSeveralAtATime_oneCallEach_underEc2sLimits() {
        try (SandboxHarness sandbox = SandboxHarness.start(SEED).at(SEED.now())) {
            sandbox.limits(LATENCY_MS, true);
            long started = System.nanoTime();
            Report report = PublicShareFixture.sweep(sandbox, config("{}"), true, REGION);
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(report.errors()).isEmpty();
            assertThat(report.kept()).noneMatch(k -> k.reason().equals("grants-not-read"));
            int reads = sandbox.calls(REGION, "DescribeImageAttribute")
                    + sandbox.calls(REGION, "DescribeSnapshotAttribute");
            assertThat(reads).as("one read per AMI and snapshot").isGreaterThanOrEqualTo(100);
            // One read after another the sweep would wait reads x LATENCY_MS at least.
            assertThat(millis).as("%d grant reads at %d ms each", reads, LATENCY_MS)
                    .isLessThan(reads * LATENCY_MS / 2);
        }
    }

    @Test
    void aFailedRead_stopsTheReads_andNothingReadAfterItIsUsed_asOneAtATime() {
        try (SandboxHarness sandbox = SandboxHarness.start(SEED).at(SEED.now())) {
            Set<String> publicIds = sandbox.ec2(REGION).describeSnapshots(r -> r.ownerIds("self")
                    .restorableByUserIds("all")).snapshots().stream().map(s -> s.snapshotId()).collect(Collectors.toCollection(HashSet::new));
            sandbox.ec2(REGION).describeImages(r -> r.owners("self").filters(f -> f.name("is-public").values("true")))
                    .images().forEach(image -> publicIds.add(image.imageId()));
            sandbox.fault("{\"action\": \"DescribeSnapshotAttribute\", \"error\": \"UnauthorizedOperation\","
                    + " \"rate\": 0.1, \"seed\": 3}");

            Report report = PublicShareFixture.sweep(sandbox, config("{}"), true, REGION);

            assertThat(report.errors()).singleElement().satisfies(error ->
                    assertThat(error.message()).endsWith("(grant reads in us-east-1 stopped here)"));
            Matcher failed = Pattern.compile("DescribeSnapshotAttribute (snap-\\w+): ")
                    .matcher(report.errors().get(0).message());
            assertThat(failed.find()).isTrue();
            String stoppedAt = failed.group(1);
            Set<String> notRead = report.kept().stream().filter(k -> k.reason().equals("grants-not-read"))
                    .map(Kept::resourceId).collect(Collectors.toCollection(TreeSet::new));
            assertThat(notRead).contains(stoppedAt);
            // Public ones are read first, then the others by id (ami- before snap-). Whichever read failed, whatever
            // reads were in flight beside it: it and every read after it in that order are not used (kept as
            // grants-not-read, nothing planned on them), and every one before it is.
            Predicate<String> before = publicIds.contains(stoppedAt)
                    ? id -> publicIds.contains(id) && id.compareTo(stoppedAt) < 0
                    : id -> publicIds.contains(id) || id.compareTo(stoppedAt) < 0;
            assertThat(notRead).noneMatch(before);
            assertThat(report.actions()).extracting(ActionResult::resourceId).filteredOn(id -> id.startsWith("ami-")
                    || id.startsWith("snap-")).isNotEmpty().allMatch(before, "read before the failed read");
        }
    }
}
