package dev.amihousekeeping.sandbox;

import java.util.function.Function;
import java.util.function.Predicate;

/** Writes the wanted items of one page and says where the next page starts. */
final class Paging {

    private Paging() {
    }

    /**
     * @param writer writes one item and returns its paging key
     * @return the key to continue after, or null when nothing is left
     */
    static <T> String write(Iterable<T> candidates, Predicate<T> wanted, PageRequest page, Function<T, String> writer) {
        int count = 0;
        String last = null;
        for (T item : candidates) {
            if (!wanted.test(item)) {
                continue;
            }
            if (page.paged() && count == page.limit()) {
                return last;
            }
            last = writer.apply(item);
            count++;
        }
        return null;
    }
}
