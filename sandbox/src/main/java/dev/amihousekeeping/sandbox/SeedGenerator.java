package dev.amihousekeeping.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Makes large, realistic seeds from a spec such as
 * {@code images=10000,snapshots=30000,regions=us-east-1;eu-west-1;ap-southeast-2,seed=1} (counts per region;
 * see {@link GeneratorSpec}). The same spec always gives the same seed.
 *
 * <p>Per region: dated AMI lineages with expiry tags (valid, past, future and unparseable), shared, public,
 * deprecated, disabled, failed and protected AMIs, copies of other regions' AMIs; the snapshots behind them;
 * then orphans (EC2-shaped {@code CreateImage}/{@code CopyImage} descriptions), AWS Backup and DLM snapshots,
 * manual snapshots; instances, launch templates, SSM parameters and launch configurations that use the AMIs.
 * If {@code snapshots} is below what the AMIs need, the AMIs' snapshots are still all made.
 */
public final class SeedGenerator {

    private static final String[] MANUAL = {"", "before kernel upgrade", "db-prod nightly", "manual backup",
        "pre-migration snapshot"};
    private static final String[] INSTANCE_STATES = {"running", "running", "running", "running", "running",
        "running", "stopped", "stopped", "terminated", "pending"};

    private SeedGenerator() {
    }

    /** The role every generated account lists, so that a hub's AssumeRole reaches it. */
    static final String MEMBER_ROLE = "AmiHousekeeperMember";
    /** The organization and first OU that {@link FixtureImages}' sharing grants name. */
    static final String ORGANIZATION_ID = "o-a1b2c3d4e5";
    /** Members alternate between these two OUs; the management account is in none. */
    static final List<String> OUS = List.of("ou-ab12-cdef3456", "ou-ab12-sandboxes");

    public static Seed generate(String spec) {
        GeneratorSpec parsed = GeneratorSpec.parse(spec);
        if (!parsed.severalAccounts()) {
            return new Seed(parsed.accountId(), parsed.now(), regions(parsed, new Random(parsed.seed()), Map.of()));
        }
        String management = parsed.accountId();
        Map<String, List<String>> ous = new TreeMap<>();
        OUS.forEach(ou -> ous.put(ou, new ArrayList<>()));
        Map<String, SeedAccount> accounts = new TreeMap<>();
        SeedOrganization organization = new SeedOrganization(ORGANIZATION_ID, management, Map.of());
        Map<String, SeedRegion> hub = shareWithOrganization(regions(parsed, new Random(parsed.seed()), Map.of()),
                organization);
        accounts.put(management, new SeedAccount(hub, List.of(MEMBER_ROLE), null));
        for (int n = 1; n < parsed.accounts(); n++) {
            String id = memberId(n, management);
            ous.get(OUS.get(n % OUS.size())).add(id);
            // One stream per account: an account's resources do not change when the count of accounts does.
            Random random = new Random(parsed.seed() * 1_000_003L + n);
            accounts.put(id, new SeedAccount(regions(parsed.forAccount(id), random, sharedBy(hub, organization)),
                    List.of(MEMBER_ROLE), null));
        }
        return new Seed(management, parsed.now(), null, accounts, new SeedOrganization(ORGANIZATION_ID, management,
                ous));
    }

    /** Member account n: 12 digits, never the management account's nor the fixtures' outside accounts. */
    private static String memberId(int n, String management) {
        String id = String.format("2%011d", n);
        return id.equals(management) ? String.format("3%011d", n) : id;
    }

    /** Every 20th available AMI the management account owns is shared with the organization (golden images). */
    private static Map<String, SeedRegion> shareWithOrganization(Map<String, SeedRegion> hub,
                                                                 SeedOrganization organization) {
        Map<String, SeedRegion> out = new TreeMap<>();
        hub.forEach((name, region) -> {
            List<SeedImage> images = new ArrayList<>();
            int n = 0;
            for (SeedImage image : region.images()) {
                if (organization.managementAccountId().equals(image.ownerId()) && "available".equals(image.state())
                        && n++ % 20 == 0 && image.launchPermissions().stream()
                        .noneMatch(p -> organization.arn().equals(p.organizationArn()))) {
                    List<SeedLaunchPermission> grants = new ArrayList<>(image.launchPermissions());
                    grants.add(SeedLaunchPermission.organization(organization.arn()));
                    image = image.withSharing(image.isPublic(), grants);
                }
                images.add(image);
            }
            out.put(name, new SeedRegion(images, region.snapshots(), region.instances(), region.launchTemplates(),
                    region.ssmParameters(), region.launchConfigurations(), region.imageBlockPublicAccess(),
                    region.snapshotBlockPublicAccess(), region.volumes(), region.recycleBinRules(),
                    region.recycleBin()));
        });
        return out;
    }

    /** Per region, the management account's AMIs its organization may launch (what members' instances use). */
    private static Map<String, List<SeedImage>> sharedBy(Map<String, SeedRegion> hub, SeedOrganization organization) {
        Map<String, List<SeedImage>> shared = new HashMap<>();
        hub.forEach((region, seed) -> shared.put(region, seed.images().stream()
                .filter(image -> "available".equals(image.state()) && image.launchPermissions().stream()
                        .anyMatch(p -> organization.arn().equals(p.organizationArn())))
                .toList()));
        return shared;
    }

    /**
     * One account's regions. {@code shared}: per region, AMIs another account shares with this one; a few of
     * this account's instances run on them, as an organization's golden images are used.
     */
    private static Map<String, SeedRegion> regions(GeneratorSpec parsed, Random random,
                                                   Map<String, List<SeedImage>> shared) {
        Map<String, SeedRegion> regions = new TreeMap<>();
        List<SeedImage> earlier = new ArrayList<>();
        Map<String, String> regionOf = new HashMap<>();
        for (String region : parsed.regions()) {
            FixtureImages fixture = new FixtureImages(region, parsed, random).build(List.copyOf(earlier), regionOf);
            List<SeedSnapshot> snapshots = new ArrayList<>(fixture.snapshots);
            orphans(snapshots, region, parsed, random, parsed.snapshots() - snapshots.size());
            // Sorted by id, as the sandbox keeps them, so a generated seed and the state it loads into are equal.
            snapshots.sort(Comparator.comparing(SeedSnapshot::snapshotId));
            List<SeedInstance> instances = new ArrayList<>(instances(fixture, parsed, random));
            instances.addAll(instancesOn(shared.getOrDefault(region, List.of()), parsed, random));
            instances.sort(Comparator.comparing(SeedInstance::instanceId));
            List<SeedLaunchTemplate> templates = new ArrayList<>(launchTemplates(fixture, random));
            templates.sort(Comparator.comparing(SeedLaunchTemplate::launchTemplateId));
            regions.put(region, new SeedRegion(fixture.images.stream()
                    .sorted(Comparator.comparing(SeedImage::imageId)).toList(), snapshots, instances, templates,
                    ssmParameters(fixture), launchConfigurations(fixture), null, null));
            for (SeedImage image : fixture.images) {
                if (parsed.accountId().equals(image.ownerId()) && "available".equals(image.state())) {
                    earlier.add(image);
                    regionOf.put(image.imageId(), region);
                }
            }
        }
        return regions;
    }

    /** Up to three running instances on AMIs shared with this account. */
    private static List<SeedInstance> instancesOn(List<SeedImage> shared, GeneratorSpec spec, Random random) {
        List<SeedInstance> instances = new ArrayList<>();
        IdGenerator ids = IdGenerator.seeded(random);
        for (int i = 0; i < Math.min(3, shared.size()); i++) {
            SeedImage image = shared.get(random.nextInt(shared.size()));
            instances.add(new SeedInstance(ids.next("i"), image.imageId(), "running", null,
                    spec.now().minus(Duration.ofDays(1 + random.nextInt(30))), null));
        }
        return instances;
    }

    private static void orphans(List<SeedSnapshot> out, String region, GeneratorSpec spec, Random random, int count) {
        IdGenerator ids = IdGenerator.seeded(random);
        String account = spec.accountId();
        for (int i = 0; i < count; i++) {
            Instant started = spec.now().minus(Duration.ofMinutes(random.nextInt(400 * 24 * 60)));
            String snapshotId = ids.next("snap");
            String volumeId = ids.next("vol");
            Map<String, String> tags = new TreeMap<>();
            String description;
            double kind = random.nextDouble();
            if (kind < 0.35) {
                description = "Created by CreateImage(" + ids.next("i") + ") for " + ids.next("ami");
            } else if (kind < 0.45) {
                description = ImageCreationActions.copiedDescription(ids.next("ami"), ids.next("ami"),
                        ids.next("snap"), started);
                volumeId = "vol-ffffffff";
            } else if (kind < 0.60) {
                description = "This snapshot is created by the AWS Backup service.";
                tags.put("aws:backup:source-resource", "arn:aws:ec2:" + region + ":" + account + ":volume/" + volumeId);
            } else if (kind < 0.75) {
                String policy = ids.next("policy");
                description = "Created for policy: " + policy + " schedule: Daily Snapshots";
                tags.put("aws:dlm:lifecycle-policy-id", policy);
                tags.put("aws:dlm:lifecycle-schedule-name", "Daily Snapshots");
                tags.put("dlm:managed", "true");
            } else {
                description = MANUAL[random.nextInt(MANUAL.length)];
                if (random.nextDouble() < 0.1) {
                    tags.put("DoNotDelete", "true");
                }
            }
            List<SeedVolumePermission> grants = new ArrayList<>();
            double share = random.nextDouble();
            if (share < 0.003) {
                grants.add(SeedVolumePermission.everyone());
            } else if (share < 0.013) {
                grants.add(SeedVolumePermission.user(FixtureImages.PARTNER_ACCOUNT));
            }
            int size = new int[]{8, 20, 50, 100, 500}[random.nextInt(5)];
            Long fullSize = random.nextBoolean() ? (long) (size * random.nextDouble() * 1_073_741_824L) : null;
            out.add(new SeedSnapshot(snapshotId, volumeId, size, started, description, account, tags, grants, null,
                    null, null, fullSize, null));
        }
    }

    private static List<SeedInstance> instances(FixtureImages fixture, GeneratorSpec spec, Random random) {
        List<SeedImage> launchable = fixture.images.stream().filter(i -> "available".equals(i.state())).toList();
        List<SeedInstance> instances = new ArrayList<>();
        IdGenerator ids = IdGenerator.seeded(random);
        int count = launchable.isEmpty() ? 0 : Math.max(1, fixture.images.size() / 20);
        for (int i = 0; i < count; i++) {
            SeedImage image = launchable.get(random.nextInt(launchable.size()));
            long span = Math.max(1, Duration.between(image.creationDate(), spec.now()).toMinutes());
            Instant launched = image.creationDate().plus(Duration.ofMinutes((long) (random.nextDouble() * span)));
            instances.add(new SeedInstance(ids.next("i"), image.imageId(),
                    INSTANCE_STATES[random.nextInt(INSTANCE_STATES.length)], null, launched, null));
        }
        return instances;
    }

    private static List<SeedLaunchTemplate> launchTemplates(FixtureImages fixture, Random random) {
        List<SeedLaunchTemplate> templates = new ArrayList<>();
        IdGenerator ids = IdGenerator.seeded(random);
        int count = Math.min(fixture.lineages.size(), Math.max(1, fixture.images.size() / 50));
        for (int t = 0; t < count; t++) {
            List<SeedImage> lineage = fixture.lineages.get(t);
            if (lineage.isEmpty()) {
                continue;
            }
            int versions = 1 + random.nextInt(Math.min(15, lineage.size()));
            List<SeedLaunchTemplateVersion> list = new ArrayList<>();
            for (int v = 1; v <= versions; v++) {
                // Version 1 is the oldest image of the lineage used; the latest version the newest.
                SeedImage image = lineage.get(versions - v);
                list.add(new SeedLaunchTemplateVersion(v, image.imageId(), image.creationDate()));
            }
            templates.add(new SeedLaunchTemplate(ids.next("lt"), fixture.lineageNames.get(t), list,
                    1 + random.nextInt(versions), lineage.get(versions - 1).creationDate(), null));
        }
        return templates;
    }

    private static List<SeedSsmParameter> ssmParameters(FixtureImages fixture) {
        List<SeedSsmParameter> parameters = new ArrayList<>();
        for (int l = 0; l < Math.min(50, fixture.lineages.size()); l++) {
            if (!fixture.lineages.get(l).isEmpty()) {
                parameters.add(new SeedSsmParameter("/ami/" + fixture.lineageNames.get(l) + "/latest",
                        fixture.lineages.get(l).get(0).imageId()));
            }
        }
        return parameters;
    }

    private static List<SeedLaunchConfiguration> launchConfigurations(FixtureImages fixture) {
        List<SeedLaunchConfiguration> configurations = new ArrayList<>();
        int count = Math.min(fixture.lineages.size(), fixture.images.size() / 200);
        for (int l = 0; l < count; l++) {
            List<SeedImage> lineage = fixture.lineages.get(l);
            SeedImage old = lineage.get(lineage.size() - 1);
            configurations.add(new SeedLaunchConfiguration("lc-" + fixture.lineageNames.get(l) + "-legacy",
                    old.imageId(), null, old.creationDate()));
        }
        return configurations;
    }
}
