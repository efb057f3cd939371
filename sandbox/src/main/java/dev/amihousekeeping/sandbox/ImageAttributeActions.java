package dev.amihousekeeping.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code DescribeImageAttribute}, {@code ModifyImageAttribute}, {@code ResetImageAttribute}. */
final class ImageAttributeActions {

    private static final Set<String> EMPTY_ATTRIBUTES =
            Set.of("kernel", "ramdisk", "sriovNetSupport", "bootMode", "tpmSupport", "uefiData", "imdsSupport");

    private ImageAttributeActions() {
    }

    static void register(Map<String, Ec2Action> actions) {
        actions.put("DescribeImageAttribute", ImageAttributeActions::describe);
        actions.put("ModifyImageAttribute", ImageAttributeActions::modify);
        actions.put("ResetImageAttribute", ImageAttributeActions::reset);
    }

    private static void describe(Ec2Call call) {
        String attribute = call.request().required("Attribute");
        SeedImage image = call.image(call.request().required("ImageId"));
        XmlWriter xml = call.xml().leaf("imageId", image.imageId());
        switch (attribute) {
            case "launchPermission" -> {
                // Only the owner may read who else can launch an AMI.
                if (!call.account().equals(image.ownerId())) {
                    throw Ec2Error.notAuthorized(image.imageId());
                }
                xml.start("launchPermission");
                if (image.isPublic()) {
                    xml.start("item").leaf("group", "all").end();
                }
                for (SeedLaunchPermission p : image.launchPermissions()) {
                    xml.start("item").leaf("userId", p.userId()).leaf("organizationArn", p.organizationArn())
                            .leaf("organizationalUnitArn", p.organizationalUnitArn()).end();
                }
                xml.end();
            }
            case "description" -> xml.attributeValue("description", image.description());
            case "blockDeviceMapping" -> ImageXml.blockDevices(xml, image.blockDeviceMappings());
            case "lastLaunchedTime" -> xml.attributeValue("lastLaunchedTime",
                    image.lastLaunchedTime() == null ? null : Ec2Time.format(image.lastLaunchedTime()));
            case "deregistrationProtection" -> xml.attributeValue("deregistrationProtection",
                    ImageXml.deregistrationProtection(image, call.region()));
            case "productCodes" -> xml.empty("productCodes");
            default -> {
                if (!EMPTY_ATTRIBUTES.contains(attribute)) {
                    throw unknownAttribute(attribute);
                }
                xml.empty(attribute);
            }
        }
    }

    private static void modify(Ec2Call call) {
        QueryRequest request = call.request();
        SeedImage image = call.ownedImage(request.required("ImageId"));
        String attribute = request.string("Attribute");
        SharingChange change = SharingChange.read(request, "LaunchPermission", "launchPermission", true);
        if (!change.isEmpty()) {
            call.region().putImage(share(call, image, change));
        } else if (request.has("Description") || "description".equals(attribute)) {
            String description = request.has("Description")
                    ? request.structure("Description").string("Value") : request.required("Value");
            call.region().putImage(image.withDescription(description));
        } else if (request.has("ImdsSupport") || "imdsSupport".equals(attribute)) {
            // Accepted for shape fidelity; the housekeeper never reads IMDS support.
            String value = request.has("ImdsSupport")
                    ? request.structure("ImdsSupport").string("Value") : request.required("Value");
            if (!"v2.0".equals(value)) {
                throw Ec2Error.invalidValue("Value (" + value + ") for parameter ImdsSupport is invalid.");
            }
        } else if (attribute != null && !"launchPermission".equals(attribute)) {
            throw unknownAttribute(attribute);
        } else {
            throw Ec2Error.combination("No attributes specified.");
        }
        call.xml().leaf("return", true);
    }

    private static SeedImage share(Ec2Call call, SeedImage image, SharingChange change) {
        boolean isPublic = image.isPublic();
        List<SeedLaunchPermission> grants = new ArrayList<>(image.launchPermissions());
        if (!change.add().isEmpty() && "disabled".equals(image.state())) {
            throw Ec2Error.operationNotPermitted("The image " + image.imageId()
                    + " is disabled. A disabled AMI can't be shared.");
        }
        for (SharingChange.Grant grant : change.add()) {
            if (grant.isPublic()) {
                if (!isPublic && "block-new-sharing".equals(call.region().imageBlockPublicAccess)) {
                    throw Ec2Error.operationNotPermitted("You can’t publicly share this image because block "
                            + "public access for AMIs is enabled for this account. To publicly share the image, "
                            + "you must call the DisableImageBlockPublicAccess API.");
                }
                isPublic = true;
            } else {
                SeedLaunchPermission permission = toPermission(grant);
                if (!grants.contains(permission)) {
                    grants.add(permission);
                }
            }
        }
        for (SharingChange.Grant grant : change.remove()) {
            if (grant.isPublic()) {
                isPublic = false;
            } else {
                grants.remove(toPermission(grant));
            }
        }
        return image.withSharing(isPublic, grants);
    }

    private static SeedLaunchPermission toPermission(SharingChange.Grant grant) {
        return new SeedLaunchPermission(grant.userId(), null, grant.organizationArn(), grant.organizationalUnitArn());
    }

    private static void reset(Ec2Call call) {
        String attribute = call.request().required("Attribute");
        SeedImage image = call.ownedImage(call.request().required("ImageId"));
        if (!"launchPermission".equals(attribute)) {
            throw Ec2Error.invalidValue("Value (" + attribute + ") for parameter attribute is invalid. "
                    + "Only launchPermission can be reset.");
        }
        call.region().putImage(image.withSharing(false, List.of()));
        call.xml().leaf("return", true);
    }

    static Ec2Error unknownAttribute(String attribute) {
        return Ec2Error.invalidValue("Value (" + attribute + ") for parameter attribute is invalid. "
                + "Unknown attribute.");
    }
}
