package dev.amihousekeeping.core;

import static dev.amihousekeeping.core.ExpiryTestConfig.config;
import static dev.amihousekeeping.core.ExpiryTestImage.cleanEvidence;
import static dev.amihousekeeping.core.ExpiryTestImage.expired;
import static dev.amihousekeeping.core.ExpiryTestImage.inventory;
import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The stages of DESIGN §5 expiry: notice ({@code noticeDays}), deprecate, disable ({@code disableFirst}), deregister,
 * each on a later run, and invariant 13's first half: no later stage before the notice date. NOW is 2026-11-01.
 */
class ExpiryStagesTest {

    private static final String ID = "ami-0001";
    private static final String NOTICE = "HousekeepingNotice";
    private static final String DISABLED_ON = "HousekeepingDisabledOn";

    @Test
    void mark_whenExpiredWithoutNoticeTag_withTheDateNoticeDaysAhead() {
        Plan plan = config().noticeDays(30).plan(inventory(expired(ID).build()));

        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.Mark.class, mark -> {
            assertThat(mark.tagKey()).isEqualTo(NOTICE);
            assertThat(mark.noticeDate()).isEqualTo(LocalDate.parse("2026-12-01"));
            assertThat(mark.reason()).isEqualTo("expiry-tag DeleteOn=2026-06-01");
        });
        assertThat(plan.kept()).isEmpty();
    }

    @Test
    void noticeDate_isRoundedUpToAWholeDay_soTheNoticeIsNeverShorterThanNoticeDays() {
        ExpiryPolicy policy = config().noticeDays(30).policy();
        Inventory inventory = inventory(expired(ID).build());
        Instant midday = NOW.plusSeconds(12 * 3600);

        Plan plan = policy.plan(inventory, cleanEvidence(inventory), midday);

        assertThat(((Action.Mark) plan.actions().get(0)).noticeDate()).isEqualTo(LocalDate.parse("2026-12-02"));
    }

    @Test
    void invariant13_noDeprecateDisableOrDeregister_beforeTheNoticeDate() {
        for (ExpiryTestConfig config : List.of(config().noticeDays(30), config().noticeDays(30).deprecateFirst(7),
                config().noticeDays(30).disableFirst())) {
            Plan plan = config.plan(inventory(expired(ID).tag(NOTICE, "2026-11-02").build()));

            assertThat(plan.actions()).isEmpty();
            assertThat(plan.kept()).singleElement().extracting(Kept::reason).isEqualTo("notice: may go 2026-11-02");
        }
    }

    @Test
    void nextStage_onTheNoticeDate() {
        Image noticed = expired(ID).tag(NOTICE, "2026-11-01").build();

        assertThat(config().noticeDays(30).plan(inventory(noticed)).actions())
                .singleElement().extracting(Action::type).isEqualTo(ActionType.DEREGISTER);
        assertThat(config().noticeDays(30).deprecateFirst(7).plan(inventory(noticed)).actions())
                .singleElement().extracting(Action::type).isEqualTo(ActionType.DEPRECATE);
    }

    @Test
    void keeps_whenNoticeTagDoesNotParse_andNeverOverwritesIt() {
        Plan plan = config().noticeDays(30).plan(inventory(expired(ID).tag(NOTICE, "soon").build()));

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).singleElement().extracting(Kept::reason)
                .isEqualTo("invalid-notice-tag HousekeepingNotice=soon");
    }

    @Test
    void noticeDate_isNeverMovedEarlier_aLaterDateStands() {
        Plan plan = config().noticeDays(1).plan(inventory(expired(ID).tag(NOTICE, "2027-03-01").build()));

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).singleElement().extracting(Kept::reason).isEqualTo("notice: may go 2027-03-01");
    }

    @Test
    void removesNoticeTag_andKeeps_whenExemptedOrNoLongerExpired() {
        Image exempted = expired("ami-0001").tag(NOTICE, "2026-11-20").tag("Retain", "").build();
        Image extended = expired("ami-0002").tag(NOTICE, "2026-11-20").tag("DeleteOn", "2027-06-01").build();

        Plan plan = config().noticeDays(30).plan(inventory(exempted, extended));

        assertThat(plan.actions()).allSatisfy(action -> assertThat(action).isInstanceOfSatisfying(
                Action.RemoveTags.class, removal -> {
                    assertThat(removal.type()).isEqualTo(ActionType.TAG);
                    assertThat(removal.keys()).containsExactly(NOTICE);
                }));
        assertThat(plan.actions()).extracting(Action::resourceId).containsExactly("ami-0001", "ami-0002");
        assertThat(plan.kept()).extracting(Kept::reason)
                .containsExactly("exempt-tag Retain", "not-expired: DeleteOn=2027-06-01");
    }

    @Test
    void keepsNoticeTag_whenKeptButStillExpired_inUse() {
        Image inUse = expired(ID).tag(NOTICE, "2026-10-20").build();
        Inventory inventory = inventory(inUse);
        ExpiryEvidence evidence = new ExpiryEvidence(InUseIndex.checking(List.of(ID)).use(ID, "i-0abc").build(),
                Map.of(ID, List.of()), true);

        Plan plan = config().noticeDays(30).policy().plan(inventory, evidence, NOW);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.kept()).extracting(Kept::reason).containsExactly("in-use: i-0abc");
    }

    @Test
    void disable_afterDeprecationsGrace_thenDeregister_graceDaysAfterTheDisabledOnDate() {
        ExpiryTestConfig config = config().deprecateFirst(7).disableFirst();
        Image graceOver = expired(ID).deprecated("2026-10-20T00:00:00Z").build();

        Plan disable = config.plan(inventory(graceOver));
        assertThat(disable.actions()).singleElement().isInstanceOfSatisfying(Action.Disable.class, d -> {
            assertThat(d.disabledOn()).isEqualTo(LocalDate.parse("2026-11-01"));
            assertThat(d.tagKey()).isEqualTo(DISABLED_ON);
            assertThat(d.alreadyDisabled()).isFalse();
        });

        Image disabled = expired(ID).deprecated("2026-10-20T00:00:00Z").state(ImageState.DISABLED)
                .tag(DISABLED_ON, "2026-10-28").build();
        assertThat(config.plan(inventory(disabled)).kept()).singleElement().extracting(Kept::reason)
                .isEqualTo("disabled: on 2026-10-28, deregister after 2026-11-04");

        Image disabledLongAgo = expired(ID).deprecated("2026-10-01T00:00:00Z").state(ImageState.DISABLED)
                .tag(DISABLED_ON, "2026-10-10").build();
        assertThat(config.plan(inventory(disabledLongAgo)).actions()).singleElement()
                .satisfies(a -> assertThat(a.type()).isEqualTo(ActionType.DEREGISTER))
                .extracting(Action::reason).asString().endsWith("; disabled 2026-10-10, grace 7d over");
    }

    @Test
    void disable_onlyTagsAnImageDisabledByAPerson_soItsStageIsDated() {
        Image disabled = expired(ID).state(ImageState.DISABLED).build();

        Plan plan = config().disableFirst().plan(inventory(disabled));

        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.Disable.class,
                d -> assertThat(d.alreadyDisabled()).isTrue());
    }

    @Test
    void disablesAgain_whenEnabledSinceItWasDisabled() {
        Image enabled = expired(ID).tag(DISABLED_ON, "2026-09-01").build();

        Plan plan = config().disableFirst().plan(inventory(enabled));

        assertThat(plan.actions()).singleElement().extracting(Action::reason).asString()
                .endsWith("enabled again since disabled 2026-09-01");
    }

    @Test
    void keeps_whenDisabledOnTagDoesNotParse() {
        Image disabled = expired(ID).state(ImageState.DISABLED).tag(DISABLED_ON, "yesterday").build();

        assertThat(config().disableFirst().plan(inventory(disabled)).kept()).singleElement()
                .extracting(Kept::reason).isEqualTo("invalid-disabled-tag HousekeepingDisabledOn=yesterday");
    }

    @Test
    void recheck_skipsMark_whenTheNoticeTagAppearedSinceThePlan() {
        ExpiryPolicy policy = config().noticeDays(30).policy();
        Inventory planned = inventory(expired(ID).build());
        Action mark = policy.plan(planned, cleanEvidence(planned), NOW).actions().get(0);
        Image now = expired(ID).tag(NOTICE, "2026-11-15").build();

        Optional<String> skip = policy.recheck(mark, now, ACCOUNT, cleanEvidence(inventory(now)), Map.of(), NOW);

        assertThat(skip).contains("notice: may go 2026-11-15");
    }

    @Test
    void recheck_skipsDeregister_whenANoticeTagAppearedSinceThePlan() {
        ExpiryPolicy policy = config().noticeDays(30).policy();
        Inventory planned = inventory(expired(ID).tag(NOTICE, "2026-10-01").build());
        Action deregister = policy.plan(planned, cleanEvidence(planned), NOW).actions().get(0);
        Image now = expired(ID).tag(NOTICE, "2026-12-24").build();

        Optional<String> skip = policy.recheck(deregister, now, ACCOUNT, cleanEvidence(inventory(now)), Map.of(),
                NOW);

        assertThat(deregister.type()).isEqualTo(ActionType.DEREGISTER);
        assertThat(skip).contains("notice: may go 2026-12-24");
    }

    @Test
    void recheck_skipsDeregisterAfterDisable_whenEnabledAgainSinceThePlan() {
        ExpiryPolicy policy = config().disableFirst().policy();
        Inventory planned = inventory(expired(ID).state(ImageState.DISABLED).tag(DISABLED_ON, "2026-10-01").build());
        Action deregister = policy.plan(planned, cleanEvidence(planned), NOW).actions().get(0);
        Image now = expired(ID).tag(DISABLED_ON, "2026-10-01").build();

        Optional<String> skip = policy.recheck(deregister, now, ACCOUNT, cleanEvidence(inventory(now)), Map.of(), NOW);

        assertThat(deregister.type()).isEqualTo(ActionType.DEREGISTER);
        assertThat(skip).hasValueSatisfying(reason -> assertThat(reason).startsWith("changed: now disable"));
    }

    @Test
    void recheck_skipsNoticeRemoval_whenExpiredAgain() {
        ExpiryPolicy policy = config().noticeDays(30).policy();
        Inventory planned = inventory(expired(ID).tag(NOTICE, "2026-11-20").tag("Retain", "").build());
        Action removal = policy.plan(planned, cleanEvidence(planned), NOW).actions().get(0);
        Image now = expired(ID).tag(NOTICE, "2026-11-20").build();

        Optional<String> skip = policy.recheck(removal, now, ACCOUNT, cleanEvidence(inventory(now)), Map.of(), NOW);

        assertThat(skip).contains("notice stands: notice: may go 2026-11-20");
    }
}
