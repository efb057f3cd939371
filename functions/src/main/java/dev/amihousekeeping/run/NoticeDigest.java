package dev.amihousekeeping.run;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The one announcement of an expiry run that marked AMIs (DESIGN §5 expiry, "Announcements"): every AMI the run
 * marked, grouped by owner (the {@code tagOnCreate.creatorTagKey} tag, else {@value #UNKNOWN_OWNER}), each with its
 * account, region, id, name, the rule that fired and the date it may go, and how to keep it (an exempt tag).
 */
public record NoticeDigest(String subject, String body) {

    public static final String UNKNOWN_OWNER = "unknown";
    /**
     * AMIs listed at most: with names clipped to {@value #MAX_NAME} characters this keeps the body under SNS's 256 KB
     * message limit; the rest are counted, and each mark is in the run's report and log.
     */
    static final int MAX_LISTED = 500;
    static final int MAX_NAME = 128;

    /** One marked AMI. {@code owner} null: no creator tag. */
    public record Marked(String account, String region, String imageId, String name, String owner, String rule,
                         LocalDate mayGo) {

        public Marked {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(imageId, "imageId");
            Objects.requireNonNull(mayGo, "mayGo");
            owner = owner == null || owner.isBlank() ? UNKNOWN_OWNER : owner;
        }
    }

    public NoticeDigest {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }

    /** The digest of {@code marked} (at least one); {@code exemptTagKeys}: the tags that keep an AMI. */
    public static NoticeDigest of(List<Marked> marked, List<String> exemptTagKeys) {
        if (marked.isEmpty()) {
            throw new IllegalArgumentException("a digest announces at least one AMI");
        }
        Map<String, List<Marked>> byOwner = new TreeMap<>();
        marked.forEach(m -> byOwner.computeIfAbsent(m.owner(), o -> new ArrayList<>()).add(m));
        List<String> lines = new ArrayList<>();
        lines.add(marked.size() + " AMI" + (marked.size() == 1 ? " is" : "s are")
                + " expired and will be retired (deprecated, disabled, deregistered with their snapshots)"
                + " from the date shown.");
        lines.add("To keep one, add any of these tags to it before that date: " + String.join(", ", exemptTagKeys) + ".");
        int listed = 0;
        for (Map.Entry<String, List<Marked>> owner : byOwner.entrySet()) {
            List<Marked> amis = owner.getValue();
            lines.add("");
            lines.add("Owner " + owner.getKey() + " (" + amis.size() + "):");
            for (Marked m : amis.stream().sorted(Comparator.comparing(Marked::mayGo).thenComparing(Marked::region)
                    .thenComparing(Marked::imageId)).toList()) {
                if (listed++ >= MAX_LISTED) {
                    break;
                }
                lines.add("  - " + Objects.toString(m.account(), "?") + " " + m.region() + " " + m.imageId() + " \""
                        + clip(m.name()) + "\": " + m.rule() + "; may go " + m.mayGo());
            }
        }
        if (marked.size() > MAX_LISTED) {
            lines.add("");
            lines.add("... and " + (marked.size() - MAX_LISTED) + " more: every mark is in the run's report and log.");
        }
        String subject = Notifier.subject("AMI Housekeeper expiry: " + marked.size() + " AMI"
                + (marked.size() == 1 ? "" : "s") + " to be retired, owners " + String.join(", ", byOwner.keySet()));
        return new NoticeDigest(subject, String.join("\n", lines) + "\n");
    }

    private static String clip(String name) {
        String flat = Objects.toString(name, "").replaceAll("\\p{Cntrl}", " ");
        return flat.length() <= MAX_NAME ? flat : flat.substring(0, MAX_NAME - 3) + "...";
    }
}
