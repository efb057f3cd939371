package dev.amihousekeeping.core;

import dev.amihousekeeping.config.CrossRegionCopyConfig;
import dev.amihousekeeping.config.Selector;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which AMIs {@code cross-region-copy} copies to which disaster-recovery regions (DESIGN §5), exactly once.
 *
 * <p>A source is copied when copying is enabled, this account owns it, it is not itself a copy, it is in the
 * selector, it is {@code available} and no expiry tag of it is past. Then each destination region other than
 * the source's own gets a {@code copy} action (region = destination, resource = the source image) unless a copy
 * is already there in any state but {@code failed} (a pending copy is a copy), or the source's name is taken there
 * by another image. Otherwise the source, or that one destination, is {@link Kept} with the reason.
 *
 * <p>A copy that ended {@code failed} is not a copy. When this account owns it and it carries our
 * {@value #SOURCE_AMI_TAG} tag naming the source, it gets a {@code deregister} action (region = destination,
 * resource = the failed copy, reason {@code failed-copy of <source> from <region>}: a
 * {@link Action.DeregisterFailedCopy} naming the source and the owner), planned before the source's new
 * {@code copy}, which carries a token of its own and the failed copies it replaces. A failed copy someone else made
 * is reported as kept and never touched.
 *
 * <p>A {@link Action.Copy} carries the source's name and region, a description, the client token,
 * {@code CopyImageTags}, the KMS key (only when one is configured for the destination), and the tags for the new
 * image: {@value #SOURCE_AMI_TAG}, {@value #SOURCE_REGION_TAG} and, with
 * {@code retainCopies}, each configured expiry tag the source has. Without {@code retainCopies}, a source with an
 * expiry tag is copied without {@code CopyImageTags}, and its other tags are given as {@code tag:K} instead: the
 * copy is meant to outlive its source.
 */
public final class CrossRegionCopyPolicy {

    /** Tag on every copy this tool makes: the source image id. */
    public static final String SOURCE_AMI_TAG = "SourceAmi";
    /** Tag on every copy this tool makes: the source image's region. */
    public static final String SOURCE_REGION_TAG = "SourceRegion";

    private static final String FUNCTION = "cross-region-copy";
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopyImage.html: system tags are not copied.
    private static final String AWS_TAG_PREFIX = "aws:";
    // EC2 client tokens are at most 64 ASCII characters (Ensuring idempotency, EC2 API Reference).
    private static final String TOKEN_PREFIX = "amihk-";
    private static final int TOKEN_HEX_CHARS = 40;

    private final CrossRegionCopyConfig config;
    private final List<String> expiryTagKeys;
    private final String selectorText;

    public CrossRegionCopyPolicy(CrossRegionCopyConfig config, List<String> expiryTagKeys) {
        this.config = Objects.requireNonNull(config, "config");
        this.expiryTagKeys = List.copyOf(expiryTagKeys);
        this.selectorText = describe(config.selector());
    }

    /**
     * Plans the copies of one source image, as read just now (event path). {@code destinationImages}: for each
     * destination region read, the images this account owns there, in every state; a destination missing from
     * the map was not read and gets no copy. {@code accountId}: this account; null counts as not owning it.
     */
    public Plan plan(Image source, String accountId, Map<String, List<Image>> destinationImages, Instant now) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(now, "now");
        return plan(source, accountId, new DestinationCopies(destinationImages), now);
    }

    /**
     * Plans the catch-up run over one source region: every image of {@code source} in the selector gets copy
     * actions or kept entries, as {@link #plan} gives them. Images outside the selector are left out of the plan,
     * as expiry does, so that a report over 10,000s of AMIs lists what is in scope. Linear: destination images
     * are indexed once.
     */
    public Plan planAll(Inventory source, Map<String, List<Image>> destinationImages, Instant now) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(now, "now");
        DestinationCopies copies = new DestinationCopies(destinationImages);
        List<Action> actions = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        for (Image image : source.images()) {
            if (image.isSelectedBy(config.selector())) {
                Plan one = plan(image, source.accountId(), copies, now);
                actions.addAll(one.actions());
                kept.addAll(one.kept());
            }
        }
        return new Plan(actions, kept);
    }

    /**
     * The idempotency token of the copy of {@code sourceImageId} (in {@code sourceRegion}) into
     * {@code destinationRegion}: the same triple always gives the same token, so a redelivered event, a retry,
     * or an overlapping catch-up run makes EC2 return the first copy instead of starting a second. 46 ASCII
     * characters.
     */
    public static String clientToken(String sourceRegion, String sourceImageId, String destinationRegion) {
        return token(sourceRegion + "/" + sourceImageId + "/" + destinationRegion);
    }

    private static String token(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return TOKEN_PREFIX + HexFormat.of().formatHex(digest).substring(0, TOKEN_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /**
     * The idempotency token of the copy that replaces {@code failedCopyIds} (copies of the source in the
     * destination that ended {@code failed}): the first token would make EC2 return the failed copy again. Derived
     * from the failed copies too, so it is new for each failure and the same for every run that sees the same
     * failure: a redelivered event or an overlapping run still makes no second copy. 46 ASCII characters.
     */
    public static String clientToken(String sourceRegion, String sourceImageId, String destinationRegion,
                                     List<String> failedCopyIds) {
        if (failedCopyIds.isEmpty()) {
            return clientToken(sourceRegion, sourceImageId, destinationRegion);
        }
        return token(sourceRegion + "/" + sourceImageId + "/" + destinationRegion + "/after/"
                + String.join(",", failedCopyIds.stream().sorted().toList()));
    }

    private Plan plan(Image source, String accountId, DestinationCopies copies, Instant now) {
        Optional<String> refused = refusal(source, accountId, now);
        if (refused.isPresent()) {
            return new Plan(List.of(), List.of(kept(source.region(), source, refused.get())));
        }
        List<Action> actions = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        List<String> destinations = config.destinationRegions().stream()
                .filter(region -> !region.equals(source.region()))
                .distinct()
                .toList();
        if (destinations.isEmpty()) {
            kept.add(kept(source.region(), source, "no-destination: only its own region"));
        }
        for (String destination : destinations) {
            Plan one = planDestination(source, accountId, destination, copies);
            actions.addAll(one.actions());
            kept.addAll(one.kept());
        }
        return new Plan(actions, kept);
    }

    /**
     * One destination: a copy, or why not. A copy there that ended {@code failed} is no copy (it never becomes
     * one): this tool's own failed copy is deregistered first, and the source copied again with a token of its
     * own ({@link #clientToken(String, String, String, List)}); a failed copy someone else made is reported and
     * left alone.
     */
    private Plan planDestination(Image source, String accountId, String destination, DestinationCopies copies) {
        if (!copies.wasRead(destination)) {
            return keptOnly(kept(destination, source, "destination-unknown: images not read"));
        }
        Optional<Image> copy = copies.copyOf(source, destination);
        if (copy.isPresent()) {
            return keptOnly(kept(destination, source,
                    "copy-exists: " + copy.get().imageId() + " (" + copy.get().state().apiValue() + ")"));
        }
        List<Action> actions = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        List<Image> failed = copies.failedCopiesOf(source, destination);
        List<String> replaced = new ArrayList<>();
        for (Image failedCopy : failed) {
            if (isOurs(failedCopy, source, accountId)) {
                actions.add(deregisterFailedCopy(source, failedCopy, accountId));
                replaced.add(failedCopy.imageId());
            } else {
                kept.add(new Kept(destination, ResourceType.IMAGE, failedCopy.imageId(), "failed-copy of "
                        + source.imageId() + ": not made by " + FUNCTION + ", left in place"));
            }
        }
        if (source.name() != null) {
            // EC2 refuses a second AMI of the same name in an account and region (InvalidAMIName.Duplicate). The
            // copy keeps the source's name so that expiry's lineage (the name without its version) still holds;
            // renaming would split lineages, so a clash is reported for a person to resolve. Our failed copy that
            // is deregistered first frees its name.
            Optional<Image> holder = copies.named(destination, source.name())
                    .filter(image -> !replaced.contains(image.imageId()));
            if (holder.isPresent()) {
                kept.add(kept(destination, source, "name-taken: " + holder.get().imageId()));
                return new Plan(actions, kept);
            }
        }
        String reason = "dr-copy to " + destination + " (selector " + selectorText + ")";
        String token = clientToken(source.region(), source.imageId(), destination);
        if (!failed.isEmpty()) {
            List<String> failedIds = failed.stream().map(Image::imageId).toList();
            token = clientToken(source.region(), source.imageId(), destination, failedIds);
            reason += ", again: " + String.join(", ", failedIds) + " failed";
        }
        actions.add(copy(source, destination, reason, token, replaced));
        return new Plan(actions, kept);
    }

    /**
     * The re-check of a planned action on its image as read just now (invariant 6), after the rules every function
     * shares ({@link StillActionable}): a copy's source (read in its region) must still be selected; a
     * deregistration must still be of a failed copy this function made of that source, owned by the account the
     * plan was made for (the only image this function ever deregisters). Tags are judged by
     * {@link TagOnCreatePolicy#recheck}; a copy's failed copies by {@link #failedCopyInTheWay}.
     */
    public Optional<String> recheck(Action action, Image current) {
        if (action instanceof Action.Copy) {
            return current.isSelectedBy(config.selector()) ? Optional.empty()
                    : Optional.of("re-check: no longer selected");
        }
        if (action instanceof Action.DeregisterFailedCopy failed) {
            return notOurFailedCopy(failed, current);
        }
        if (action instanceof Action.Deregister) {
            return Optional.of("re-check: " + current.imageId() + " is not a copy " + FUNCTION + " made");
        }
        return Optional.empty();
    }

    /**
     * Whether a failed copy that a copy replaces, as read just now ({@code current}: empty when EC2 has none), still
     * holds the name because its deregistration failed or was skipped: then the copy waits for the next run.
     */
    public static Optional<String> failedCopyInTheWay(String failedImageId, Optional<Image> current) {
        if (current.isPresent() && current.get().state() != ImageState.DEREGISTERED) {
            return Optional.of("re-check: failed copy " + failedImageId + " is still registered ("
                    + current.get().state().apiValue() + "); copied again once it is deregistered");
        }
        return Optional.empty();
    }

    private static Optional<String> notOurFailedCopy(Action.DeregisterFailedCopy action, Image image) {
        String source = action.sourceImageId();
        if (image.state() != ImageState.FAILED) {
            return Optional.of("re-check: " + image.imageId() + " is " + image.state().apiValue() + ", not failed");
        }
        if (source == null || !image.tag(SOURCE_AMI_TAG).filter(source::equals).isPresent()) {
            return Optional.of("re-check: " + image.imageId() + " is not a copy " + FUNCTION + " made of " + source);
        }
        String account = action.ownerId();
        if (account == null || !account.equals(image.ownerId())) {
            return Optional.of("re-check: " + image.imageId() + " is not owned by this account");
        }
        return Optional.empty();
    }

    /**
     * Ours to deregister: this account owns it and it carries our tags naming the source. Nothing else is ever
     * deregistered by this function.
     */
    private static boolean isOurs(Image failedCopy, Image source, String accountId) {
        return accountId != null && accountId.equals(failedCopy.ownerId()) && DestinationCopies.madeBy(failedCopy, source);
    }

    private static Action deregisterFailedCopy(Image source, Image failedCopy, String accountId) {
        return new Action.DeregisterFailedCopy(failedCopy.region(), failedCopy.imageId(),
                "failed-copy of " + source.imageId() + " from " + source.region(), source.imageId(), source.region(),
                accountId);
    }

    private static Plan keptOnly(Kept kept) {
        return new Plan(List.of(), List.of(kept));
    }

    /** Why the source is not copied anywhere, or empty when it may be. */
    private Optional<String> refusal(Image source, String accountId, Instant now) {
        if (!config.enabled()) {
            return Optional.of("copy-disabled");
        }
        if (accountId == null || !accountId.equals(source.ownerId())) {
            return Optional.of("not-owned");
        }
        Optional<String> copyOf = copiedFrom(source);
        if (copyOf.isPresent()) {
            // Never copy a copy: with two regions backing up each other this would copy back and forth forever.
            return Optional.of("is-a-copy: from " + copyOf.get());
        }
        if (!source.isSelectedBy(config.selector())) {
            return Optional.of("not-selected");
        }
        switch (source.state()) {
            case AVAILABLE -> {
            }
            case DISABLED -> {
                return Optional.of("disabled");
            }
            case DEREGISTERED -> {
                return Optional.of("deregistered");
            }
            // Pending: the AMI State Change event (available), or the catch-up schedule, brings it back.
            default -> {
                return Optional.of("not-available: " + source.state().apiValue());
            }
        }
        // Expiry would delete the copy as soon as it is made (it carries the same expiry tag), and the catch-up
        // run would then copy again: a copy every grace period for as long as the source is kept.
        for (ExpiryTag tag : ExpiryTag.on(source, expiryTagKeys)) {
            if (tag.isPast(now)) {
                return Optional.of("expired: " + tag);
            }
        }
        return Optional.empty();
    }

    /** {@code ami-x us-east-1} when the source is a copy (EC2's attribute, or our tag copied along), else empty. */
    private static Optional<String> copiedFrom(Image source) {
        if (source.sourceImageId() != null) {
            return Optional.of(withRegion(source.sourceImageId(), source.sourceRegion()));
        }
        return source.tag(SOURCE_AMI_TAG).map(id -> withRegion(id, source.tags().get(SOURCE_REGION_TAG)));
    }

    /**
     * The copy of {@code source} to {@code destination}. The source's name, because EC2 requires one and keeping it
     * keeps the copy in the same lineage for expiry; {@code CopyImageTags} as {@link #copyImageTags} says.
     */
    private Action.Copy copy(Image source, String destination, String reason, String token, List<String> replaced) {
        // EC2 omits no name for an AMI this account made; the id is a valid name should one ever be missing.
        String name = source.name() != null ? source.name() : source.imageId();
        return new Action.Copy(destination, source.imageId(), reason, source.region(), name,
                "Copy of " + source.imageId() + " from " + source.region() + " by ami-housekeeping",
                config.kmsKeyIds().get(destination), token, copyImageTags(source), requestedTags(source), replaced);
    }

    /**
     * Whether EC2 copies the source's tags itself ({@code CopyImageTags}): with {@code copyTags}, unless the
     * source has an expiry tag and {@code retainCopies} is off. CopyImageTags copies every user tag, the expiry
     * date included, and a copy that should outlive its source must not carry its date; such a source's other
     * tags are then set one by one instead ({@link #requestedTags}).
     */
    private boolean copyImageTags(Image source) {
        return config.copyTags() && (config.retainCopies() || !hasExpiryTag(source));
    }

    private boolean hasExpiryTag(Image source) {
        return expiryTagKeys.stream().anyMatch(source.tags()::containsKey);
    }

    /** The tags the CopyImage request itself sets on the copy (its tag specification). */
    private Map<String, String> requestedTags(Image source) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (config.copyTags() && !copyImageTags(source)) {
            userTags(source).forEach((key, value) -> {
                if (!expiryTagKeys.contains(key)) {
                    tags.put(key, value);
                }
            });
        }
        tags.put(SOURCE_AMI_TAG, source.imageId());
        tags.put(SOURCE_REGION_TAG, source.region());
        if (config.retainCopies()) {
            for (ExpiryTag tag : ExpiryTag.on(source, expiryTagKeys)) {
                tags.put(tag.key(), tag.value());
            }
        }
        return tags;
    }

    /**
     * The tags a copy of {@code source} made now starts with: what {@code CopyImageTags} copies (the source's
     * user-defined tags, not {@code aws:} system tags), then the ones the request sets on top. One definition, so
     * that what is added to an existing copy matches what a new copy gets.
     */
    Map<String, String> tagsOfNewCopy(Image source) {
        Map<String, String> tags = new TreeMap<>();
        if (copyImageTags(source)) {
            tags.putAll(userTags(source));
        }
        tags.putAll(requestedTags(source));
        return tags;
    }

    /** The tags CopyImageTags copies: every tag but EC2's own {@code aws:} ones. */
    private static Map<String, String> userTags(Image source) {
        Map<String, String> tags = new TreeMap<>();
        source.tags().forEach((key, value) -> {
            if (!key.startsWith(AWS_TAG_PREFIX)) {
                tags.put(key, value);
            }
        });
        return tags;
    }

    private static Kept kept(String region, Image source, String reason) {
        return new Kept(region, ResourceType.IMAGE, source.imageId(), reason);
    }

    private static String withRegion(String imageId, String region) {
        return region == null ? imageId : imageId + " " + region;
    }

    /** {@code CopyToDR=true, name=web-*}, or {@code all} for an empty selector; tags sorted for a stable reason. */
    private static String describe(Selector selector) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(selector.tags()).forEach((key, value) -> parts.add(key + "=" + value));
        if (selector.namePattern() != null) {
            parts.add("name=" + selector.namePattern());
        }
        return parts.isEmpty() ? "all" : String.join(", ", parts);
    }
}
