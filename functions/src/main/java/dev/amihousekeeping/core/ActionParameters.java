package dev.amihousekeeping.core;

/**
 * The keys of {@link Action#parameters()}: the contract between the policies that plan an action and the
 * applier that carries it out. Values are strings; lists are comma-separated; instants are ISO-8601.
 * <ul>
 *   <li>{@code deprecate}: {@link #DEPRECATE_AT} (optional; default and floor: the moment it is applied, since
 *       EC2 refuses a past time).</li>
 *   <li>{@code deregister}: {@link #DELETE_SNAPSHOTS} ({@code true}/{@code false}, default false),
 *       {@link #SNAPSHOT_IDS} (the snapshots to delete with the image: only ones no other image uses; present
 *       and empty means none; absent means the image's snapshots as read just before deregistering),
 *       {@link #KEPT_SNAPSHOTS} (the image's snapshots that other images use or AWS Backup or DLM manages; when
 *       present and not empty, EC2 is not asked to delete associated snapshots at all and only
 *       {@link #SNAPSHOT_IDS} are deleted),
 *       {@link #SNAPSHOT_GIB} (their total size, for the savings estimate).</li>
 *   <li>{@code delete-snapshot}: {@link #VOLUME_SIZE} (GiB, for the savings estimate).</li>
 *   <li>{@code remove-grant}: the grants are {@link Action#grants()}; no parameters.</li>
 *   <li>{@code enable-block-public-access} (resource type {@code account}): {@link #SCOPE} {@code image} or
 *       {@code snapshot}; {@link #STATE} for snapshots ({@code block-new-sharing}, the default, or
 *       {@code block-all-sharing}).</li>
 *   <li>{@code tag}: one {@code tag:<Key>} entry per tag, e.g. {@code tag:CreatedBy}.</li>
 *   <li>{@code copy}: the action's region is the DESTINATION region and its resource id the source image;
 *       {@link #SOURCE_REGION} (required), {@link #SOURCE_IMAGE_ID} (default: the resource id), {@link #NAME}
 *       (required by CopyImage), {@link #DESCRIPTION}, {@link #KMS_KEY_ID} (set: encrypted copy),
 *       {@link #CLIENT_TOKEN} (default: derived from source region, source id and destination region),
 *       {@link #COPY_IMAGE_TAGS} (default true), and {@code tag:<Key>} entries for the new image.</li>
 * </ul>
 */
public final class ActionParameters {

    public static final String DEPRECATE_AT = "deprecateAt";
    public static final String DELETE_SNAPSHOTS = "deleteSnapshots";
    public static final String SNAPSHOT_IDS = "snapshotIds";
    public static final String KEPT_SNAPSHOTS = "keptSnapshots";
    public static final String SNAPSHOT_GIB = "snapshotGiB";
    public static final String VOLUME_SIZE = "volumeSize";
    public static final String SCOPE = "scope";
    public static final String STATE = "state";
    public static final String TAG_PREFIX = "tag:";
    public static final String SOURCE_REGION = "sourceRegion";
    public static final String SOURCE_IMAGE_ID = "sourceImageId";
    public static final String NAME = "name";
    public static final String DESCRIPTION = "description";
    public static final String KMS_KEY_ID = "kmsKeyId";
    public static final String CLIENT_TOKEN = "clientToken";
    public static final String COPY_IMAGE_TAGS = "copyImageTags";

    private ActionParameters() {
    }
}
