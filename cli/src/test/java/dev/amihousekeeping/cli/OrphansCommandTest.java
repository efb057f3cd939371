package dev.amihousekeeping.cli;

import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.sandbox.SeedBlockDevice;
import dev.amihousekeeping.sandbox.SeedGenerator;
import dev.amihousekeeping.sandbox.SeedImage;
import dev.amihousekeeping.sandbox.SeedRegion;
import dev.amihousekeeping.sandbox.SeedSnapshot;
import dev.amihousekeeping.testing.SandboxHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ami-housekeeping orphans} against a sandbox seeded by the sandbox's own generator (a fixture this function
 * did not write: pending, disabled, failed and deprecated AMIs, cross-region copies, Backup and DLM snapshots, user
 * snapshots). The expected orphans come from an oracle written here from DESIGN §5, not from the policy.
 */
class OrphansCommandTest {

    // Small, since every deletion costs four sandbox round trips; seed 16 is one whose us-east-1 has pending,
    // disabled, failed and deprecated AMIs with snapshots (fixtureHasWhatTheTestIsAbout checks it).
    private static final String SPEC = "images=40,snapshots=70,regions=us-east-1;eu-west-1,seed=16";
    private static final Pattern CREATE_IMAGE =
            Pattern.compile("Created by CreateImage\\(i-[0-9a-f]+\\) for (ami-[0-9a-f]+)(?: from vol-[0-9a-f]+)?");
    private static final Pattern COPY_IMAGE = Pattern.compile("Copied for DestinationAmi (ami-[0-9a-f]+) from "
            + "SourceAmi ami-[0-9a-f]+(?: for SourceSnapshot snap-[0-9a-f]+)?(?:\\. Task created on [0-9,]+\\.)?");

    private final Seed seed = SeedGenerator.generate(SPEC);
    private final SandboxHarness sandbox = SandboxHarness.start(seed);

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        sandbox.close();
    }

    /** What DESIGN §5 calls an orphan, per region: region -> snapshot ids. */
    private static Map<String, Set<String>> oracle(Seed seed) {
        Map<String, Set<String>> orphans = new TreeMap<>();
        seed.regions().forEach((region, state) -> {
            Set<String> referenced = new HashSet<>();
            Set<String> ownImages = new HashSet<>();
            for (SeedImage image : state.images()) {
                image.blockDeviceMappings().stream().map(SeedBlockDevice::snapshotId).filter(Objects::nonNull)
                        .forEach(referenced::add);
                if (seed.accountId().equals(image.ownerId())) {
                    ownImages.add(image.imageId());
                }
            }
            Set<String> ids = new TreeSet<>();
            for (SeedSnapshot s : state.snapshots()) {
                String named = namedAmi(s.description());
                boolean managed = s.tags().keySet().stream().anyMatch(k -> k.startsWith("aws:backup:")
                        || k.startsWith("aws:dlm:") || k.equals("dlm:managed"))
                        || s.description().contains("AWS Backup") || s.description().startsWith("Created for policy:");
                boolean exempt = s.tags().containsKey("DoNotDelete") || s.tags().containsKey("Retain");
                boolean oldEnough = !s.startTime().isAfter(NOW.minus(Duration.ofDays(7)));
                if (seed.accountId().equals(s.ownerId()) && !referenced.contains(s.snapshotId()) && named != null
                        && !ownImages.contains(named) && !managed && !exempt && oldEnough
                        && s.state().equals("completed")) {
                    ids.add(s.snapshotId());
                }
            }
            orphans.put(region, ids);
        });
        return orphans;
    }

    private static String namedAmi(String description) {
        for (Pattern wording : new Pattern[] {CREATE_IMAGE, COPY_IMAGE}) {
            Matcher m = wording.matcher(description);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static Map<String, Set<String>> snapshotIds(Seed state) {
        Map<String, Set<String>> ids = new TreeMap<>();
        state.regions().forEach((region, r) -> ids.put(region,
                r.snapshots().stream().map(SeedSnapshot::snapshotId).collect(Collectors.toCollection(TreeSet::new))));
        return ids;
    }

    private CliRun orphans(String... extra) throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.json"), "{\"maxActionsPerRun\":5000}");
        String[] args = {"orphans", "--endpoint", sandbox.endpoint().toString(), "--regions", "us-east-1,eu-west-1",
                "--now", NOW.toString(), "--config", policy.toString(), "--json"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        // The run's JSON log lines go to stderr; keep them out of the build's output.
        PrintStream originalErr = System.err;
        try {
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true));
            return CliRun.of(all);
        } finally {
            System.setErr(originalErr);
        }
    }

    @Test
    void fixtureHasWhatTheTestIsAbout() {
        SeedRegion east = seed.regions().get("us-east-1");
        assertThat(east.images()).filteredOn(i -> i.blockDeviceMappings().stream().anyMatch(b -> b.snapshotId() != null))
                .extracting(SeedImage::state).contains("pending", "disabled", "failed");
        assertThat(east.images()).anyMatch(i -> i.deprecationTime() != null && i.deprecationTime().isBefore(NOW));
        assertThat(east.snapshots()).anyMatch(s -> s.tags().containsKey("aws:backup:source-resource"))
                .anyMatch(s -> s.tags().containsKey("aws:dlm:lifecycle-policy-id"));
        assertThat(oracle(seed).values()).allSatisfy(ids -> assertThat(ids).hasSizeGreaterThan(3));
    }

    @Test
    void apply_deletesExactlyTheOrphans_thenASecondRunChangesNothing() throws IOException {
        Map<String, Set<String>> before = snapshotIds(seed);

        CliRun dryRun = orphans();
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(sandbox.state()).as("dry-run changes nothing").isEqualTo(seed);

        CliRun apply = orphans("--apply");
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        Report report = ReportJson.read(apply.out().strip());
        Map<String, Set<String>> deleted = new TreeMap<>();
        snapshotIds(sandbox.state()).forEach((region, after) -> {
            Set<String> gone = new TreeSet<>(before.get(region));
            gone.removeAll(after);
            deleted.put(region, gone);
        });
        assertThat(deleted).isEqualTo(oracle(seed));
        assertThat(report.actions()).extracting(ActionResult::outcome).containsOnly(Outcome.DONE);
        assertThat(ReportJson.read(dryRun.out().strip()).actions()).extracting(a -> a.region() + "/" + a.resourceId())
                .containsExactlyInAnyOrderElementsOf(report.actions().stream()
                        .map(a -> a.region() + "/" + a.resourceId()).toList());
        assertThat(report.estimatedMonthlySavingsUsd()).isPositive();

        Seed afterFirst = sandbox.state();
        CliRun again = orphans("--apply");
        assertThat(again.exitCode()).isZero();
        assertThat(ReportJson.read(again.out().strip()).actions()).isEmpty();
        assertThat(sandbox.state()).isEqualTo(afterFirst);
    }

    @Test
    void table_showsSizesReasonsAndTheSaving() throws IOException {
        Path policy = Files.writeString(dir.resolve("small.json"), "{\"maxActionsPerRun\":5000}");
        PrintStream originalErr = System.err;
        CliRun run;
        try {
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true));
            run = CliRun.of("orphans", "--endpoint", sandbox.endpoint().toString(), "--regions", "us-east-1",
                    "--now", NOW.toString(), "--config", policy.toString());
        } finally {
            System.setErr(originalErr);
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("orphan-snapshots (dry-run: nothing changed; --apply to act) over us-east-1")
                .containsPattern("snap-[0-9a-f]{17} +delete-snapshot +planned +orphan: ami-[0-9a-f]{17} deregistered "
                        + "\\[\\d+ GiB volume")
                .contains("referenced-by: ami-", "aws-backup", "dlm", "out-of-scope")
                .containsPattern("estimated saving \\$\\d+\\.\\d\\d/month");
    }
}
