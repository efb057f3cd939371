package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.Inventory;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Snapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotReturnCode;
import software.amazon.awssdk.services.ec2.model.DeregisterImageResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.ImageBlockPublicAccessEnabledState;
import software.amazon.awssdk.services.ec2.model.LaunchPermissionModifications;
import software.amazon.awssdk.services.ec2.model.OperationType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SnapshotAttributeName;
import software.amazon.awssdk.services.ec2.model.SnapshotBlockPublicAccessState;
import software.amazon.awssdk.services.ec2.model.SnapshotReturnCodes;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * The one place that reads and changes images and snapshots in EC2. Reads use the SDK's paginators at the
 * largest page EC2 allows; everything comes back as our value types. SDK failures become
 * {@link Ec2Exception}; error codes that are outcomes become {@link Ec2OutcomeException} (mutations) or an
 * empty {@link Optional} (describes). One instance per run: it caches the account id.
 */
public final class Ec2Gateway {

    /** The largest page DescribeImages and DescribeSnapshots return. */
    static final int PAGE_SIZE = 1000;
    /** Ids in one filter of a batched read: EC2 caps a request's filter values at 200. */
    static final int MAX_FILTER_VALUES = 100;

    private final Ec2Clients clients;
    private final Clock clock;
    private final ImageReferenceReader imageReferences;
    private final LaunchConfigurationReader launchConfigurations;
    private final ParameterStore parameters;
    private volatile String accountId;

    /** {@code knownAccountId} may be null: it is then read from what the account owns, or from STS. */
    public Ec2Gateway(Ec2Clients clients, Clock clock, String knownAccountId) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.imageReferences = new ImageReferenceReader(clients);
        this.launchConfigurations = new LaunchConfigurationReader(clients);
        this.parameters = new ParameterStore(clients);
        this.accountId = knownAccountId;
    }

    public Ec2Gateway(Ec2Clients clients, Clock clock) {
        this(clients, clock, null);
    }

    /** The in-use evidence readers over this gateway's clients (DescribeImageReferences and its fallbacks). */
    public ImageReferenceReader imageReferences() {
        return imageReferences;
    }

    /** The accounts of the caller's organization (Organizations ListAccounts). */
    public OrganizationAccounts organizationAccounts() {
        return new OrganizationAccounts(clients);
    }

    /** S3 objects in {@code region}: the organization run's result files. */
    public S3ObjectStore objects(String region) {
        return new S3ObjectStore(clients, region);
    }

    /** Auto Scaling launch configurations, the one in-use source outside EC2 and SSM. */
    public LaunchConfigurationReader launchConfigurations() {
        return launchConfigurations;
    }

    /** The latest-AMI parameters in SSM Parameter Store. */
    public ParameterStore parameters() {
        return parameters;
    }

    /**
     * Whether {@code failure} says this endpoint does not offer the operation at all (an emulator without it), as
     * opposed to failing to answer: see {@link Ec2Clients#notOffered}. Only a caller that can do without the
     * operation, or read the same evidence another way, may act on it (DESIGN §6, invariant 12).
     */
    public boolean notOffered(Ec2Exception failure) {
        return clients.notOffered(failure);
    }

    /**
     * The IAM actions of the reads below, each declared beside the methods that call it ({@code run/FunctionCalls}
     * unions them per function and policy; infra grants what that gives). {@link #readInventory}: images,
     * snapshots and, when the region shows nothing owned, the account id.
     */
    public static final Set<String> IAM_READ_IMAGES = Set.of("ec2:DescribeImages");
    public static final Set<String> IAM_READ_SNAPSHOTS = Set.of("ec2:DescribeSnapshots");
    public static final Set<String> IAM_ACCOUNT_ID = Set.of("sts:GetCallerIdentity");
    public static final Set<String> IAM_READ_INVENTORY = Set.of("ec2:DescribeImages", "ec2:DescribeSnapshots",
            "sts:GetCallerIdentity");

    /**
     * The account's snapshots and images in one region. Snapshots are read FIRST: orphan-snapshots decides that
     * a snapshot is unreferenced from an image list read after it, so a snapshot whose image was created between
     * the two reads is seen with its image (DESIGN §5).
     */
    public Inventory readInventory(String region) {
        Instant readAt = clock.instant();
        List<Snapshot> snapshots = readSnapshots(region);
        List<Image> images = readImages(region);
        String owner = Stream.concat(images.stream().map(Image::ownerId), snapshots.stream().map(Snapshot::ownerId))
                .filter(Objects::nonNull).findFirst().orElse(null);
        return new Inventory(region, owner != null ? rememberAccountId(owner) : accountId(region), readAt, images,
                snapshots);
    }

    /** Every image the account owns in {@code region}, disabled and deprecated ones included. */
    public List<Image> readImages(String region) {
        return call("DescribeImages", region, () -> clients.ec2(region)
                .describeImagesPaginator(r -> r.owners("self").includeDisabled(true).includeDeprecated(true)
                        .maxResults(PAGE_SIZE))
                .images().stream().map(i -> Ec2Model.image(region, i)).toList());
    }

    /** Every snapshot the account owns in {@code region}. */
    public List<Snapshot> readSnapshots(String region) {
        return call("DescribeSnapshots", region, () -> clients.ec2(region)
                .describeSnapshotsPaginator(r -> r.ownerIds("self").maxResults(PAGE_SIZE))
                .snapshots().stream().map(s -> Ec2Model.snapshot(region, s)).toList());
    }

    /**
     * The ids of the account's public images in {@code region}, by listing: DescribeImages {@code Owners=self} with
     * the filter {@code is-public=true}, disabled and deprecated ones included (IAM: {@link #IAM_READ_IMAGES}).
     */
    public Set<String> publicImageIds(String region) {
        return call("DescribeImages", region, () -> clients.ec2(region)
                .describeImagesPaginator(r -> r.owners("self").includeDisabled(true).includeDeprecated(true)
                        .filters(f -> f.name("is-public").values("true")).maxResults(PAGE_SIZE))
                .images().stream().map(software.amazon.awssdk.services.ec2.model.Image::imageId)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /**
     * The ids of the account's publicly restorable snapshots in {@code region}, by listing: DescribeSnapshots
     * {@code OwnerIds=self}, {@code RestorableByUserIds=all} (IAM: {@link #IAM_READ_SNAPSHOTS}).
     */
    public Set<String> publicSnapshotIds(String region) {
        return call("DescribeSnapshots", region, () -> clients.ec2(region)
                .describeSnapshotsPaginator(r -> r.ownerIds("self").restorableByUserIds("all").maxResults(PAGE_SIZE))
                .snapshots().stream().map(software.amazon.awssdk.services.ec2.model.Snapshot::snapshotId)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /** The IAM action of {@link #readVolumeIds}. */
    public static final Set<String> IAM_READ_VOLUMES = Set.of("ec2:DescribeVolumes");

    /**
     * Every EBS volume id in {@code region}, for the orphan rule "its source volume is gone". DescribeVolumes
     * pages hold at most 500.
     */
    public Set<String> readVolumeIds(String region) {
        return call("DescribeVolumes", region, () -> clients.ec2(region)
                .describeVolumesPaginator(r -> r.maxResults(500))
                .volumes().stream().map(Volume::volumeId).collect(Collectors.toUnmodifiableSet()));
    }

    /**
     * The images, read now and in any state, whose block device mappings use {@code snapshotId}: the fresh
     * evidence a snapshot deletion re-checks against.
     */
    public List<Image> imagesUsingSnapshot(String region, String snapshotId) {
        return call("DescribeImages", region, () -> clients.ec2(region)
                .describeImagesPaginator(r -> r.filters(Filter.builder().name("block-device-mapping.snapshot-id")
                        .values(snapshotId).build()).includeDisabled(true).includeDeprecated(true))
                .images().stream().map(i -> Ec2Model.image(region, i)).toList());
    }

    /**
     * The account id: as given, else as seen on anything the account owns, else from STS GetCallerIdentity
     * (once per run). Null when none of these can tell, e.g. an empty region on an endpoint without STS (the
     * sandbox): with {@code Owners=self} every image read is ours anyway.
     */
    public String accountId(String region) {
        if (accountId == null) {
            try {
                accountId = clients.sts(region).getCallerIdentity().account();
            } catch (SdkException e) {
                return null;
            }
        }
        return accountId;
    }

    /** The account id if this gateway has learned it already (never calls): what a report entry names. */
    public String knownAccountId() {
        return accountId;
    }

    /** The IAM action of {@link #asRole}, granted on the member role only. */
    public static final Set<String> IAM_ASSUME_ROLE = Set.of("sts:AssumeRole");

    /**
     * The account id of the credentials, from STS GetCallerIdentity unless already known (once per gateway):
     * unlike {@link #accountId}, a failure is an {@link Ec2Exception}, for a caller that must know which account
     * is its own before it reaches into others.
     */
    public String callerAccountId(String region) {
        if (accountId == null) {
            accountId = call("GetCallerIdentity", region, () -> clients.sts(region).getCallerIdentity().account());
        }
        return accountId;
    }

    /**
     * The gateway of {@code account}, acting as the role {@code roleArn} in it ({@link Ec2Clients#assumingRole}).
     * The role is assumed here, before anything is read: a role that cannot be assumed is an {@link Ec2Exception}
     * with the STS error code ({@code AccessDenied}), and nothing in that account is touched.
     */
    public Ec2Gateway asRole(String account, String roleArn, String sessionName, String region) {
        Ec2Clients member = clients.assumingRole(roleArn, sessionName, region);
        call("AssumeRole", region, () -> member.settings().credentials().resolveCredentials());
        return new Ec2Gateway(member, clock, account);
    }

    private String rememberAccountId(String owner) {
        if (accountId == null) {
            accountId = owner;
        }
        return accountId;
    }

    /**
     * The images among {@code imageIds} that EC2 shows now, in any state, by id: the batched form of
     * {@link #describeImage}. Asked with an {@code image-id} filter, not {@code ImageIds}, because one id that no
     * longer exists fails a whole {@code ImageIds} call; an id missing from the answer is gone.
     */
    public Map<String, Image> describeImages(String region, Collection<String> imageIds) {
        Map<String, Image> found = new LinkedHashMap<>();
        for (List<String> batch : batches(imageIds)) {
            call("DescribeImages", region, () -> clients.ec2(region)
                    .describeImagesPaginator(r -> r.filters(Filter.builder().name("image-id").values(batch).build())
                            .includeDisabled(true).includeDeprecated(true))
                    .images().stream().map(i -> Ec2Model.image(region, i)).toList())
                    .forEach(image -> found.put(image.imageId(), image));
        }
        return found;
    }

    /**
     * The account's snapshots among {@code snapshotIds} as they are now, by id: the batched form of
     * {@link #describeSnapshot}, with a {@code snapshot-id} filter for the same reason as {@link #describeImages}.
     */
    public Map<String, Snapshot> describeSnapshots(String region, Collection<String> snapshotIds) {
        Map<String, Snapshot> found = new LinkedHashMap<>();
        for (List<String> batch : batches(snapshotIds)) {
            call("DescribeSnapshots", region, () -> clients.ec2(region)
                    .describeSnapshotsPaginator(r -> r.ownerIds("self")
                            .filters(Filter.builder().name("snapshot-id").values(batch).build()))
                    .snapshots().stream().map(s -> Ec2Model.snapshot(region, s)).toList())
                    .forEach(snapshot -> found.put(snapshot.snapshotId(), snapshot));
        }
        return found;
    }

    /**
     * For each of {@code snapshotIds}, the images that use it now, in any state: the batched form of
     * {@link #imagesUsingSnapshot}. Every id asked for is a key; no image is an empty list.
     */
    public Map<String, List<Image>> imagesUsingSnapshots(String region, Collection<String> snapshotIds) {
        Map<String, List<Image>> users = new LinkedHashMap<>();
        snapshotIds.forEach(id -> users.put(id, new ArrayList<>()));
        for (List<String> batch : batches(snapshotIds)) {
            List<Image> images = call("DescribeImages", region, () -> clients.ec2(region)
                    .describeImagesPaginator(r -> r.filters(Filter.builder().name("block-device-mapping.snapshot-id")
                            .values(batch).build()).includeDisabled(true).includeDeprecated(true))
                    .images().stream().map(i -> Ec2Model.image(region, i)).toList());
            for (Image image : images) {
                image.snapshotIds().stream().distinct().filter(users::containsKey)
                        .forEach(id -> users.get(id).add(image));
            }
        }
        return users;
    }

    static List<List<String>> batches(Collection<String> ids) {
        List<String> distinct = ids.stream().distinct().toList();
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MAX_FILTER_VALUES) {
            batches.add(distinct.subList(from, Math.min(distinct.size(), from + MAX_FILTER_VALUES)));
        }
        return batches;
    }

    /** The image as it is now, in any state, or empty when EC2 no longer knows it. */
    public Optional<Image> describeImage(String region, String imageId) {
        try {
            return withOutcomes("DescribeImages", region, () -> clients.ec2(region)
                    .describeImages(r -> r.imageIds(imageId).includeDisabled(true).includeDeprecated(true))
                    .images().stream().findFirst().map(i -> Ec2Model.image(region, i)));
        } catch (Ec2OutcomeException gone) {
            return Optional.empty();
        }
    }

    /** The snapshot as it is now, or empty when it is gone. */
    public Optional<Snapshot> describeSnapshot(String region, String snapshotId) {
        try {
            return withOutcomes("DescribeSnapshots", region, () -> clients.ec2(region)
                    .describeSnapshots(r -> r.snapshotIds(snapshotId))
                    .snapshots().stream().findFirst().map(s -> Ec2Model.snapshot(region, s)));
        } catch (Ec2OutcomeException gone) {
            return Optional.empty();
        }
    }

    /** The IAM actions of {@link #launchPermissions} and of {@link #createVolumePermissions}. */
    public static final Set<String> IAM_READ_LAUNCH_PERMISSIONS = Set.of("ec2:DescribeImageAttribute");
    public static final Set<String> IAM_READ_CREATE_VOLUME_PERMISSIONS = Set.of("ec2:DescribeSnapshotAttribute");

    /** Who may launch the image now (DescribeImageAttribute launchPermission). */
    public List<LaunchPermission> launchPermissions(String region, String imageId) throws Ec2OutcomeException {
        return withOutcomes("DescribeImageAttribute", region, () -> clients.ec2(region)
                .describeImageAttribute(r -> r.imageId(imageId).attribute(ImageAttributeName.LAUNCH_PERMISSION))
                .launchPermissions().stream().map(Ec2Model::launchPermission).toList());
    }

    /** Who may create volumes from the snapshot now (DescribeSnapshotAttribute createVolumePermission). */
    public List<LaunchPermission> createVolumePermissions(String region, String snapshotId)
            throws Ec2OutcomeException {
        return withOutcomes("DescribeSnapshotAttribute", region, () -> clients.ec2(region)
                .describeSnapshotAttribute(r -> r.snapshotId(snapshotId)
                        .attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION))
                .createVolumePermissions().stream().map(Ec2Model::launchPermission).toList());
    }

    /** Sets the image's DeprecationTime ({@code at} must not be in the past: EC2 refuses that). */
    public void deprecate(String region, String imageId, Instant at) throws Ec2OutcomeException {
        withOutcomes("EnableImageDeprecation", region, () -> clients.ec2(region)
                .enableImageDeprecation(r -> r.imageId(imageId).deprecateAt(at)));
    }

    /**
     * Deregisters the image, asking EC2 to delete its snapshots too when {@code deleteAssociatedSnapshots}. The
     * result is what EC2 says it deleted ({@code DeleteSnapshotResults}), not what was asked: an endpoint that
     * ignores the flag reports nothing deleted, and the caller deletes what is left.
     */
    public Deregistration deregister(String region, String imageId, boolean deleteAssociatedSnapshots)
            throws Ec2OutcomeException {
        DeregisterImageResponse response = withOutcomes("DeregisterImage", region, () -> clients.ec2(region)
                .deregisterImage(r -> r.imageId(imageId)
                        .deleteAssociatedSnapshots(deleteAssociatedSnapshots ? Boolean.TRUE : null)));
        Map<String, String> results = new LinkedHashMap<>();
        for (DeleteSnapshotReturnCode code : response.deleteSnapshotResults()) {
            results.put(code.snapshotId(), code.returnCodeAsString());
        }
        return Deregistration.of(results, SnapshotReturnCodes.SUCCESS.toString());
    }

    public void deleteSnapshot(String region, String snapshotId) throws Ec2OutcomeException {
        withOutcomes("DeleteSnapshot", region, () -> clients.ec2(region).deleteSnapshot(r -> r.snapshotId(snapshotId)));
    }

    /** Removes exactly these launch permissions and no others (invariant 9). */
    public void removeLaunchPermissions(String region, String imageId, List<LaunchPermission> grants)
            throws Ec2OutcomeException {
        LaunchPermissionModifications remove = LaunchPermissionModifications.builder()
                .remove(grants.stream().map(Ec2Model::sdkLaunchPermission).toList()).build();
        withOutcomes("ModifyImageAttribute", region, () -> clients.ec2(region)
                .modifyImageAttribute(r -> r.imageId(imageId).launchPermission(remove)));
    }

    /** Removes exactly these create-volume permissions and no others (invariant 9). */
    public void removeCreateVolumePermissions(String region, String snapshotId, List<LaunchPermission> grants)
            throws Ec2OutcomeException {
        // The flat form (OperationType + UserGroup.N / UserId.N), not CreateVolumePermission.Remove.N: EC2 takes
        // both, and moto (and so LocalStack) applies only the flat one, answering the other with success and no
        // change, which the read back then reports as a removal that did not take.
        List<String> groups = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (LaunchPermission grant : grants) {
            Ec2Model.sdkCreateVolumePermission(grant); // refuses organization grants, which snapshots do not have
            if (grant.group() != null) {
                groups.add(grant.group());
            } else {
                users.add(grant.userId());
            }
        }
        withOutcomes("ModifySnapshotAttribute", region, () -> clients.ec2(region)
                .modifySnapshotAttribute(r -> {
                    r.snapshotId(snapshotId).attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)
                            .operationType(OperationType.REMOVE);
                    if (!groups.isEmpty()) {
                        r.groupNames(groups);
                    }
                    if (!users.isEmpty()) {
                        r.userIds(users);
                    }
                }));
    }

    /** The IAM actions of {@link #imageBlockPublicAccessState} and of {@link #snapshotBlockPublicAccessState}. */
    public static final Set<String> IAM_READ_IMAGE_BLOCK_PUBLIC_ACCESS = Set.of("ec2:GetImageBlockPublicAccessState");
    public static final Set<String> IAM_READ_SNAPSHOT_BLOCK_PUBLIC_ACCESS =
            Set.of("ec2:GetSnapshotBlockPublicAccessState");

    /** {@code block-new-sharing} or {@code unblocked}. */
    public String imageBlockPublicAccessState(String region) {
        return call("GetImageBlockPublicAccessState", region, () -> clients.ec2(region)
                .getImageBlockPublicAccessState(r -> { }).imageBlockPublicAccessState());
    }

    /** {@code block-all-sharing}, {@code block-new-sharing} or {@code unblocked}. */
    public String snapshotBlockPublicAccessState(String region) {
        return call("GetSnapshotBlockPublicAccessState", region, () -> clients.ec2(region)
                .getSnapshotBlockPublicAccessState(r -> { }).stateAsString());
    }

    public void enableImageBlockPublicAccess(String region) {
        call("EnableImageBlockPublicAccess", region, () -> clients.ec2(region)
                .enableImageBlockPublicAccess(r -> r.imageBlockPublicAccessState(
                        ImageBlockPublicAccessEnabledState.BLOCK_NEW_SHARING)));
    }

    /** {@code state} is {@code block-all-sharing} or {@code block-new-sharing}. */
    public void enableSnapshotBlockPublicAccess(String region, String state) {
        call("EnableSnapshotBlockPublicAccess", region, () -> clients.ec2(region)
                .enableSnapshotBlockPublicAccess(r -> r.state(SnapshotBlockPublicAccessState.fromValue(state))));
    }

    /** Sets (adds or overwrites) these tags on every resource; other tags stay. */
    public void createTags(String region, List<String> resourceIds, Map<String, String> tags)
            throws Ec2OutcomeException {
        withOutcomes("CreateTags", region, () -> clients.ec2(region)
                .createTags(r -> r.resources(resourceIds).tags(Ec2Model.sdkTags(tags))));
    }

    /** Removes these tag keys (whatever their values) from every resource; other tags stay. */
    public void deleteTags(String region, List<String> resourceIds, List<String> keys) throws Ec2OutcomeException {
        List<Tag> tags = keys.stream().map(key -> Tag.builder().key(key).build()).toList();
        withOutcomes("DeleteTags", region, () -> clients.ec2(region).deleteTags(r -> r.resources(resourceIds).tags(tags)));
    }

    /**
     * Disables the image (DisableImage): its state becomes {@code disabled} and its launch permissions go, so a
     * shared or public AMI becomes private; EnableImage reverses it. Only the owner can disable an AMI.
     */
    public void disableImage(String region, String imageId) throws Ec2OutcomeException {
        withOutcomes("DisableImage", region, () -> clients.ec2(region).disableImage(r -> r.imageId(imageId)));
    }

    /** Starts the copy in the destination region and returns the new image's id (still {@code pending}). */
    public String copyImage(ImageCopy copy) throws Ec2OutcomeException {
        return withOutcomes("CopyImage", copy.destinationRegion(), () -> clients.ec2(copy.destinationRegion())
                .copyImage(r -> {
                    r.sourceRegion(copy.sourceRegion()).sourceImageId(copy.sourceImageId()).name(copy.name())
                            .description(copy.description()).clientToken(copy.clientToken())
                            .copyImageTags(copy.copyImageTags());
                    if (copy.kmsKeyId() != null) {
                        r.encrypted(true).kmsKeyId(copy.kmsKeyId());
                    }
                    if (!copy.tags().isEmpty()) {
                        r.tagSpecifications(TagSpecification.builder().resourceType(ResourceType.IMAGE)
                                .tags(Ec2Model.sdkTags(copy.tags())).build());
                    }
                }).imageId());
    }

    static <T> T call(String operation, String region, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw Ec2Exception.of(operation, region, e);
        }
    }

    /** Like {@link #call}, but the error codes that are outcomes come back as {@link Ec2OutcomeException}. */
    static <T> T withOutcomes(String operation, String region, Supplier<T> call) throws Ec2OutcomeException {
        try {
            return call.get();
        } catch (SdkException e) {
            Ec2Exception failure = Ec2Exception.of(operation, region, e);
            Optional<Ec2OutcomeException.Kind> kind = Ec2OutcomeException.kindOf(failure.errorCode());
            if (kind.isPresent()) {
                throw new Ec2OutcomeException(kind.get(), failure.errorCode(), failure.errorMessage());
            }
            throw failure;
        }
    }
}
