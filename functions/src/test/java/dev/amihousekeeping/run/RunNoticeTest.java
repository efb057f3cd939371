package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When a run's summary is sent, and what its subject and body say, on hand-built reports. */
class RunNoticeTest {

    private static final Instant STARTED = Instant.parse("2026-11-01T03:00:00Z");
    private static final String EXPIRY = "expiry";
    private static final String COPY = "cross-region-copy";
    private static final String PUBLIC_SHARE = "public-share";
    private static final RegionError UNREADABLE = new RegionError("eu-west-1", "UnauthorizedOperation",
            "DescribeImages: You are not authorized; nothing was planned in this region");
    private static final RegionError OVER_CAP = new RegionError(null, Executor.MAX_ACTIONS_EXCEEDED,
            "the plan has 3 actions, more than maxActionsPerRun 2: nothing was applied");

    private static ActionResult action(int n, ActionType type, Outcome outcome, String reason, String detail) {
        return new ActionResult("us-east-1", ResourceType.IMAGE, String.format("ami-0c00000000000%04d", n), type,
                reason, outcome, detail);
    }

    private static ActionResult action(int n, Outcome outcome) {
        return action(n, ActionType.DEREGISTER, outcome, "expired: DeleteOn 2026-10-01", null);
    }

    private static List<ActionResult> actions(int count, Outcome outcome) {
        return IntStream.range(0, count).mapToObj(n -> action(n, outcome)).toList();
    }

    private static Report report(String function, boolean dryRun, List<ActionResult> actions, RegionError... errors) {
        return new Report(function, dryRun, STARTED, List.of("us-east-1", "eu-west-1"), actions,
                List.of(new Kept("us-east-1", ResourceType.IMAGE, "ami-0c0000000000009999", "in-use: i-0abc")),
                List.of(errors), 1.25);
    }

    private static List<String> lines(RunNotice notice) {
        return notice.body().lines().toList();
    }

    @Test
    void scheduledRun_sendsNothing_whenThereIsNothingToSay() {
        assertThat(RunNotice.of(report(EXPIRY, true, List.of()), false)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"planned", "done", "skipped", "failed"})
    void scheduledRun_sends_whenItHasAnyAction(String outcome) {
        Outcome o = Outcome.valueOf(outcome.toUpperCase());

        assertThat(RunNotice.of(report(COPY, o == Outcome.PLANNED, List.of(action(1, o))), false)).isPresent();
    }

    @Test
    void scheduledRun_sends_whenItMetAnErrorAndPlannedNothing() {
        RunNotice notice = RunNotice.of(report("orphan-snapshots", false, List.of(), UNREADABLE), false).orElseThrow();

        assertThat(notice.subject()).isEqualTo("AMI Housekeeper orphan-snapshots (applied): 0 failed, 1 error");
    }

    @Test
    void eventDrivenRun_sendsNothing_whenItsCopiesAndTagsWentFine() {
        Report routine = report(COPY, false, List.of(action(1, ActionType.COPY, Outcome.DONE, "copy-to-dr", null),
                action(2, ActionType.TAG, Outcome.DONE, "tag-on-create", null),
                action(3, ActionType.COPY, Outcome.SKIPPED, "copy-to-dr", "a copy is already pending")));

        assertThat(RunNotice.of(routine, true)).isEmpty();
    }

    @Test
    void eventDrivenRun_sends_whenAnActionFailed() {
        Report failed = report(COPY, false, List.of(action(1, ActionType.COPY, Outcome.DONE, "copy-to-dr", null),
                action(2, ActionType.COPY, Outcome.FAILED, "copy-to-dr", "ResourceLimitExceeded")));

        assertThat(RunNotice.of(failed, true)).get().extracting(RunNotice::subject)
                .isEqualTo("AMI Housekeeper cross-region-copy (applied): 1 done, 1 failed");
    }

    @Test
    void eventDrivenRun_sends_whenTheReportHasAnError() {
        Report invalid = Report.failed(COPY, false, STARTED, List.of("us-east-1"),
                new RegionError(null, EventDispatcher.INVALID_EVENT, "detail.eventTime: not a date"));

        assertThat(RunNotice.of(invalid, true)).isPresent();
    }

    @Test
    void ignoredEvent_sendsNothing() {
        Report ignored = new Report(COPY, false, STARTED, List.of("us-east-1"), List.of(),
                List.of(new Kept("us-east-1", ResourceType.ACCOUNT, "event", "ignored: errorCode Client.Unauthorized")),
                List.of(), 0);

        assertThat(RunNotice.of(ignored, true)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void publicShare_sendsNoSummaryOfItsActions_sinceEachFindingHasItsOwnAlert(boolean eventDriven) {
        Report report = report(PUBLIC_SHARE, false, List.of(
                action(1, ActionType.REMOVE_GRANT, Outcome.DONE, "public: group=all", null),
                action(2, ActionType.REMOVE_GRANT, Outcome.FAILED, "public: group=all", "RequestLimitExceeded")));

        assertThat(RunNotice.of(report, eventDriven)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void publicShare_sendsASummary_whenTheReportHasErrors(boolean eventDriven) {
        assertThat(RunNotice.of(report(PUBLIC_SHARE, false, List.of(), UNREADABLE), eventDriven)).isPresent();
    }

    @Test
    void subject_countsTheOutcomes_ofADryRun() {
        List<ActionResult> planned = new ArrayList<>(actions(12, Outcome.PLANNED));

        RunNotice notice = RunNotice.of(report(EXPIRY, true, planned, UNREADABLE), false).orElseThrow();

        assertThat(notice.subject()).isEqualTo("AMI Housekeeper expiry (dry run): 12 planned, 0 failed, 1 error");
    }

    @Test
    void subject_countsTheOutcomes_ofAnAppliedRun() {
        List<ActionResult> applied = new ArrayList<>(actions(10, Outcome.DONE));
        applied.addAll(actions(1, Outcome.SKIPPED));
        applied.addAll(actions(2, Outcome.FAILED));

        RunNotice notice = RunNotice.of(report(EXPIRY, false, applied), false).orElseThrow();

        assertThat(notice.subject()).isEqualTo("AMI Housekeeper expiry (applied): 10 done, 1 skipped, 2 failed");
    }

    @Test
    void subject_staysShortPrintableAscii_whateverTheReportCarries() {
        String name = "expiry-ünïcödé-" + "\u00e9\u200b\n".repeat(60);
        String reason = "r\u00e9sum\u00e9 \u2713 " + "\uD83D\uDE80".repeat(500);
        List<ActionResult> actions = IntStream.range(0, 1_234)
                .mapToObj(n -> action(n, ActionType.DEREGISTER, Outcome.FAILED, reason, reason)).toList();

        RunNotice notice = RunNotice.of(report(name, false, actions, UNREADABLE, OVER_CAP), false).orElseThrow();

        assertThat(notice.subject()).hasSizeLessThan(100).matches("[\\x20-\\x7e]+")
                .startsWith("AMI Housekeeper expiry-").endsWith("...");
    }

    @Test
    void maxActionsExceeded_leadsTheNotice_andSaysNothingWasApplied() {
        Report held = report(EXPIRY, false, actions(3, Outcome.SKIPPED), UNREADABLE, OVER_CAP);

        RunNotice notice = RunNotice.of(held, false).orElseThrow();

        assertThat(notice.subject())
                .isEqualTo("AMI Housekeeper expiry (applied): 3 actions over maxActionsPerRun, nothing applied");
        List<String> lines = lines(notice);
        int warning = lines.indexOf("Nothing was applied: the plan has more actions than maxActionsPerRun. Read the "
                + "plan below before you raise the cap.");
        int errors = lines.indexOf("Errors (2):");
        assertThat(warning).isPositive().isLessThan(errors);
        assertThat(lines.subList(errors + 1, errors + 3)).containsExactly(
                "  - MaxActionsExceeded: the plan has 3 actions, more than maxActionsPerRun 2: nothing was applied",
                "  - eu-west-1 UnauthorizedOperation: DescribeImages: You are not authorized; nothing was planned in "
                        + "this region");
    }

    @Test
    void body_saysWhatRanWhere_andCountsByActionTypeAndOutcome() {
        List<ActionResult> actions = List.of(action(1, ActionType.DEPRECATE, Outcome.DONE, "expired", null),
                action(2, ActionType.DEREGISTER, Outcome.DONE, "expired", null),
                action(3, ActionType.DEREGISTER, Outcome.FAILED, "expired", "InvalidAMIID.Unavailable: gone"));

        List<String> lines = lines(RunNotice.of(report(EXPIRY, false, actions), false).orElseThrow());

        assertThat(lines).contains("Function: expiry", "Mode: applied", "Regions: us-east-1, eu-west-1",
                "Started at: 2026-11-01T03:00:00Z", "Actions: 3 (2 done, 1 failed)", "  deprecate: 1 (1 done)",
                "  deregister: 2 (1 done, 1 failed)", "Kept: 1", "Estimated monthly saving: USD 1.25",
                "Failed actions (1):", "  - us-east-1 ami-0c000000000000003 deregister: InvalidAMIID.Unavailable: gone",
                "  - us-east-1 ami-0c000000000000001: deprecate done; reason: expired");
    }

    @Test
    void body_listsTheFirst50Actions_andPointsToTheLogForTheRest() {
        List<String> lines = lines(RunNotice.of(report(EXPIRY, true, actions(60, Outcome.PLANNED)), false)
                .orElseThrow());

        assertThat(lines).filteredOn(l -> l.startsWith("  - us-east-1 ")).hasSize(RunNotice.MAX_ACTIONS)
                .first().isEqualTo("  - us-east-1 ami-0c000000000000000: deregister planned; reason: expired: "
                        + "DeleteOn 2026-10-01");
        assertThat(lines).last().isEqualTo("  ... and 10 more: the full report is in the function's log group");
    }

    @Test
    void body_listsTheFirst10FailedActions_thenCountsTheRest() {
        List<String> lines = lines(RunNotice.of(report(EXPIRY, false, actions(13, Outcome.FAILED)), false)
                .orElseThrow());

        int failed = lines.indexOf("Failed actions (13):");
        assertThat(lines.subList(failed + 1, failed + RunNotice.MAX_FAILED + 1))
                .allMatch(l -> l.endsWith(": no detail"));
        assertThat(lines.get(failed + RunNotice.MAX_FAILED + 1)).isEqualTo("  ... and 3 more failed actions");
    }

    @Test
    void body_keepsEachItemOnOneLine_evenWhenAMessageHasLineBreaks() {
        RegionError multiline = new RegionError("us-east-1", "InternalError", "first\nsecond\r\nthird");

        List<String> lines = lines(RunNotice.of(report(EXPIRY, true, List.of(), multiline), false).orElseThrow());

        assertThat(lines).contains("  - us-east-1 InternalError: first second  third")
                .noneMatch(l -> l.startsWith("second") || l.startsWith("third"));
    }

    @Test
    void body_staysWellUnderTheSnsLimit_whenEveryListIsLongAndEveryTextIsLongFourByteCharacters() {
        String huge = "\uD83D\uDE80".repeat(5_000);
        List<ActionResult> actions = IntStream.range(0, 1_000)
                .mapToObj(n -> action(n, ActionType.DELETE_SNAPSHOT, Outcome.FAILED, huge, huge)).toList();
        RegionError[] errors = Collections.nCopies(500, new RegionError(huge, huge, huge)).toArray(RegionError[]::new);

        RunNotice notice = RunNotice.of(report(huge, false, actions, errors), false).orElseThrow();

        assertThat(notice.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(200 * 1024);
        assertThat(lines(notice)).allMatch(l -> l.codePointCount(0, l.length()) <= RunNotice.MAX_LINE)
                .contains("  ... and 450 more errors", "  ... and 990 more failed actions",
                        "  ... and 950 more: the full report is in the function's log group");
    }
}
