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
        byOwner.forEach((owner, amis) -> {
            lines.add("");
            lines.add("Owner " + owner + " (" + amis.size() + "):");
            amis.stream().sorted(Comparator.comparing(Marked::mayGo).thenComparing(Marked::region)
                    .thenComparing(Marked::imageId)).forEach(m -> lines.add("  - " + Objects.toString(m.account(), "?")
                    + " " + m.region() + " " + m.imageId() + " \"" + Objects.toString(m.name(), "") + "\": "
                    + m.rule() + "; may go " + m.mayGo()));
        });
        String subject = Notifier.subject("AMI Housekeeper expiry: " + marked.size() + " AMI"
                + (marked.size() == 1 ? "" : "s") + " to be retired, owners " + String.join(", ", byOwner.keySet()));
        return new NoticeDigest(subject, String.join("\n", lines) + "\n");
    }
}
