package dev.amihousekeeping.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code DescribeSnapshotAttribute}, {@code ModifySnapshotAttribute}, {@code DeleteSnapshot}. */
final class SnapshotActions {

    private SnapshotActions() {
    }

    static void register(Map<String, Ec2Action> actions) {
        actions.put("DescribeSnapshotAttribute", SnapshotActions::describeAttribute);
        actions.put("ModifySnapshotAttribute", SnapshotActions::modifyAttribute);
        actions.put("DeleteSnapshot", SnapshotActions::delete);
    }

    private static void describeAttribute(Ec2Call call) {
        String attribute = call.request().required("Attribute");
        SeedSnapshot snapshot = call.ownedSnapshot(call.request().required("SnapshotId"));
        XmlWriter xml = call.xml().leaf("snapshotId", snapshot.snapshotId());
        switch (attribute) {
            case "createVolumePermission" -> {
                xml.start("createVolumePermission");
                for (SeedVolumePermission p : snapshot.createVolumePermissions()) {
                    xml.start("item").leaf("group", p.group()).leaf("userId", p.userId()).end();
                }
                xml.end();
            }
            case "productCodes" -> xml.empty("productCodes");
            default -> throw ImageAttributeActions.unknownAttribute(attribute);
        }
    }

    private static void modifyAttribute(Ec2Call call) {
        QueryRequest request = call.request();
        SeedSnapshot snapshot = call.ownedSnapshot(request.required("SnapshotId"));
        String attribute = request.string("Attribute");
        if (attribute != null && !attribute.equals("createVolumePermission")) {
            throw Ec2Error.invalidValue("Value (" + attribute + ") for parameter attribute is invalid. "
                    + "Only createVolumePermission can be modified.");
        }
        SharingChange change = SharingChange.read(request, "CreateVolumePermission", "createVolumePermission", false);
        if (change.isEmpty()) {
            throw Ec2Error.combination("No attributes specified.");
        }
        List<SeedVolumePermission> grants = new ArrayList<>(snapshot.createVolumePermissions());
        for (SharingChange.Grant grant : change.add()) {
            SeedVolumePermission permission = new SeedVolumePermission(grant.userId(), grant.group());
            if (permission.isPublicGroup() && !snapshot.isPublic()
                    && !"unblocked".equals(call.region().snapshotBlockPublicAccess)) {
                throw Ec2Error.operationNotPermitted("You can’t publicly share this snapshot because block "
                        + "public access for snapshots is enabled for this account. To publicly share the snapshot, "
                        + "you must call the DisableSnapshotBlockPublicAccess API.");
            }
            if (!grants.contains(permission)) {
                grants.add(permission);
            }
        }
        for (SharingChange.Grant grant : change.remove()) {
            grants.remove(new SeedVolumePermission(grant.userId(), grant.group()));
        }
        call.region().snapshots.put(snapshot.snapshotId(), snapshot.withPermissions(grants));
        call.xml().leaf("return", true);
    }

    private static void delete(Ec2Call call) {
        SeedSnapshot snapshot = call.ownedSnapshot(call.request().required("SnapshotId"));
        // EC2 refuses while any AMI, in whatever state, still names the snapshot in its block device mappings.
        Set<String> users = call.region().imagesUsing(snapshot.snapshotId());
        if (!users.isEmpty()) {
            throw new Ec2Error("InvalidSnapshot.InUse", "The snapshot " + snapshot.snapshotId()
                    + " is currently in use by " + users.iterator().next());
        }
        call.region().snapshots.remove(snapshot.snapshotId());
        call.region().recycleBin.keepSnapshot(snapshot, call.now());
        call.xml().leaf("return", true);
    }
}
