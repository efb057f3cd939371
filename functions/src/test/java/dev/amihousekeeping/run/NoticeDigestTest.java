package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The notice digest (DESIGN §5 expiry, "Announcements"): one message, grouped by owner, saying how to keep an AMI. */
class NoticeDigestTest {

    private static NoticeDigest.Marked marked(String imageId, String owner) {
        return new NoticeDigest.Marked("111122223333", "us-east-1", imageId, "web-" + imageId, owner,
                "expiry-tag DeleteOn=2026-10-01", LocalDate.parse("2026-11-08"));
    }

    @Test
    void groupsByOwner_unknownWhenNoCreatorTag_andSaysHowToKeepAnAmi() {
        NoticeDigest digest = NoticeDigest.of(List.of(marked("ami-2", "bob"), marked("ami-1", null),
                marked("ami-3", "bob")), List.of("DoNotDelete", "Retain"));

        assertThat(digest.subject()).isEqualTo("AMI Housekeeper expiry: 3 AMIs to be retired, owners bob, unknown");
        assertThat(digest.body())
                .contains("To keep one, add any of these tags to it before that date: DoNotDelete, Retain.")
                .contains("Owner bob (2):\n  - 111122223333 us-east-1 ami-2 \"web-ami-2\": expiry-tag DeleteOn=2026-10-01;"
                        + " may go 2026-11-08\n  - 111122223333 us-east-1 ami-3")
                .contains("Owner unknown (1):\n  - 111122223333 us-east-1 ami-1");
    }

    @Test
    void listsAtMostMaxListed_andCountsTheRest_soSnsTakesTheMessage() {
        List<NoticeDigest.Marked> many = new ArrayList<>();
        IntStream.range(0, NoticeDigest.MAX_LISTED + 7).forEach(i -> many.add(marked("ami-" + i, "ops")));

        NoticeDigest digest = NoticeDigest.of(many, List.of("Retain"));

        assertThat(digest.body().lines().filter(l -> l.startsWith("  - "))).hasSize(NoticeDigest.MAX_LISTED);
        assertThat(digest.body()).contains("... and 7 more");
        assertThat(digest.body().length()).isLessThan(256 * 1024 / 4);
    }
}
