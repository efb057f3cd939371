package dev.amihousekeeping.sandbox;

import java.util.List;
import java.util.Map;

import static dev.amihousekeeping.sandbox.TestSeeds.NOW;
import static dev.amihousekeeping.sandbox.TestSeeds.image;
import static dev.amihousekeeping.sandbox.TestSeeds.imageId;
import static dev.amihousekeeping.sandbox.TestSeeds.snapshot;

/**
 * A small organization in code: the management account (hub) owns AMIs 1-4 in us-east-1 and shares 1 with the
 * consumer by id, 2 with the organization, 3 with the consumer's OU, and keeps 4 private; the consumer owns AMI 5
 * and runs an instance, a launch template and an SSM parameter on AMI 1; the outsider is outside the OU and
 * suspended.
 */
final class AccountSeeds {

    static final String HUB = "111122223333";
    static final String CONSUMER = "222233334444";
    static final String OUTSIDER = "333344445555";
    static final String ORGANIZATION = "o-abc123def4";
    static final String OU = "ou-ab12-cdef3456";
    static final String ROLE = "AmiHousekeeperMember";
    static final String REGION = "us-east-1";

    private AccountSeeds() {
    }

    static String roleArn(String account) {
        return "arn:aws:iam::" + account + ":role/" + ROLE;
    }

    static Seed organization() {
        String orgArn = "arn:aws:organizations::" + HUB + ":organization/" + ORGANIZATION;
        String ouArn = "arn:aws:organizations::" + HUB + ":ou/" + ORGANIZATION + "/" + OU;
        SeedRegion hub = SeedRegion.of(List.of(
                image(1, "web-1").withSharing(false, List.of(SeedLaunchPermission.user(CONSUMER))),
                image(2, "web-2").withSharing(false, List.of(SeedLaunchPermission.organization(orgArn))),
                image(3, "web-3").withSharing(false, List.of(SeedLaunchPermission.organizationalUnit(ouArn))),
                image(4, "web-4")), List.of(snapshot(1), snapshot(2), snapshot(3), snapshot(4)));
        SeedRegion consumer = new SeedRegion(List.of(image(5, "app-5")), List.of(snapshot(5)),
                List.of(new SeedInstance("i-0000000000000000a", imageId(1), "running", null, null, null)),
                List.of(new SeedLaunchTemplate("lt-0000000000000000b", "web",
                        List.of(new SeedLaunchTemplateVersion(1, imageId(1), NOW)), 1, NOW, null)),
                List.of(new SeedSsmParameter("/ami/web/latest", imageId(1))), List.of(), null, null);
        return new Seed(HUB, NOW, null, Map.of(
                HUB, new SeedAccount(Map.of(REGION, hub), List.of(ROLE), null),
                CONSUMER, new SeedAccount(Map.of(REGION, consumer), List.of(ROLE), "ACTIVE"),
                OUTSIDER, new SeedAccount(Map.of(), List.of(ROLE), "SUSPENDED")),
                new SeedOrganization(ORGANIZATION, HUB, Map.of(OU, List.of(CONSUMER))));
    }
}
