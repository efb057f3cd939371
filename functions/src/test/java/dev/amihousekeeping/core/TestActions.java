package dev.amihousekeeping.core;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Reading typed actions in tests: what a test asserts on, whichever kind of action carries it. */
public final class TestActions {

    private TestActions() {
    }

    /** The tags a {@code tag} action adds or a {@code copy} gives the new image; empty for other actions. */
    public static Map<String, String> tags(Action action) {
        if (action instanceof Action.Tag tag) {
            return tag.tags();
        }
        return action instanceof Action.Copy copy ? copy.tags() : Map.of();
    }

    /** The grants a {@code remove-grant} action removes; empty for other actions. */
    public static List<LaunchPermission> grants(Action action) {
        return action instanceof Action.RemoveGrants removal ? removal.grants() : List.of();
    }

    /**
     * The plainest action of {@code type} on a resource, for tests about what every action of a kind goes through
     * (re-checks, the executor, the log): nothing planned beyond the id. A tag carries one placeholder tag, since a
     * tag action without tags is refused; a copy is one from {@code region} to itself.
     */
    public static Action of(String region, ResourceType resourceType, String resourceId, ActionType type,
                            String reason) {
        return switch (type) {
            case MARK -> new Action.Mark(region, resourceId, reason, "HousekeepingNotice", LocalDate.of(2026, 12, 1));
            case DEPRECATE -> new Action.Deprecate(region, resourceId, reason, null, List.of());
            case DISABLE -> new Action.Disable(region, resourceId, reason, "HousekeepingDisabledOn",
                    LocalDate.of(2026, 12, 1), false, List.of());
            case DEREGISTER -> new Action.Deregister(region, resourceId, reason, false, null, List.of(), 0, List.of());
            case DELETE_SNAPSHOT -> new Action.DeleteSnapshot(region, resourceId, reason, 0, null, null, List.of(),
                    null);
            case REMOVE_GRANT -> new Action.RemoveGrants(region, resourceType, resourceId, reason, List.of());
            case ENABLE_BLOCK_PUBLIC_ACCESS -> new Action.EnableBlockPublicAccess(region, resourceId, reason,
                    resourceId.startsWith("snapshot") ? "snapshot" : "image", "block-new-sharing");
            case COPY -> new Action.Copy(region, resourceId, reason, region, resourceId, null, null, null, true,
                    Map.of(), List.of());
            case TAG -> new Action.Tag(region, resourceType, resourceId, reason, Map.of("Test", "true"));
            case RESTORE -> new Action.Restore(region, resourceType, resourceId, reason, List.of(), false, null);
            case SET_PARAMETER -> new Action.SetParameter(region, resourceId, reason, "ami-0123456789abcdef0", null,
                    "test", true, null);
        };
    }
}
