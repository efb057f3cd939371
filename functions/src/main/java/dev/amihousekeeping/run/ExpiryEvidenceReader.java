package dev.amihousekeeping.run;

import dev.amihousekeeping.core.ExpiryEvidence;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ImageReference;
import dev.amihousekeeping.core.InUseIndex;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.ec2.Ec2Exception;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.ec2.Ec2OutcomeException;
import dev.amihousekeeping.ec2.ImageReferenceReader;
import dev.amihousekeeping.ec2.LaunchConfigurationReader;
import dev.amihousekeeping.ec2.OperationUnavailableException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Reads the {@link ExpiryEvidence} of one region's expiry candidates through the gateway (DESIGN §5), and again
 * for one image just before it is changed (invariant 6).
 *
 * <p>In use: {@code DescribeImageReferences} for the candidates (10 ids a call), plus what it does not cover:
 * launch templates' {@code $Default} versions older than the newest 10, and Auto Scaling launch configurations.
 * Where the endpoint does not offer DescribeImageReferences, instances, launch templates, launch configurations
 * and SSM parameters are read whole instead, and the reading says so once. Every source that cannot be read is
 * an {@link InUseIndex} failure: the policy then keeps every image of the region (fail closed).
 *
 * <p>The re-check re-reads the source that changes by the minute (DescribeImageReferences, or instances in the
 * fallback) and the launch permissions for each image, and launch templates' {@code $Default} versions and
 * launch configurations once per read-ahead window and region (one paged call each, not one per image): a
 * template whose default someone moved to the image after the plan keeps it. In the fallback, what the plan read
 * of templates' newest versions and SSM parameters is still added (those take a call per template to read again).
 */
final class ExpiryEvidenceReader {

    static final String FALLBACK_NOTE = "DescribeImageReferences is not offered by the endpoint: instances, launch "
            + "templates, launch configurations and SSM parameters were read directly";

    /** Launch-permission reads in flight at once while planning, per target. */
    static final int GRANT_READS_IN_FLIGHT = PacedApply.IN_FLIGHT;

    private final Ec2Gateway gateway;
    private final boolean includeShared;
    /** References read ahead for the window of images about to be changed, by region and image id; taken once. */
    private final Map<String, List<ImageReference>> readAhead = new ConcurrentHashMap<>();
    /** Launch templates' $Default versions and launch configurations, read for the window, by region. */
    private final Map<String, List<ImageReference>> standingAhead = new ConcurrentHashMap<>();

    /** Null when the run does not look at a shared AMI's consumers (no {@code accounts}, or not includeShared). */
    private final SharedImageConsumers consumers;
    /** The account that owns the images read: a consumer is any other account. */
    private final String owner;

    ExpiryEvidenceReader(Ec2Gateway gateway, boolean includeShared) {
        this(gateway, includeShared, null, null);
    }

    ExpiryEvidenceReader(Ec2Gateway gateway, boolean includeShared, SharedImageConsumers consumers, String owner) {
        this.gateway = gateway;
        this.includeShared = includeShared;
        this.consumers = consumers;
        this.owner = owner;
    }

    /**
     * The IAM actions of {@link #read} and the re-check: the image references and their fallback, launch
     * configurations, and (unless {@code skipsGrants}: {@code expiry.includeShared} without consumer checks) each
     * candidate's launch permissions.
     */
    static Set<String> iamActions(boolean skipsGrants) {
        Set<String> actions = new TreeSet<>(ImageReferenceReader.IAM_ACTIONS);
        actions.addAll(ImageReferenceReader.IAM_ACTIONS_VIA_EC2);
        actions.addAll(LaunchConfigurationReader.IAM_ACTIONS);
        if (!skipsGrants) {
            actions.addAll(Ec2Gateway.IAM_READ_LAUNCH_PERMISSIONS);
        }
        return actions;
    }

    /**
     * What was read for one region: the evidence the policy plans with, the references a re-check reuses, whether
     * the fallback was used, and the notes and errors the report carries.
     */
    record Reading(ExpiryEvidence evidence, List<ImageReference> standing, boolean fallback, List<String> notes,
                   List<RegionError> errors) {

        Reading {
            standing = List.copyOf(standing);
            notes = List.copyOf(notes);
            errors = List.copyOf(errors);
        }

        /** Nothing to read: a region without candidates. */
        static Reading none() {
            return new Reading(ExpiryEvidence.none(), List.of(), false, List.of(), List.of());
        }
    }

    /** The evidence for {@code candidates}, all of one region. */
    Reading read(String region, List<Image> candidates) {
        List<String> ids = candidates.stream().map(Image::imageId).toList();
        List<String> notes = new ArrayList<>();
        List<RegionError> errors = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<ImageReference> volatileUses = new ArrayList<>();
        List<ImageReference> standing = new ArrayList<>();
        ImageReferenceReader references = gateway.imageReferences();

        boolean fallback = !readImageReferences(region, ids, volatileUses, failures);
        if (fallback) {
            notes.add(FALLBACK_NOTE);
        }
        if (fallback) {
            readSource(() -> references.instances(region), volatileUses, failures);
            readSource(() -> references.launchTemplates(region, ImageReferenceReader.LAUNCH_TEMPLATE_VERSION_DEPTH),
                    standing, failures);
            readSource(() -> references.ssmParameters(region), standing, failures);
        } else {
            // DescribeImageReferences covers the newest 10 versions of each template; a $Default kept older
            // than that (a pinned rollback target) is read here.
            readSource(() -> references.launchTemplates(region, 0), standing, failures);
        }
        // No fallback for launch configurations: an endpoint without Auto Scaling is a source not read, and the
        // region is kept (invariant 12), however it says so.
        readSource(() -> gateway.launchConfigurations().launchConfigurations(region), standing, failures);

        InUseIndex.Builder index = fallback ? InUseIndex.checkingAll() : InUseIndex.checking(ids);
        volatileUses.forEach(ref -> index.use(ref.imageId(), describe(ref, fallback)));
        standing.forEach(ref -> index.use(ref.imageId(), describe(ref, fallback)));
        failures.forEach(index::failed);
        InUseIndex inUse = index.build();
        if (!failures.isEmpty()) {
            errors.add(new RegionError(region, "InUseUnknown", "in-use evidence could not be read ("
                    + String.join("; ", failures) + "): no AMI in this region is deprecated or deregistered this run"));
        }

        List<String> needed = ids.stream().filter(id -> needsGrants(inUse, id)).toList();
        Map<String, List<LaunchPermission>> grants = new LinkedHashMap<>();
        List<String> unread = new ArrayList<>();
        String lastError = null;
        List<GrantRead> reads = readGrants(region, needed);
        for (int i = 0; i < needed.size(); i++) {
            GrantRead read = reads.get(i);
            if (read.grants() != null) {
                grants.put(needed.get(i), read.grants());
            } else if (read.failure() != null) {
                unread.add(needed.get(i));
                lastError = failure(read.failure());
            }
            // else gone since the inventory: nothing to keep it for, and the re-check will say so if it is planned.
        }
        if (!unread.isEmpty()) {
            errors.add(new RegionError(region, "LaunchPermissionsUnknown", "launch permissions of " + unread.size()
                    + " images could not be read (" + lastError + "): " + String.join(", ", unread)
                    + " are kept"));
        }
        return new Reading(withConsumers(region, new ExpiryEvidence(inUse, grants, true)), standing, fallback, notes,
                errors);
    }

    /**
     * One image's launch permissions as read: the grants, or the failure (kept, fail closed), or neither when
     * the image is gone since the inventory.
     */
    private record GrantRead(List<LaunchPermission> grants, Ec2Exception failure) {
    }

    /**
     * The launch permissions of {@code imageIds}, in their order, read up to {@value #GRANT_READS_IN_FLIGHT} at
     * once: EC2 has no batch form of DescribeImageAttribute, so one call each, and one at a time a region's plan
     * waits for thousands of round trips in a row. The bound is the apply's ({@link PacedApply#IN_FLIGHT}): within
     * EC2's non-mutating bucket, and what throttling remains the SDK's adaptive retries absorb. Anything but an
     * answer or "gone" is a failure the caller keeps the image for, an unexpected exception included.
     */
    private List<GrantRead> readGrants(String region, List<String> imageIds) {
        if (imageIds.size() <= 1) {
            return imageIds.stream().map(id -> readGrant(region, id)).toList();
        }
        ExecutorService pool = PacedApply.pool(Math.min(GRANT_READS_IN_FLIGHT, imageIds.size()), "grants-");
        try {
            List<Future<GrantRead>> reads = new ArrayList<>();
            for (String id : imageIds) {
                reads.add(pool.submit(() -> readGrant(region, id)));
            }
            return reads.stream()
                    .map(read -> PacedApply.result(read, "reading launch permissions in " + region)).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private GrantRead readGrant(String region, String imageId) {
        try {
            return new GrantRead(gateway.launchPermissions(region, imageId), null);
        } catch (Ec2OutcomeException gone) {
            return new GrantRead(null, null);
        } catch (Ec2Exception e) {
            return new GrantRead(null, e);
        }
    }

    /**
     * Reads ahead, for the window of {@code imageIds} about to be changed in {@code region}, what {@link #reread}
     * reads for each of them: DescribeImageReferences at 10 ids a call, or the region's instances once in the
     * fallback. Forgets what the previous window read. A failed read leaves the ids to be read one by one.
     */
    void readAhead(String region, List<String> imageIds, Reading earlier) {
        try {
            standingAhead.put(region, readStanding(region));
        } catch (Ec2Exception e) {
            // Left to each image's re-check, which reads it again and fails if that fails too.
        }
        List<ImageReference> read;
        if (earlier.fallback()) {
            read = gateway.imageReferences().instances(region);
        } else {
            try {
                read = gateway.imageReferences().describeImageReferences(region, imageIds);
            } catch (OperationUnavailableException e) {
                return;
            }
        }
        for (String id : imageIds) {
            readAhead.put(key(region, id), read.stream().filter(ref -> ref.imageId().equals(id)).toList());
        }
    }

    /** Drops what earlier windows read ahead, so that nothing older than the current window is used. */
    void forgetReadAhead() {
        readAhead.clear();
        standingAhead.clear();
    }

    /**
     * Every launch template's {@code $Default} version and every launch configuration, as they are now: one paged
     * call each. Throws when a source cannot be read, an endpoint without Auto Scaling included (invariant 12).
     */
    private List<ImageReference> readStanding(String region) {
        List<ImageReference> standing = new ArrayList<>(gateway.imageReferences().launchTemplates(region, 0));
        standing.addAll(gateway.launchConfigurations().launchConfigurations(region));
        return standing;
    }

    /**
     * Fresh evidence for one image about to be changed: the window's read-ahead when it covered the image, else
     * read now. Empty when the image's launch permissions say it is gone. A source that cannot be read now
     * throws: the action then fails rather than act on a guess.
     */
    Optional<ExpiryEvidence> reread(String region, String imageId, Reading earlier) {
        List<ImageReference> uses = new ArrayList<>();
        List<ImageReference> ahead = readAhead.remove(key(region, imageId));
        if (ahead != null) {
            uses.addAll(ahead);
        } else if (earlier.fallback()) {
            uses.addAll(gateway.imageReferences().instances(region));
        } else {
            try {
                uses.addAll(gateway.imageReferences().describeImageReferences(region, List.of(imageId)));
            } catch (OperationUnavailableException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        List<ImageReference> standing = standingAhead.get(region);
        uses.addAll(standing != null ? standing : readStanding(region));
        if (earlier.fallback()) {
            uses.addAll(earlier.standing());
        }
        InUseIndex.Builder index = InUseIndex.checking(List.of(imageId));
        uses.stream().filter(ref -> ref.imageId().equals(imageId))
                .forEach(ref -> index.use(imageId, describe(ref, earlier.fallback())));
        // A source the plan phase could not read still counts as unread: nothing would have been planned then,
        // but the re-check must not be the weaker of the two.
        earlier.evidence().inUse().failures().forEach(index::failed);
        InUseIndex inUse = index.build();
        Map<String, List<LaunchPermission>> grants = new LinkedHashMap<>();
        if (needsGrants(inUse, imageId)) {
            try {
                grants.put(imageId, gateway.launchPermissions(region, imageId));
            } catch (Ec2OutcomeException e) {
                if (e.kind() == Ec2OutcomeException.Kind.GONE) {
                    return Optional.empty();
                }
                // Left out: the policy keeps an image whose sharing it does not know.
            }
        }
        return Optional.of(withConsumers(region, new ExpiryEvidence(inUse, grants, true)));
    }

    /**
     * The evidence with what each consumer account of each shared image says ({@link SharedImageConsumers}),
     * when the run looks at consumers; read now, so that the re-check asks them again (invariant 6).
     */
    private ExpiryEvidence withConsumers(String region, ExpiryEvidence evidence) {
        if (consumers == null) {
            return evidence;
        }
        Map<String, String> holds = new LinkedHashMap<>();
        evidence.launchPermissions().forEach((imageId, grants) -> consumers.hold(region, owner, imageId, grants)
                .ifPresent(hold -> holds.put(imageId, hold)));
        return evidence.withConsumers(holds);
    }

    private static String key(String region, String imageId) {
        return region + "/" + imageId;
    }

    /**
     * Launch permissions matter only for an image that nothing uses, and only when shared images are kept or
     * their consumers are looked at.
     */
    private boolean needsGrants(InUseIndex inUse, String imageId) {
        return (!includeShared || consumers != null) && inUse.uses(imageId).isEmpty()
                && inUse.unknown(imageId).isEmpty();
    }

    /** False when the endpoint does not offer DescribeImageReferences (the caller falls back). */
    private boolean readImageReferences(String region, List<String> ids, List<ImageReference> into,
                                        List<String> failures) {
        try {
            into.addAll(gateway.imageReferences().describeImageReferences(region, ids));
        } catch (OperationUnavailableException unavailable) {
            return false;
        } catch (Ec2Exception e) {
            failures.add(failure(e));
        }
        return true;
    }

    private static void readSource(Supplier<Collection<ImageReference>> source, List<ImageReference> into,
                                   List<String> failures) {
        try {
            into.addAll(source.get());
        } catch (Ec2Exception e) {
            failures.add(failure(e));
        }
    }

    private static String failure(Ec2Exception e) {
        return e.operation() + ": " + e.errorCode();
    }

    /**
     * The short form a kept reason shows. DescribeImageReferences names a launch template, not its version: it
     * answered for the newest 10, so the reason says that.
     */
    static String describe(ImageReference reference, boolean fallback) {
        if (!fallback && ImageReference.LAUNCH_TEMPLATE.equals(reference.resourceType())
                && !reference.resource().contains(" ")) {
            return reference.resource() + " (newest " + ImageReferenceReader.LAUNCH_TEMPLATE_VERSION_DEPTH
                    + " versions)";
        }
        return reference.resource();
    }
}
