package dev.amihousekeeping.sandbox;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeedGeneratorTest {

    private static final String SPEC = "images=400,snapshots=1200,regions=us-east-1;eu-west-1,seed=7";

    @Test
    void makesTheSameSeed_forTheSameSpec() {
        assertThat(SeedGenerator.generate(SPEC).toJson()).isEqualTo(SeedGenerator.generate(SPEC).toJson());
        assertThat(SeedGenerator.generate(SPEC.replace("seed=7", "seed=8")).toJson())
                .isNotEqualTo(SeedGenerator.generate(SPEC).toJson());
    }

    @Test
    void makesTheRequestedCountsPerRegion() {
        Seed seed = SeedGenerator.generate(SPEC);

        assertThat(seed.regions()).containsOnlyKeys("us-east-1", "eu-west-1");
        assertThat(seed.now()).isEqualTo(GeneratorSpec.DEFAULT_NOW);
        for (SeedRegion region : seed.regions().values()) {
            assertThat(region.images()).hasSize(400);
            assertThat(region.snapshots()).hasSize(1200);
            assertThat(region.instances()).isNotEmpty();
            assertThat(region.launchTemplates()).isNotEmpty();
            assertThat(region.ssmParameters()).isNotEmpty();
            assertThat(region.launchConfigurations()).isNotEmpty();
        }
    }

    @Test
    void coversTheCasesTheFunctionsMustTellApart() {
        SeedRegion east = SeedGenerator.generate("images=2000,snapshots=6000,regions=us-east-1;eu-west-1,seed=3")
                .regions().get("eu-west-1");
        List<SeedImage> images = east.images();
        List<SeedSnapshot> snapshots = east.snapshots();
        Set<String> usedSnapshots = new HashSet<>();
        Set<String> sharedSnapshots = new HashSet<>();
        images.forEach(i -> i.blockDeviceMappings().forEach(d -> {
            if (!usedSnapshots.add(d.snapshotId())) {
                sharedSnapshots.add(d.snapshotId());
            }
        }));

        assertThat(images).anyMatch(i -> i.tags().getOrDefault("DeleteOn", "").matches("\\d{4}-\\d{2}-\\d{2}")
                && i.tags().get("DeleteOn").compareTo("2026-11-01") < 0);
        assertThat(images).anyMatch(i -> i.tags().getOrDefault("DeleteOn", "").compareTo("2026-11-01") > 0);
        assertThat(images).anyMatch(i -> List.of("never", "2026-02-30", "tomorrow", "31/12/2026", "", "TBD")
                .contains(i.tags().getOrDefault("DeleteOn", "x")));
        assertThat(images).anyMatch(SeedImage::isPublic).anyMatch(i -> !i.launchPermissions().isEmpty())
                .anyMatch(i -> "disabled".equals(i.state())).anyMatch(i -> i.deprecationTime() != null)
                .anyMatch(SeedImage::deregistrationProtection).anyMatch(i -> i.sourceImageId() != null)
                .anyMatch(i -> !"111122223333".equals(i.ownerId()));
        assertThat(images).extracting(SeedImage::name).doesNotHaveDuplicates();
        assertThat(sharedSnapshots).isNotEmpty();
        assertThat(snapshots).anyMatch(s -> s.description().startsWith("Created by CreateImage(")
                && !images.stream().anyMatch(i -> s.description().endsWith(i.imageId())));
        assertThat(snapshots).anyMatch(s -> s.description().startsWith("Copied for DestinationAmi"));
        assertThat(snapshots).anyMatch(s -> s.tags().containsKey("aws:backup:source-resource"));
        assertThat(snapshots).anyMatch(s -> s.tags().containsKey("aws:dlm:lifecycle-policy-id"));
        assertThat(snapshots).anyMatch(SeedSnapshot::isPublic);
        assertThat(snapshots).anyMatch(s -> s.fullSnapshotSizeInBytes() != null);
        assertThat(snapshots).extracting(SeedSnapshot::snapshotId).doesNotHaveDuplicates();
    }

    @Test
    void loadsIntoASandbox() {
        Seed seed = SeedGenerator.generate("images=300,seed=5");

        try (Sandbox sandbox = Sandbox.start(0, seed)) {
            // Not isEqualTo: on failure AssertJ would print both seeds, thousands of lines each.
            assertThat(sandbox.state().equals(seed)).as("state after loading equals the generated seed").isTrue();
        }
    }

    @Test
    void makesAnOrganization_forAccountsN_withSharedAmisItsMembersUse() {
        Seed seed = SeedGenerator.generate("accounts=5,images=300,regions=us-east-1;eu-west-1,seed=2");

        assertThat(seed.accounts()).hasSize(5).containsKey("111122223333");
        assertThat(seed.regions()).isEmpty();
        assertThat(seed.organization().managementAccountId()).isEqualTo("111122223333");
        assertThat(seed.organization().ous().values().stream().mapToInt(List::size).sum()).isEqualTo(4);
        seed.accounts().forEach((id, account) -> {
            assertThat(account.roles()).containsExactly("AmiHousekeeperMember");
            assertThat(account.regions()).containsOnlyKeys("us-east-1", "eu-west-1");
            assertThat(account.regions().get("us-east-1").images()).hasSize(300)
                    .anyMatch(image -> id.equals(image.ownerId()));
        });
        String orgArn = seed.organization().arn();
        Set<String> shared = new HashSet<>();
        seed.accounts().get("111122223333").regions().get("us-east-1").images().stream()
                .filter(i -> i.launchPermissions().stream().anyMatch(p -> orgArn.equals(p.organizationArn())))
                .forEach(i -> shared.add(i.imageId()));
        assertThat(shared).hasSizeGreaterThan(5);
        seed.accounts().forEach((id, account) -> {
            if (!id.equals("111122223333")) {
                assertThat(account.regions().get("us-east-1").instances())
                        .anyMatch(instance -> shared.contains(instance.imageId()));
            }
        });
        try (Sandbox sandbox = Sandbox.start(0, seed)) {
            assertThat(sandbox.state().equals(seed)).as("state after loading equals the generated seed").isTrue();
        }
    }

    @Test
    void generatesAHundredAccounts_inAFewSeconds() {
        long start = System.nanoTime();
        Seed seed = SeedGenerator.generate("accounts=100,images=300,regions=us-east-1;eu-west-1;ap-southeast-2");
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(seed.accounts()).hasSize(100);
        // About 1-2 s on its own; the bound leaves room for a loaded build machine.
        assertThat(tookMs).isLessThan(30_000);
    }

    @Test
    void rejectsSpecs_withUnknownKeysOrBadValues() {
        assertThatThrownBy(() -> SeedGenerator.generate("images=10,amis=3")).hasMessageContaining("unknown key 'amis'");
        assertThatThrownBy(() -> SeedGenerator.generate("images=-1")).hasMessageContaining("images");
        assertThatThrownBy(() -> SeedGenerator.generate("seed=x")).hasMessageContaining("seed");
        assertThatThrownBy(() -> SeedGenerator.generate("images")).hasMessageContaining("key=value");
        assertThatThrownBy(() -> SeedGenerator.generate("accounts=0")).hasMessageContaining("accounts");
    }
}
