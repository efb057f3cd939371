package dev.amihousekeeping.ec2;

import static dev.amihousekeeping.core.ActionParameters.CLIENT_TOKEN;
import static dev.amihousekeeping.core.ActionParameters.COPY_IMAGE_TAGS;
import static dev.amihousekeeping.core.ActionParameters.DELETE_SNAPSHOTS;
import static dev.amihousekeeping.core.ActionParameters.DEPRECATE_AT;
import static dev.amihousekeeping.core.ActionParameters.DESCRIPTION;
import static dev.amihousekeeping.core.ActionParameters.KMS_KEY_ID;
import static dev.amihousekeeping.core.ActionParameters.NAME;
import static dev.amihousekeeping.core.ActionParameters.SCOPE;
import static dev.amihousekeeping.core.ActionParameters.SOURCE_IMAGE_ID;
import static dev.amihousekeeping.core.ActionParameters.SOURCE_REGION;
import static dev.amihousekeeping.core.ActionParameters.STATE;
import static dev.amihousekeeping.core.ActionParameters.TAG_PREFIX;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.CrossRegionCopyPolicy;
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.core.port.Applied;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out each {@link dev.amihousekeeping.core.ActionType} through the {@link Ec2Gateway}, reading the
 * action's parameters as {@link dev.amihousekeeping.core.ActionParameters} documents. EC2 errors that are
 * outcomes become {@code skipped} (already gone, snapshot in use); other EC2 errors are thrown and become the
 * action's {@code failed} outcome in the {@link dev.amihousekeeping.run.Executor}. Deregistration with
 * snapshots is split into its own class, {@link DeregisterWithSnapshots}, and so is grant removal,
 * {@link GrantRemoval}, which reads the grants before removing them here.
 */
public final class Ec2ActionApplier implements ActionApplier {

    private final Ec2Gateway gateway;
    private final Clock clock;
    private final DeregisterWithSnapshots deregister;
    private final GrantRemoval grantRemoval;

    public Ec2ActionApplier(Ec2Gateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
        this.deregister = new DeregisterWithSnapshots(gateway);
        this.grantRemoval = new GrantRemoval(gateway);
    }

    @Override
    public Applied apply(Action action) throws Ec2OutcomeException {
        return switch (action.action()) {
            case DEPRECATE -> deprecate(action);
            case DEREGISTER -> deregister.apply(action, flag(action, DELETE_SNAPSHOTS, false));
            case DELETE_SNAPSHOT -> deleteSnapshot(action);
            case REMOVE_GRANT -> grantRemoval.readAndRemove(action).applied();
            case ENABLE_BLOCK_PUBLIC_ACCESS -> enableBlockPublicAccess(action);
            case TAG -> tag(action);
            case COPY -> copy(action);
        };
    }

    private Applied deprecate(Action action) throws Ec2OutcomeException {
        // EC2 refuses a DeprecateAt in the past and rounds seconds; so never earlier than the next whole minute.
        Instant floor = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        String asked = action.parameters().get(DEPRECATE_AT);
        Instant at = asked == null ? floor : max(Instant.parse(asked), floor);
        try {
            gateway.deprecate(action.region(), action.resourceId(), at);
            return Applied.done("deprecation time set to " + at);
        } catch (Ec2OutcomeException e) {
            return goneOrRethrow(e, "image already gone");
        }
    }

    private Applied deleteSnapshot(Action action) {
        try {
            gateway.deleteSnapshot(action.region(), action.resourceId());
            return Applied.done("snapshot deleted");
        } catch (Ec2OutcomeException e) {
            return e.kind() == Ec2OutcomeException.Kind.GONE
                    ? Applied.skipped("snapshot already deleted (" + e.errorCode() + ")")
                    : Applied.skipped(e.errorCode() + ": " + e.errorMessage());
        }
    }

    private Applied enableBlockPublicAccess(Action action) {
        String scope = required(action, SCOPE);
        String region = action.region();
        if (scope.equals("image")) {
            String before = gateway.imageBlockPublicAccessState(region);
            if ("block-new-sharing".equals(before)) {
                return Applied.skipped("image block public access already block-new-sharing");
            }
            gateway.enableImageBlockPublicAccess(region);
            return Applied.done("image block public access " + before + " -> block-new-sharing");
        }
        if (scope.equals("snapshot")) {
            // block-new-sharing by default: it stops new public shares and leaves existing, allowlisted ones to
            // the grant-by-grant remediation, which honours the allowlist.
            String wanted = action.parameters().getOrDefault(STATE, "block-new-sharing");
            String before = gateway.snapshotBlockPublicAccessState(region);
            if (wanted.equals(before) || "block-all-sharing".equals(before)) {
                return Applied.skipped("snapshot block public access already " + before);
            }
            gateway.enableSnapshotBlockPublicAccess(region, wanted);
            return Applied.done("snapshot block public access " + before + " -> " + wanted);
        }
        throw new IllegalArgumentException("scope must be image or snapshot, got " + scope);
    }

    private Applied tag(Action action) throws Ec2OutcomeException {
        Map<String, String> tags = tags(action);
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("a tag action needs at least one tag:<Key> parameter");
        }
        try {
            gateway.createTags(action.region(), List.of(action.resourceId()), tags);
            return Applied.done("tagged " + tags);
        } catch (Ec2OutcomeException e) {
            return goneOrRethrow(e, "resource already gone");
        }
    }

    private Applied copy(Action action) throws Ec2OutcomeException {
        String sourceRegion = required(action, SOURCE_REGION);
        String sourceImageId = action.parameters().getOrDefault(SOURCE_IMAGE_ID, action.resourceId());
        String kmsKeyId = action.parameters().get(KMS_KEY_ID);
        ImageCopy copy = new ImageCopy(sourceRegion, sourceImageId, action.region(), required(action, NAME),
                action.parameters().get(DESCRIPTION), kmsKeyId,
                clientToken(action, sourceRegion, sourceImageId),
                flag(action, COPY_IMAGE_TAGS, true), tags(action));
        try {
            String newImageId = gateway.copyImage(copy);
            return Applied.done("copy " + newImageId + " started in " + action.region());
        } catch (Ec2OutcomeException e) {
            return goneOrRethrow(e, "source image " + sourceImageId + " gone in " + sourceRegion);
        } catch (Ec2Exception e) {
            // KMS and permission errors name the place and the key, so that the fix is obvious (DESIGN §5).
            return Applied.failed(e.errorCode() + ": " + e.errorMessage() + " (destination " + action.region()
                    + (kmsKeyId == null ? "" : ", kmsKeyId " + kmsKeyId) + ")");
        }
    }

    /**
     * The planner's token (invariant 7), else the same derivation the planner uses: one definition, in core, so
     * that a copy planned by any path and applied by any path asks EC2 with the same token.
     */
    private static String clientToken(Action action, String sourceRegion, String sourceImageId) {
        String planned = action.parameters().get(CLIENT_TOKEN);
        return planned != null && !planned.isBlank() ? planned
                : CrossRegionCopyPolicy.clientToken(sourceRegion, sourceImageId, action.region());
    }

    static Applied goneOrRethrow(Ec2OutcomeException e, String what) throws Ec2OutcomeException {
        if (e.kind() == Ec2OutcomeException.Kind.GONE) {
            return Applied.skipped(what + " (" + e.errorCode() + ")");
        }
        throw e;
    }

    static Map<String, String> tags(Action action) {
        Map<String, String> tags = new LinkedHashMap<>();
        action.parameters().entrySet().stream()
                .filter(e -> e.getKey().startsWith(TAG_PREFIX) && e.getKey().length() > TAG_PREFIX.length())
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> tags.put(e.getKey().substring(TAG_PREFIX.length()), e.getValue()));
        return tags;
    }

    static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean flag(Action action, String key, boolean fallback) {
        String value = action.parameters().get(key);
        return value == null ? fallback : Boolean.parseBoolean(value.trim());
    }

    private static String required(Action action, String key) {
        String value = action.parameters().get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(action.action().json() + " needs parameter " + key);
        }
        return value;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
