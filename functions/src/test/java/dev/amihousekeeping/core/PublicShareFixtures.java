package dev.amihousekeeping.core;

import static dev.amihousekeeping.testing.Fixtures.REGION;

import dev.amihousekeeping.config.PublicShareConfig;
import dev.amihousekeeping.config.PublicShareMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Accounts, organizations, images and configs for the public-share policy tests. */
final class PublicShareFixtures {

    static final String OWN_ACCOUNT = "111122223333";
    static final String PARTNER_ACCOUNT = "444455556666";
    static final String FOREIGN_ACCOUNT = "999988887777";
    static final String OWN_ORG = "arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5";
    static final String FOREIGN_ORG = "arn:aws:organizations::777766665555:organization/o-z9y8x7w6v5";
    static final String OWN_OU = "arn:aws:organizations::111122223333:ou/o-a1b2c3d4e5/ou-ab12-cd34ef56";
    static final String OTHER_OU_IN_OWN_ORG = "arn:aws:organizations::111122223333:ou/o-a1b2c3d4e5/ou-ab12-99999999";
    static final String FOREIGN_OU = "arn:aws:organizations::777766665555:ou/o-z9y8x7w6v5/ou-zz99-11111111";
    static final String AMI = "ami-0a1b2c3d4e5f60718";
    static final String PUBLIC_AMI = "ami-0feedfacecafebeef";
    static final String SNAPSHOT = "snap-0f1e2d3c4b5a69788";

    static final LaunchPermission PUBLIC = LaunchPermission.publicGroup();
    static final LaunchPermission OWN = LaunchPermission.user(OWN_ACCOUNT);
    static final LaunchPermission PARTNER = LaunchPermission.user(PARTNER_ACCOUNT);
    static final LaunchPermission FOREIGN = LaunchPermission.user(FOREIGN_ACCOUNT);
    static final LaunchPermission OWN_ORG_GRANT = LaunchPermission.organization(OWN_ORG);
    static final LaunchPermission FOREIGN_ORG_GRANT = LaunchPermission.organization(FOREIGN_ORG);
    static final LaunchPermission OWN_OU_GRANT = LaunchPermission.organizationalUnit(OWN_OU);
    static final LaunchPermission OTHER_OU_GRANT = LaunchPermission.organizationalUnit(FOREIGN_OU);
    static final LaunchPermission OU_IN_OWN_ORG_GRANT = LaunchPermission.organizationalUnit(OTHER_OU_IN_OWN_ORG);

    private PublicShareFixtures() {
    }

    /** Remediate mode with an allowlist of one partner account, our organization, one OU and one public AMI. */
    static PublicShareConfig remediate() {
        return config(PublicShareMode.REMEDIATE, true, false, true);
    }

    static PublicShareConfig alert() {
        return config(PublicShareMode.ALERT, true, false, true);
    }

    static PublicShareConfig config(PublicShareMode mode, boolean includeSnapshots, boolean enforceBlockPublicAccess,
                                    boolean enabled) {
        return new PublicShareConfig(enabled, mode, List.of(PARTNER_ACCOUNT), List.of(OWN_ORG), List.of(OWN_OU),
                List.of(PUBLIC_AMI), includeSnapshots, enforceBlockPublicAccess);
    }

    static PublicSharePolicy policy(PublicShareConfig config) {
        return new PublicSharePolicy(config, OWN_ACCOUNT);
    }

    static Image image(String imageId, String ownerId) {
        return new Image(REGION, imageId, "web-2026-10-01", ownerId, ImageState.AVAILABLE,
                Instant.parse("2026-10-01T00:00:00Z"), Map.of(), false, null, null, false, null, null, List.of());
    }

    static Snapshot snapshot(String snapshotId, String ownerId) {
        return new Snapshot(REGION, snapshotId, "vol-0123456789abcdef0", 8, Instant.parse("2026-10-01T00:00:00Z"),
                "Created by CreateImage(i-0123456789abcdef0) for " + AMI, ownerId, "completed", Map.of(), null);
    }
}
