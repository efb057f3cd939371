package dev.amihousekeeping.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The grants a {@code Modify*Attribute} call adds and removes, read from either request form: the structured
 * one the SDKs send ({@code LaunchPermission.Add.1.Group=all}) or the flat one
 * ({@code Attribute=launchPermission&OperationType=add&UserId.1=...}).
 */
record SharingChange(List<Grant> add, List<Grant> remove) {

    /** One grant: exactly one of its fields is set; {@code group} can only be {@code all}. */
    record Grant(String userId, String group, String organizationArn, String organizationalUnitArn) {

        boolean isPublic() {
            return group != null;
        }
    }

    boolean isEmpty() {
        return add.isEmpty() && remove.isEmpty();
    }

    /**
     * @param structure   {@code LaunchPermission} or {@code CreateVolumePermission}
     * @param attribute   the flat form's attribute name, {@code launchPermission} or {@code createVolumePermission}
     * @param withOrgs    whether organization and OU grants exist for this resource (images only)
     */
    static SharingChange read(QueryParams request, String structure, String attribute, boolean withOrgs) {
        List<Grant> add = new ArrayList<>(grants(request.structure(structure).structures("Add"), withOrgs));
        List<Grant> remove = new ArrayList<>(grants(request.structure(structure).structures("Remove"), withOrgs));
        String attributeName = request.string("Attribute");
        if (attributeName != null && attributeName.equalsIgnoreCase(attribute)) {
            String operation = request.required("OperationType").toLowerCase(Locale.ROOT);
            List<Grant> target = switch (operation) {
                case "add" -> add;
                case "remove" -> remove;
                default -> throw Ec2Error.invalidValue("Value (" + operation
                        + ") for parameter OperationType is invalid. Expected: 'add' or 'remove'.");
            };
            request.list("UserId").forEach(id -> target.add(validUser(id)));
            request.list("UserGroup").forEach(group -> target.add(validGroup(group)));
            if (withOrgs) {
                request.list("OrganizationArn").forEach(arn -> target.add(validOrganization(arn, false)));
                request.list("OrganizationalUnitArn").forEach(arn -> target.add(validOrganization(arn, true)));
            }
        }
        return new SharingChange(add, remove);
    }

    private static List<Grant> grants(List<QueryParams> items, boolean withOrgs) {
        List<Grant> grants = new ArrayList<>();
        for (QueryParams item : items) {
            if (item.string("UserId") != null) {
                grants.add(validUser(item.string("UserId")));
            } else if (item.string("Group") != null) {
                grants.add(validGroup(item.string("Group")));
            } else if (withOrgs && item.string("OrganizationArn") != null) {
                grants.add(validOrganization(item.string("OrganizationArn"), false));
            } else if (withOrgs && item.string("OrganizationalUnitArn") != null) {
                grants.add(validOrganization(item.string("OrganizationalUnitArn"), true));
            } else {
                throw Ec2Error.missingParameter("UserId or Group");
            }
        }
        return grants;
    }

    private static Grant validUser(String userId) {
        if (!userId.matches("\\d{12}")) {
            throw itemValue(userId, "userId");
        }
        return new Grant(userId, null, null, null);
    }

    private static Grant validGroup(String group) {
        if (!group.equals("all")) {
            throw itemValue(group, "group");
        }
        return new Grant(null, group, null, null);
    }

    private static Grant validOrganization(String arn, boolean unit) {
        boolean ok = arn.startsWith("arn:aws:organizations::") && arn.contains(unit ? ":ou/o-" : ":organization/o-");
        if (!ok) {
            throw Ec2Error.invalidValue("The ARN '" + arn + "' is not a valid "
                    + (unit ? "organizational unit" : "organization") + " ARN.");
        }
        return unit ? new Grant(null, null, null, arn) : new Grant(null, null, arn, null);
    }

    private static Ec2Error itemValue(String value, String type) {
        return new Ec2Error("InvalidAMIAttributeItemValue",
                "Invalid attribute item value \"" + value + "\" for " + type + " item type.");
    }
}
