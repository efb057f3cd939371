package dev.amihousekeeping.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The images of one generated region and the snapshots behind them: dated lineages, expiry tags (some not
 * parseable), sharing, deprecation, disabled and failed AMIs, cross-region copies, a few snapshots shared by
 * two AMIs. Everything is drawn from one seeded {@link Random}, so a seed always gives the same region.
 */
final class FixtureImages {

    static final String PARTNER_ACCOUNT = "444455556666";
    static final String VENDOR_ACCOUNT = "137112412989";
    private static final String[] LINEAGES = {"web", "api", "worker", "batch", "bastion", "base-al2023",
        "base-ubuntu2204", "ml-gpu", "payments", "search", "etl", "frontend", "gateway", "jenkins-agent", "kafka",
        "redis", "postgres", "nginx", "monitoring", "vpn"};
    private static final String[] INVALID_EXPIRY = {"never", "2026-02-30", "tomorrow", "31/12/2026", "", "TBD"};
    private static final String[] TEAMS = {"platform", "data", "payments", "search", "security"};
    private static final int[] ROOT_SIZES = {8, 8, 16, 30, 50, 100};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm").withZone(ZoneOffset.UTC);

    final List<SeedImage> images = new ArrayList<>();
    final List<SeedSnapshot> snapshots = new ArrayList<>();
    /** Images per lineage, newest first, for launch templates and SSM parameters. */
    final List<List<SeedImage>> lineages = new ArrayList<>();
    final List<String> lineageNames = new ArrayList<>();

    private final String region;
    private final GeneratorSpec spec;
    private final Random random;
    private final IdGenerator ids;
    private final Set<String> names = new HashSet<>();
    private final Set<String> copied = new HashSet<>();

    FixtureImages(String region, GeneratorSpec spec, Random random) {
        this.region = region;
        this.spec = spec;
        this.random = random;
        this.ids = IdGenerator.seeded(random);
    }

    /** @param copySources images of regions generated before this one, which copies here point back to */
    FixtureImages build(List<SeedImage> copySources, Map<String, String> regionOf) {
        int lineageCount = Math.max(1, spec.images() / 25);
        int[] intervalDays = new int[lineageCount];
        for (int l = 0; l < lineageCount; l++) {
            String base = LINEAGES[l % LINEAGES.length];
            lineageNames.add(l < LINEAGES.length ? base : base + "-" + (l / LINEAGES.length + 1));
            lineages.add(new ArrayList<>());
            intervalDays[l] = 1 + random.nextInt(14);
        }
        SeedImage previousOwn = null;
        for (int i = 0; i < spec.images(); i++) {
            int lineage = i % lineageCount;
            int age = i / lineageCount;
            Instant created = spec.now().minus(Duration.ofDays((long) age * intervalDays[lineage] + 1))
                    .minus(Duration.ofMinutes(random.nextInt(20 * 60)));
            SeedImage source = !copySources.isEmpty() && chance(0.05)
                    ? copySources.get(random.nextInt(copySources.size())) : null;
            if (source != null && !copied.add(source.imageId())) {
                source = null;
            }
            SeedImage image = image(lineage, created, source, regionOf, previousOwn);
            images.add(image);
            lineages.get(lineage).add(image);
            if (spec.accountId().equals(image.ownerId())) {
                previousOwn = image;
            }
        }
        return this;
    }

    private SeedImage image(int lineage, Instant created, SeedImage source, Map<String, String> regionOf,
                            SeedImage previousOwn) {
        String imageId = ids.next("ami");
        double ownerRoll = random.nextDouble();
        String owner = ownerRoll < 0.01 ? PARTNER_ACCOUNT : ownerRoll < 0.02 ? VENDOR_ACCOUNT : spec.accountId();
        boolean own = owner.equals(spec.accountId());
        String name = source != null && !names.contains(source.name()) ? source.name()
                : uniqueName(lineageNames.get(lineage), lineage, created);
        names.add(name);
        List<SeedBlockDevice> devices = new ArrayList<>();
        boolean reuse = own && previousOwn != null && source == null && chance(0.005);
        if (reuse) {
            // The same snapshot registered as two AMIs: deleting it must wait for both.
            SeedBlockDevice root = previousOwn.blockDeviceMappings().get(0);
            devices.add(new SeedBlockDevice(root.deviceName(), root.snapshotId(), root.volumeSize(), null,
                    root.encrypted(), root.kmsKeyId()));
        } else {
            devices.add(device("/dev/xvda", ROOT_SIZES[random.nextInt(ROOT_SIZES.length)], imageId, created, own,
                    source, regionOf));
            if (chance(0.2)) {
                devices.add(device("/dev/sdb", new int[]{20, 100, 500}[random.nextInt(3)], imageId, created, own,
                        source, regionOf));
            }
        }
        double stateRoll = random.nextDouble();
        String state = !own ? "available" : stateRoll < 0.02 ? "disabled" : stateRoll < 0.03 ? "failed"
                : stateRoll < 0.04 ? "pending" : "available";
        boolean isPublic = owner.equals(VENDOR_ACCOUNT) || (own && !state.equals("disabled") && chance(0.01));
        List<SeedLaunchPermission> grants = new ArrayList<>();
        if (owner.equals(PARTNER_ACCOUNT)) {
            grants.add(SeedLaunchPermission.user(spec.accountId()));
        } else if (own && !state.equals("disabled")) {
            if (chance(0.03)) {
                grants.add(SeedLaunchPermission.user(PARTNER_ACCOUNT));
            }
            if (chance(0.005)) {
                grants.add(SeedLaunchPermission.organization("arn:aws:organizations::" + spec.accountId()
                        + ":organization/o-a1b2c3d4e5"));
            }
            if (chance(0.005)) {
                grants.add(SeedLaunchPermission.organizationalUnit("arn:aws:organizations::" + spec.accountId()
                        + ":ou/o-a1b2c3d4e5/ou-ab12-cdef3456"));
            }
        }
        double deprecationRoll = random.nextDouble();
        Instant deprecation = deprecationRoll < 0.05 ? between(created, spec.now())
                : deprecationRoll < 0.07 ? spec.now().plus(Duration.ofDays(1 + random.nextInt(90))) : null;
        Instant lastLaunched = chance(0.6) ? between(created, spec.now()) : null;
        SeedStateReason reason = state.equals("failed")
                ? new SeedStateReason("Server.InternalError", "Copy image failed with an internal error") : null;
        return new SeedImage(imageId, name, state, created, owner, isPublic, grants, tags(created, source),
                deprecation, lastLaunched, own && chance(0.01), source == null ? null : source.imageId(),
                source == null ? null : regionOf.get(source.imageId()), devices,
                source != null ? "[Copied " + source.imageId() + " from " + regionOf.get(source.imageId()) + "]"
                        : "Built by the image pipeline", null, null, reason);
    }

    private SeedBlockDevice device(String deviceName, int size, String imageId, Instant created, boolean own,
                                   SeedImage source, Map<String, String> regionOf) {
        String snapshotId = ids.next("snap");
        boolean encrypted = chance(0.3);
        String key = encrypted ? "arn:aws:kms:" + region + ":" + spec.accountId() + ":key/"
                + ids.next("k").substring(2) : null;
        if (own) {
            String description;
            String volumeId;
            if (source != null) {
                String sourceSnapshot = source.blockDeviceMappings().get(0).snapshotId();
                description = ImageCreationActions.copiedDescription(imageId, source.imageId(), sourceSnapshot, created);
                volumeId = "vol-ffffffff";
            } else if (chance(0.9)) {
                description = "Created by CreateImage(" + ids.next("i") + ") for " + imageId;
                volumeId = ids.next("vol");
            } else {
                description = "root volume for " + imageId.substring(0, 8) + " registration";
                volumeId = ids.next("vol");
            }
            Long fullSize = chance(0.5) ? (long) (size * (0.1 + 0.8 * random.nextDouble()) * 1_073_741_824L) : null;
            snapshots.add(new SeedSnapshot(snapshotId, volumeId, size, created, description, spec.accountId(),
                    null, null, null, encrypted, key, fullSize, null));
        }
        return new SeedBlockDevice(deviceName, snapshotId, size, "gp3", encrypted, key);
    }

    private Map<String, String> tags(Instant created, SeedImage source) {
        Map<String, String> tags = new TreeMap<>();
        if (source != null) {
            tags.putAll(ImageCreationActions.userTags(source.tags()));
            tags.put("SourceAmi", source.imageId());
        }
        double expiry = random.nextDouble();
        if (expiry < 0.30) {
            tags.put("DeleteOn", DAY.format(created.plus(Duration.ofDays(7 + random.nextInt(180)))));
        } else if (expiry < 0.35) {
            tags.put("ExpirationDate", created.plus(Duration.ofDays(30 + random.nextInt(365))).toString());
        } else if (expiry < 0.40) {
            tags.put("DeleteOn", INVALID_EXPIRY[random.nextInt(INVALID_EXPIRY.length)]);
        }
        if (chance(0.03)) {
            tags.put("DoNotDelete", "true");
        }
        if (chance(0.02)) {
            tags.put("Retain", "yes");
        }
        if (chance(0.4)) {
            tags.put("CreatedBy", chance(0.5) ? "arn:aws:sts::" + spec.accountId() + ":assumed-role/ci-builder/jenkins"
                    : "arn:aws:iam::" + spec.accountId() + ":user/alice");
        }
        if (chance(0.05)) {
            tags.put("CopyToDR", "true");
        }
        if (chance(0.5)) {
            tags.put("Team", TEAMS[random.nextInt(TEAMS.length)]);
        }
        return tags;
    }

    private String uniqueName(String lineage, int index, Instant created) {
        String name = switch (index % 4) {
            case 0 -> lineage + "-" + DAY.format(created);
            case 1 -> lineage + "-" + COMPACT.format(created);
            case 2 -> lineage + "-v1." + random.nextInt(40) + ".0-" + DOTTED.format(created);
            default -> lineage + "-" + STAMP.format(created);
        };
        String unique = name;
        for (int n = 2; names.contains(unique); n++) {
            unique = name + "-" + n;
        }
        return unique;
    }

    private Instant between(Instant from, Instant to) {
        long span = Math.max(1, Duration.between(from, to).toMinutes());
        return from.plus(Duration.ofMinutes((long) (random.nextDouble() * span)));
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }
}
