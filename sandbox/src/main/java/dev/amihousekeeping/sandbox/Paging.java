package dev.amihousekeeping.sandbox;

import java.util.Collection;
import java.util.NavigableMap;
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

    /** The resources of a listing by key, from where the page starts. */
    static <T> Collection<T> from(NavigableMap<String, T> all, PageRequest page) {
        return page.after() == null ? all.values() : all.tailMap(page.after(), false).values();
    }

    /**
     * Writes the element {@code set} with the wanted items of one page, then {@code nextToken} when more are left.
     *
     * @param writer writes one item and returns its paging key
     */
    static <T> void writeSet(XmlWriter xml, String set, Iterable<T> candidates, Predicate<T> wanted, PageRequest page,
                             Function<T, String> writer) {
        xml.start(set);
        String last = write(candidates, wanted, page, writer);
        xml.end();
        if (last != null) {
            xml.leaf("nextToken", PageRequest.token(page.kind(), last));
        }
    }
}
