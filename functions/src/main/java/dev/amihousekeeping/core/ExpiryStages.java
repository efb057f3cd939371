package dev.amihousekeeping.core;

import dev.amihousekeeping.config.ExpiryConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The stages an expired, not-kept AMI goes through, each on a later run than the one before (DESIGN §5 expiry,
 * "Stages"): notice ({@code noticeDays}: tag {@code noticeTagKey} = the date it may go), deprecate
 * ({@code deprecateFirst}), disable ({@code disableFirst}: tag {@value ExpiryConfig#DISABLED_ON_TAG_KEY} = the date),
 * deregister. An AMI goes on to the next stage only when its previous one is old enough: the notice date reached,
 * deprecated {@code graceDays} ago, disabled {@code graceDays} ago. Invariant 13: nothing after the notice stage
 * before the notice date; a notice tag that does not parse keeps the AMI, and a notice date is never moved.
 */
final class ExpiryStages {

    /**
     * A deprecation time up to this far ahead counts as already set. The deprecation this tool asks for lands
     * up to a minute (EC2 rounding) plus the executor's delay after the plan's now; without this slack the next
     * run would deprecate the same AMI again instead of counting its grace.
     */
    static final Duration DEPRECATION_SETTLING = Duration.ofHours(1);

    /**
     * The keep reasons of an AMI that is no longer expired, or exempt: its notice tag is removed (DESIGN §5: "An AMI
     * someone exempts or un-expires meanwhile is kept, and its notice tag is removed"). An AMI kept for anything else
     * (in use, shared, protected, ...) is still expired, and its notice stands.
     */
    private static final List<String> UNEXPIRED = List.of("exempt-tag ", "not-expired", "keep-latest ",
            "used-recently ");

    private final ExpiryConfig config;

    ExpiryStages(ExpiryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The stage of {@code image}, expired by {@code rule} and not kept by any rule or evidence. */
    ExpiryVerdict stage(Image image, String rule, ExpiryEvidence evidence, Instant now) {
        Optional<ExpiryVerdict> notice = notice(image, rule, now);
        if (notice.isPresent()) {
            return notice.get();
        }
        ImageState state = image.state();
        if (state == ImageState.FAILED || state == ImageState.ERROR || state == ImageState.INVALID) {
            // Nobody can launch it, so there is nobody for a deprecation to warn.
            return new ExpiryVerdict.Act(ActionType.DEREGISTER, rule + "; state " + state.apiValue());
        }
        String reason = rule;
        if (config.deprecateFirst()) {
            Instant deprecated = image.deprecationTime();
            if (deprecated == null || deprecated.isAfter(now.plus(DEPRECATION_SETTLING))) {
                return evidence.deprecationSupported()
                        ? new ExpiryVerdict.Act(ActionType.DEPRECATE, rule)
                        : new ExpiryVerdict.Keep("deprecation-unsupported");
            }
            Instant after = deprecated.plus(Duration.ofDays(config.graceDays()));
            if (now.isBefore(after)) {
                return new ExpiryVerdict.Keep("grace: deprecated " + ExpiryRules.show(deprecated)
                        + ", deregister after " + ExpiryRules.show(after));
            }
            reason = rule + "; deprecated " + ExpiryRules.show(deprecated) + ", grace " + config.graceDays() + "d over";
        }
        return config.disableFirst() ? disable(image, rule, reason, now)
                : new ExpiryVerdict.Act(ActionType.DEREGISTER, reason);
    }

    /**
     * With {@code noticeDays}: {@code mark} an AMI without the notice tag; keep one whose notice date has not come, or
     * whose notice tag does not parse (we do not know when it was promised to go). Empty: the notice is served.
     */
    private Optional<ExpiryVerdict> notice(Image image, String rule, Instant now) {
        if (config.noticeDays() == null) {
            return Optional.empty();
        }
        Optional<String> tag = image.tag(config.noticeTagKey());
        if (tag.isEmpty()) {
            return Optional.of(new ExpiryVerdict.Act(ActionType.MARK, rule));
        }
        Optional<Instant> mayGo = ExpiryTag.parse(tag.get());
        if (mayGo.isEmpty()) {
            return Optional.of(new ExpiryVerdict.Keep("invalid-notice-tag " + config.noticeTagKey() + "="
                    + tag.get()));
        }
        if (now.isBefore(mayGo.get())) {
            return Optional.of(new ExpiryVerdict.Keep("notice: may go " + ExpiryRules.show(mayGo.get())));
        }
        return Optional.empty();
    }

    /**
     * The disable stage, after deprecation's grace: {@code disable} an AMI not yet disabled by this stage; keep a
     * disabled one {@code graceDays} from the date its tag says; then deregister. One enabled again since it was
     * disabled is disabled again, which dates the stage anew (later, never earlier).
     */
    private ExpiryVerdict disable(Image image, String rule, String reason, Instant now) {
        Optional<String> tag = image.tag(ExpiryConfig.DISABLED_ON_TAG_KEY);
        if (tag.isEmpty()) {
            return new ExpiryVerdict.Act(ActionType.DISABLE, reason);
        }
        Optional<Instant> disabledOn = ExpiryTag.parse(tag.get());
        if (disabledOn.isEmpty()) {
            return new ExpiryVerdict.Keep("invalid-disabled-tag " + ExpiryConfig.DISABLED_ON_TAG_KEY + "=" + tag.get());
        }
        String on = ExpiryRules.show(disabledOn.get());
        if (image.state() != ImageState.DISABLED) {
            return new ExpiryVerdict.Act(ActionType.DISABLE, reason + "; enabled again since disabled " + on);
        }
        Instant after = disabledOn.get().plus(Duration.ofDays(config.graceDays()));
        if (now.isBefore(after)) {
            return new ExpiryVerdict.Keep("disabled: on " + on + ", deregister after " + ExpiryRules.show(after));
        }
        return new ExpiryVerdict.Act(ActionType.DEREGISTER, rule + "; disabled " + on + ", grace "
                + config.graceDays() + "d over");
    }

    /**
     * Whether {@code image}, kept for {@code reason}, has a notice tag to remove: with {@code noticeDays}, it carries
     * the tag and is kept because it is exempt or no longer expired.
     */
    boolean noticeToRemove(Image image, String reason) {
        return config.noticeDays() != null && image.tag(config.noticeTagKey()).isPresent()
                && UNEXPIRED.stream().anyMatch(reason::startsWith);
    }

    /**
     * The notice date a {@code mark} planned at {@code now} writes: {@code noticeDays} from now, rounded up to a whole
     * UTC day, so that the AMI is announced at least {@code noticeDays} before it may go.
     */
    LocalDate noticeDate(Instant now) {
        Instant mayGo = now.plus(Duration.ofDays(config.noticeDays()));
        LocalDate day = today(mayGo);
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().equals(mayGo) ? day : day.plusDays(1);
    }

    static LocalDate today(Instant now) {
        return now.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
