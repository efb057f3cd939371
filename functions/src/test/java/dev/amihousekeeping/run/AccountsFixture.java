package dev.amihousekeeping.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An organization of four accounts in two regions, for runs over several accounts: the management account
 * ({@link #HUB}, the credentials' own), two members ({@link #MEMBER_A}, {@link #MEMBER_B}) and a suspended one
 * ({@link #SUSPENDED}). Each active account holds, in each region, an AMI whose DeleteOn and deprecation are long
 * past ({@link #expired}: expiry deregisters it) and a fresh one ({@link #fresh}), each with its snapshot. Every
 * account has the role {@link #ROLE} except where a test says otherwise.
 */
public final class AccountsFixture {

    public static final String HUB = "111122223333";
    public static final String MEMBER_A = "222233334444";
    public static final String MEMBER_B = "333344445555";
    public static final String SUSPENDED = "444455556666";
    public static final List<String> ACCOUNTS = List.of(HUB, MEMBER_A, MEMBER_B, SUSPENDED);
    public static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
    public static final String ROLE = "AmiHousekeeperMember";
    public static final String NOW = "2026-11-01T00:00:00Z";
    /** The policy of an organization run over {@link #REGIONS}, dry-run off (the CLI's --apply decides). */
    public static final String POLICY = "{\"regions\": [\"us-east-1\", \"eu-west-1\"], \"dryRun\": false,"
            + " \"accounts\": {\"organization\": true}}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private AccountsFixture() {
    }

    /** The seed with every account holding {@link #ROLE}. */
    public static String seed() {
        return seed(List.of());
    }

    /** The seed, {@code withoutRole} lacking {@link #ROLE} (AssumeRole into them is AccessDenied). */
    public static String seed(List<String> withoutRole) {
        ObjectNode seed = JSON.createObjectNode().put("accountId", HUB).put("now", NOW);
        ObjectNode accounts = seed.putObject("accounts");
        for (String account : ACCOUNTS) {
            ObjectNode entry = accounts.putObject(account);
            ObjectNode regions = entry.putObject("regions");
            if (!account.equals(SUSPENDED)) {
                for (String region : REGIONS) {
                    ObjectNode state = regions.putObject(region);
                    ArrayNode images = state.putArray("images");
                    ArrayNode snapshots = state.putArray("snapshots");
                    image(images, snapshots, account, expired(account, region), "2026-06-01T00:00:00Z",
                            "2026-09-01", "2026-10-01T00:00:00Z");
                    image(images, snapshots, account, fresh(account, region), "2026-10-20T00:00:00Z", null, null);
                }
            }
            ArrayNode roles = entry.putArray("roles");
            if (!withoutRole.contains(account)) {
                roles.add(ROLE);
            }
            entry.put("status", account.equals(SUSPENDED) ? "SUSPENDED" : "ACTIVE");
        }
        seed.putObject("organization").put("id", "o-abc123def4").put("managementAccountId", HUB)
                .putObject("ous");
        return seed.toString();
    }

    /** The organization's ARN, as a launch permission names it. */
    public static final String ORGANIZATION_ARN = "arn:aws:organizations::" + HUB + ":organization/o-abc123def4";
    /** The instance in {@link #MEMBER_A} that {@link #sharedSeed} may run on the hub's shared AMI. */
    public static final String CONSUMER_INSTANCE = "i-0c0000000000000a1";

    /**
     * {@code seed}, with the hub's expired AMI in us-east-1 shared by {@code grant} ({@code {"userId": ...}} or
     * {@code {"organizationArn": ...}}); when {@code used}, {@link #MEMBER_A} runs {@link #CONSUMER_INSTANCE} on it.
     */
    public static String sharedSeed(String seed, String grant, boolean used) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(seed);
            ObjectNode hub = (ObjectNode) root.at("/accounts/" + HUB + "/regions/us-east-1");
            ((ArrayNode) hub.get("images").get(0).get("launchPermissions")).add(JSON.readTree(grant));
            if (used) {
                ((ObjectNode) root.at("/accounts/" + MEMBER_A + "/regions/us-east-1")).putArray("instances")
                        .addObject().put("instanceId", CONSUMER_INSTANCE)
                        .put("imageId", expired(HUB, "us-east-1")).put("state", "running");
            }
            return root.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The AMI of {@code account} in {@code region} that expiry deregisters. */
    public static String expired(String account, String region) {
        return id("ami-", account, region, 1);
    }

    /** The AMI of {@code account} in {@code region} that expiry keeps (no expiry tag). */
    public static String fresh(String account, String region) {
        return id("ami-", account, region, 2);
    }

    private static String id(String prefix, String account, String region, int n) {
        return prefix + "0" + (ACCOUNTS.indexOf(account) + 1) + (REGIONS.indexOf(region) + 1) + "0000000000000" + n;
    }

    private static void image(ArrayNode images, ArrayNode snapshots, String account, String imageId, String created,
                              String deleteOn, String deprecated) {
        String snapshotId = "snap-" + imageId.substring(4);
        ObjectNode image = images.addObject().put("imageId", imageId).put("name", "web-" + imageId)
                .put("state", "available").put("creationDate", created).put("ownerId", account).put("public", false);
        image.putArray("launchPermissions");
        ObjectNode tags = image.putObject("tags");
        if (deleteOn != null) {
            tags.put("DeleteOn", deleteOn);
        }
        if (deprecated != null) {
            image.put("deprecationTime", deprecated);
        }
        image.putArray("blockDeviceMappings").addObject().put("deviceName", "/dev/xvda").put("snapshotId", snapshotId)
                .put("volumeSize", 8);
        snapshots.addObject().put("snapshotId", snapshotId).put("volumeId", "vol-" + imageId.substring(4))
                .put("volumeSize", 8).put("startTime", created)
                .put("description", "Created by CreateImage(i-0e000000000000001) for " + imageId)
                .put("ownerId", account);
    }
}
