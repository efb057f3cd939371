package dev.amihousekeeping.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * Denies that keep public-share's grant removal from adding grants or changing anything else, with the condition
 * keys EC2 offers for the two calls (Service Authorization Reference, Amazon EC2; EC2 User Guide, "Condition keys"
 * under "IAM policies for Amazon EC2"). Each is a Deny of its own: the keys of one condition block must all match at
 * once, and a Deny holds whatever else the role is ever given.
 *
 * <p>Snapshots: {@code ModifySnapshotAttribute} sets {@code ec2:Add/userId} and {@code ec2:Add/group} for the
 * accounts and groups a request adds (in either request form); our removal sets neither. Only
 * {@code createVolumePermission} may change ({@code ec2:Attribute}, which our request sends).
 *
 * <p>Images: EC2 offers no key for the launch-permission lists ({@code ec2:Attribute/...} covers only primitive
 * properties, and the User Guide names {@code LaunchPermission} as one it cannot be used with), so a structured
 * {@code LaunchPermission.Add} cannot be told from our {@code LaunchPermission.Remove} by IAM. What can be held:
 * the attribute named ({@code ec2:Attribute}: only {@code launchPermission}), no description or IMDS change
 * ({@code ec2:Attribute/Description}, {@code ec2:Attribute/ImdsSupport}), and no flat-form add
 * ({@code ec2:Attribute/OperationType}). Image block public access (publicShare.enforceBlockPublicAccess) is what
 * stops a public launch permission whatever the caller may do.
 */
final class GrantRemovalOnly {
    private static final String MODIFY_IMAGE = "ec2:ModifyImageAttribute";
    private static final String MODIFY_SNAPSHOT = "ec2:ModifySnapshotAttribute";

    private GrantRemovalOnly() {
    }

    static List<PolicyStatement> imageGuards(List<String> images) {
        // IgnoreCase: EC2 writes the attribute as the request does (launchPermission); a different spelling must
        // not turn this Deny against the removals themselves.
        return List.of(
                deny("OnlyLaunchPermissions", MODIFY_IMAGE, images, Map.of(
                        "StringNotEqualsIgnoreCase", Map.of("ec2:Attribute", "launchPermission"),
                        "Null", Map.of("ec2:Attribute", "false"))),
                deny("NeverAddLaunchPermissions", MODIFY_IMAGE, images, Map.of(
                        "StringEqualsIgnoreCase", Map.of("ec2:Attribute/OperationType", "add"))),
                deny("NeverChangeImageDescription", MODIFY_IMAGE, images, Map.of(
                        "Null", Map.of("ec2:Attribute/Description", "false"))),
                deny("NeverChangeImageImdsSupport", MODIFY_IMAGE, images, Map.of(
                        "Null", Map.of("ec2:Attribute/ImdsSupport", "false"))));
    }

    static List<PolicyStatement> snapshotGuards(List<String> snapshots) {
        return List.of(
                deny("NeverAddSnapshotGroups", MODIFY_SNAPSHOT, snapshots, Map.of(
                        "Null", Map.of("ec2:Add/group", "false"))),
                deny("NeverAddSnapshotUsers", MODIFY_SNAPSHOT, snapshots, Map.of(
                        "Null", Map.of("ec2:Add/userId", "false"))),
                deny("OnlyCreateVolumePermissions", MODIFY_SNAPSHOT, snapshots, Map.of(
                        "StringNotEqualsIgnoreCase", Map.of("ec2:Attribute", "createVolumePermission"),
                        "Null", Map.of("ec2:Attribute", "false"))));
    }

    private static PolicyStatement deny(String sid, String action, List<String> resources, Map<String, Object> conditions) {
        return PolicyStatement.Builder.create().sid(sid).effect(Effect.DENY)
                .actions(List.of(action)).resources(resources)
                .conditions(new LinkedHashMap<>(conditions)).build();
    }
}
