package dev.amihousekeeping.config;

import java.util.List;

/** {@code publicShare} section of the policy file (DESIGN §4). */
public record PublicShareConfig(
        Boolean enabled,
        PublicShareMode mode,
        List<String> allowedAccountIds,
        List<String> allowedOrganizationArns,
        List<String> allowedOrganizationalUnitArns,
        List<String> allowedPublicImageIds,
        Boolean includeSnapshots,
        Boolean enforceBlockPublicAccess) {

    public PublicShareConfig {
        enabled = enabled == null || enabled;
        mode = mode == null ? PublicShareMode.REMEDIATE : mode;
        allowedAccountIds = allowedAccountIds == null ? List.of() : List.copyOf(allowedAccountIds);
        allowedOrganizationArns = allowedOrganizationArns == null ? List.of() : List.copyOf(allowedOrganizationArns);
        allowedOrganizationalUnitArns = allowedOrganizationalUnitArns == null ? List.of() : List.copyOf(allowedOrganizationalUnitArns);
        allowedPublicImageIds = allowedPublicImageIds == null ? List.of() : List.copyOf(allowedPublicImageIds);
        includeSnapshots = includeSnapshots == null || includeSnapshots;
        enforceBlockPublicAccess = enforceBlockPublicAccess != null && enforceBlockPublicAccess;
    }

    public static PublicShareConfig defaults() {
        return new PublicShareConfig(null, null, null, null, null, null, null, null);
    }
}
