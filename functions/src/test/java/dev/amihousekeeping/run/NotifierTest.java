package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The subject rules SNS enforces: one bad character or one character too many and nothing is delivered. */
class NotifierTest {

    @Test
    void keepsAShortAsciiSubjectAsItIs() {
        assertThat(Notifier.subject("AMI Housekeeper expiry (dry run): 3 planned"))
                .isEqualTo("AMI Housekeeper expiry (dry run): 3 planned");
    }

    @Test
    void clipsALongSubject_toLessThanAHundredCharacters_endingInThreeDots() {
        String clipped = Notifier.subject("x".repeat(150));

        assertThat(clipped).hasSize(Notifier.MAX_SUBJECT).endsWith("...");
        assertThat(Notifier.subject("y".repeat(99))).isEqualTo("y".repeat(99));
        assertThat(Notifier.subject("z".repeat(100))).hasSize(99).endsWith("...");
    }

    @Test
    void replacesLineBreaksControlAndNonAsciiCharacters() {
        String subject = Notifier.subject("public image\nweb-\u00e9t\u00e9\t\u2026 \uD83D\uDE80 shared");

        assertThat(subject).isEqualTo("public image web-?t? ? ? shared");
        assertThat(subject.chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    @Test
    void neverSendsAnEmptySubject() {
        assertThat(Notifier.subject(" \n ")).isEqualTo("AMI Housekeeper");
    }
}
