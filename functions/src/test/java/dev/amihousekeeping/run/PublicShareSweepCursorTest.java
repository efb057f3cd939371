package dev.amihousekeeping.run;

import static dev.amihousekeeping.run.PublicShareFixture.FOREIGN;
import static dev.amihousekeeping.run.PublicShareFixture.REMEDIATE;
import static dev.amihousekeeping.run.PublicShareFixture.config;
import static dev.amihousekeeping.run.PublicShareFixture.image;
import static dev.amihousekeeping.run.PublicShareFixture.snapshot;
import static dev.amihousekeeping.run.PublicShareFixture.user;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.testing.SandboxHarness;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;

/**
 * The sweep that continues (DESIGN §5 "Sweep path"), against the sandbox: public resources found by listing and
 * handled on every run, the others' grants read within the deadline from the cursor kept in SSM, and the report
 * saying how far it got.
 */
class PublicShareSweepCursorTest {

    private static final int PRIVATE = 30;
    /** Public and not allowed: found by listing, whatever the deadline. */
    private static final String PUBLIC_IMAGE = "ami-0ccccccccccccccc1";
    private static final String PUBLIC_SNAPSHOT = "snap-0ccccccccccccccc1";
    private static final String PARAMETER = "/ami-housekeeping/public-share/sweep-cursor";
    private static final SweepCursor.Location CURSOR = new SweepCursor.Location(REGION, PARAMETER);
    private static final Pattern PARTIAL = Pattern.compile(
            "sweep: read (\\d+) of (\\d+) grants in us-east-1, continues after (ami-\\w+) next run");

    @RegisterExtension
    static final SandboxHarness sandbox = PublicShareFixture.start();

    /** {@code ami-0...01} to {@code ami-0...30}, private; the last one is shared with a stranger. */
    private static String id(int n) {
        return String.format("ami-0%016d", n);
    }

    @BeforeEach
    void seed() {
        String images = IntStream.rangeClosed(1, PRIVATE)
                .mapToObj(n -> image(id(n), false, n == PRIVATE ? user(FOREIGN) : ""))
                .collect(Collectors.joining(", "));
        sandbox.load("""
                {"accountId": "%s", "regions": {"%s": {"images": [%s, %s], "snapshots": [%s]}}}"""
                .formatted(ACCOUNT, REGION, images, image(PUBLIC_IMAGE, true, ""),
                        snapshot(PUBLIC_SNAPSHOT, "{\"group\": \"all\"}")));
    }

    @Test
    void deadlineAllowsPart_reportsHowFar_keepsTheCursor_andTheNextRunContinuesToTheGrantItHadNotRead() {
        // Run 1: about 15 grant reads fit (the clock moves a second per reading, the sweep reads it once per grant).
        Report first = sweep(false, stepping(), Duration.ofSeconds(15));
        Matcher partial = sweepEntry(first);
        assertThat(partial.matches()).as(sweepEntry(first).toString()).isTrue();
        int read = Integer.parseInt(partial.group(1));
        int restRead = read - 2; // the two public ones come first, every run
        assertThat(partial.group(2)).isEqualTo(String.valueOf(PRIVATE + 2));
        assertThat(restRead).isBetween(3, PRIVATE - 5);
        assertThat(partial.group(3)).isEqualTo(id(restRead));
        assertThat(cursorKept()).isEqualTo("{\"" + ACCOUNT + "/" + REGION + "\":\"" + id(restRead) + "\"}");
        assertThat(removals(first)).containsExactlyInAnyOrder(
                tuple(PUBLIC_IMAGE, "public: group=all", Outcome.DONE),
                tuple(PUBLIC_SNAPSHOT, "public: group=all", Outcome.DONE));
        // What the deadline left unread is counted, not listed one by one.
        assertThat(first.kept()).noneMatch(k -> k.resourceId().equals(id(PRIVATE)));

        // Run 2: room for what is left after the cursor and 3 more. From the beginning it would not reach the last
        // image; after the cursor it does, and removes the stranger's grant.
        long slack = 15 - restRead; // clock readings of run 1 that were not grant reads
        Report second = sweep(false, stepping(), Duration.ofSeconds(PRIVATE - restRead + 3 + slack));
        assertThat(removals(second)).containsExactly(tuple(id(PRIVATE), "not allowlisted: userId=" + FOREIGN,
                Outcome.DONE));
        Matcher wrapped = sweepEntry(second);
        assertThat(wrapped.matches()).as(wrapped.toString()).isTrue();
        assertThat(wrapped.group(3)).as("wrapped around past the end").isLessThan(id(restRead));

        // Run 3, no deadline: every grant, complete; the target's cursor is dropped, the next run starts over.
        Report third = sweep(false, sandbox.clock(), null);
        assertThat(sweepReason(third)).isEqualTo("sweep: complete, read 32 of 32 grants in us-east-1");
        assertThat(cursorKept()).isEqualTo("{}");
        assertThat(third.errors()).isEmpty();
    }

    @Test
    void removalDeferredByTheDeadline_keepsTheCursorBeforeItsResource_soTheNextRunReadsItAgain() {
        sandbox.ec2(REGION).modifyImageAttribute(r -> r.imageId(id(3)).launchPermission(p -> p.add(
                LaunchPermission.builder().userId(FOREIGN).build())));

        // The reads fit; the apply phase starts 5 s short of the reads' reserve later, too late for any removal's margin.
        Report report = sweep(false, stepping(), Duration.ofSeconds(12), SweepCursor.READ_RESERVE.minusSeconds(5));

        assertThat(removals(report)).contains(tuple(id(3), "not allowlisted: userId=" + FOREIGN, Outcome.DEFERRED));
        Matcher partial = sweepEntry(report);
        assertThat(partial.matches()).as(partial.toString()).isTrue();
        assertThat(partial.group(3)).isEqualTo(id(2));
        assertThat(cursorKept()).isEqualTo("{\"" + ACCOUNT + "/" + REGION + "\":\"" + id(2) + "\"}");
    }

    @Test
    void publicOnesAreAlwaysFoundAndRemoved_evenWithTheDeadlineTooNearForAnyOtherRead() {
        // The deadline is 25 s away: less than a grant read's reserve, more than a removal's margin.
        Report report = sweep(false, sandbox.clock(), Duration.ofSeconds(-5));

        assertThat(removals(report)).containsExactlyInAnyOrder(
                tuple(PUBLIC_IMAGE, "public: group=all", Outcome.DONE),
                tuple(PUBLIC_SNAPSHOT, "public: group=all", Outcome.DONE));
        assertThat(sweepReason(report)).isEqualTo("sweep: read 2 of 32 grants in us-east-1, starts from the"
                + " beginning next run");
        assertThat(report.kept()).noneMatch(k -> k.resourceType() == ResourceType.IMAGE);
    }

    @Test
    void sweepThatReadsUpToItsReserve_stillRemovesThePublicOnes_beforeEnablingBlockPublicAccess() {
        // Reads go on until the reserve; the removals then start at once. Block public access waits for them, so the
        // executor reserves a removal's margin and its own: the reads' reserve must leave both, or a sweep too large
        // for one run would defer the public ones on every run.
        Report report = sweep(false, stepping(), Duration.ofSeconds(15), Duration.ZERO,
                config(REMEDIATE.replace("\"mode\"", "\"enforceBlockPublicAccess\": true, \"mode\"")));

        assertThat(sweepEntry(report).matches()).as(sweepReason(report)).isTrue();
        assertThat(removals(report)).containsExactlyInAnyOrder(
                tuple(PUBLIC_IMAGE, "public: group=all", Outcome.DONE),
                tuple(PUBLIC_SNAPSHOT, "public: group=all", Outcome.DONE));
        assertThat(report.actions()).filteredOn(a -> a.action() == ActionType.ENABLE_BLOCK_PUBLIC_ACCESS)
                .isNotEmpty().allSatisfy(a -> assertThat(a.outcome()).isEqualTo(Outcome.DONE));
    }

    @Test
    void cursorThatCannotBeRead_isAnError_andTheSweepStartsFromTheBeginning_neverSkipping() {
        sandbox.gateway().parameters().writeText(REGION, PARAMETER, "{\"" + ACCOUNT + "/" + REGION + "\":\""
                + id(20) + "\"}");
        sandbox.fault("GetParameter", REGION, "AccessDeniedException");

        Report report = sweep(false, stepping(), Duration.ofSeconds(12));

        Matcher partial = sweepEntry(report);
        assertThat(partial.matches()).as(partial.toString()).isTrue();
        int restRead = Integer.parseInt(partial.group(1)) - 2;
        assertThat(partial.group(3)).isEqualTo(id(restRead)).isLessThan(id(20));
        assertThat(report.errors()).extracting(RegionError::code).containsExactly(SweepCursor.NOT_READ);
        sandbox.clearFaults();
    }

    @Test
    void cursorThatCannotBeWritten_isAnError_andTheRunsResultsStand() {
        sandbox.fault("PutParameter", REGION, "AccessDeniedException");

        Report report = sweep(false, stepping(), Duration.ofSeconds(12));

        assertThat(report.errors()).extracting(RegionError::code).containsExactly(SweepCursor.NOT_WRITTEN);
        assertThat(removals(report)).hasSize(2).allMatch(r -> r.toList().get(2) == Outcome.DONE);
        sandbox.clearFaults();
        assertThat(cursorKept()).isNull();
    }

    @Test
    void dryRun_readsAndReportsTheSame_butKeepsNoCursor() {
        Report report = sweep(true, stepping(), Duration.ofSeconds(12));

        assertThat(sweepReason(report)).matches("sweep: read \\d+ of 32 grants in us-east-1, stopped after ami-\\w+;"
                + " no cursor kept \\(dry run or no HOUSEKEEPING_SWEEP_CURSOR_PARAMETER\\), next run starts where"
                + " this one did");
        assertThat(cursorKept()).isNull();
        assertThat(report.actions()).extracting(ActionResult::outcome).containsOnly(Outcome.PLANNED);
    }

    // ---- helpers

    private static Report sweep(boolean dryRun, Clock clock, Duration readsAllowed) {
        return sweep(dryRun, clock, readsAllowed, Duration.ZERO);
    }

    /** With a moving clock, the apply phase starts {@code lateBy} after the reads, and takes no time itself. */
    private static Report sweep(boolean dryRun, Clock clock, Duration readsAllowed, Duration lateBy) {
        return sweep(dryRun, clock, readsAllowed, lateBy, config(REMEDIATE));
    }

    private static Report sweep(boolean dryRun, Clock clock, Duration readsAllowed, Duration lateBy, Config config) {
        RunLog stopsTheClock = new RunLog() {
            @Override
            public void applying(RunRequest run, List<Action> actions) {
                if (clock instanceof MovingClock moving) {
                    moving.tickOnEachRead(Duration.ZERO); // the reads are over: these tests time the reads
                    moving.advance(lateBy);
                }
            }

            @Override
            public void action(RunRequest run, ActionResult result) {
            }

            @Override
            public void run(RunRequest run, Report report, Duration took) {
            }
        };
        Housekeeping wiring = sandbox.housekeeping(clock, stopsTheClock).withSweepCursor(CURSOR);
        RunRequest request = sandbox.request(config, List.of(REGION), dryRun);
        if (readsAllowed != null) {
            // The deadline leaves readsAllowed after the reads' reserve.
            request = request.withDeadline(clock.instant().plus(SweepCursor.READ_RESERVE).plus(readsAllowed));
        }
        return new PublicShareRun(wiring).run(request);
    }

    private static List<Tuple> removals(Report report) {
        return report.actions().stream().filter(a -> a.action() == ActionType.REMOVE_GRANT)
                .map(a -> tuple(a.resourceId(), a.reason(), a.outcome())).toList();
    }

    private static String sweepReason(Report report) {
        List<Kept> entries = report.kept().stream().filter(k -> k.resourceId().equals(SweepCursor.RESOURCE_ID))
                .toList();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).account()).isEqualTo(ACCOUNT);
        return entries.get(0).reason();
    }

    private static Matcher sweepEntry(Report report) {
        return PARTIAL.matcher(sweepReason(report));
    }

    private static String cursorKept() {
        return sandbox.gateway().parameters().readText(REGION, PARAMETER).orElse(null);
    }

    /** A clock one second later at each reading, from {@link PublicShareFixture#NOW}. */
    private static MovingClock stepping() {
        MovingClock clock = new MovingClock(NOW);
        clock.tickOnEachRead(Duration.ofSeconds(1));
        return clock;
    }
}
