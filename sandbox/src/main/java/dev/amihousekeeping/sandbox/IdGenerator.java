package dev.amihousekeeping.sandbox;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Makes ids in EC2's current shape: a prefix and 17 lowercase hex digits ({@code ami-0123456789abcdef0}). */
final class IdGenerator {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final Pattern IMAGE_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern SNAPSHOT_ID = Pattern.compile("snap-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern VOLUME_ID = Pattern.compile("vol-([0-9a-f]{8}|[0-9a-f]{17})");

    private final Random random;

    private IdGenerator(Random random) {
        this.random = random;
    }

    /** Ids for live requests; uniqueness matters, reproducibility does not. */
    static IdGenerator random() {
        return new IdGenerator(null);
    }

    /** Ids for fixtures: the same seed gives the same ids. */
    static IdGenerator seeded(Random random) {
        return new IdGenerator(random);
    }

    String next(String prefix) {
        Random r = random == null ? ThreadLocalRandom.current() : random;
        char[] digits = new char[17];
        // Current EC2 ids are 17 hex digits and, so far, always start with 0.
        digits[0] = '0';
        for (int i = 1; i < digits.length; i++) {
            digits[i] = HEX[r.nextInt(16)];
        }
        return prefix + "-" + new String(digits);
    }

    static boolean isImageId(String id) {
        return id != null && IMAGE_ID.matcher(id).matches();
    }

    static boolean isSnapshotId(String id) {
        return id != null && SNAPSHOT_ID.matcher(id).matches();
    }

    static boolean isVolumeId(String id) {
        return id != null && VOLUME_ID.matcher(id).matches();
    }
}
