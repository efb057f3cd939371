package dev.amihousekeeping.config;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the known key a mistyped one was meant to be: {@code maxAgedays} -> {@code maxAgeDays}. */
final class KeySuggestion {

    private static final int MAX_EDITS = 2;

    private KeySuggestion() {
    }

    static Optional<String> closest(String typed, List<String> known) {
        String lower = typed.toLowerCase(Locale.ROOT);
        return known.stream()
                .filter(candidate -> isLikelyMeant(lower, candidate.toLowerCase(Locale.ROOT)))
                .min(Comparator.comparingInt(candidate -> editDistance(lower, candidate.toLowerCase(Locale.ROOT))));
    }

    private static boolean isLikelyMeant(String typed, String candidate) {
        boolean prefix = typed.length() >= 4 && (candidate.startsWith(typed) || typed.startsWith(candidate));
        return prefix || editDistance(typed, candidate) <= MAX_EDITS;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
