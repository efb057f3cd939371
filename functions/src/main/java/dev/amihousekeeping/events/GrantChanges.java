package dev.amihousekeeping.events;

import dev.amihousekeeping.core.LaunchPermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The grants a {@code ModifyImageAttribute}/{@code ModifySnapshotAttribute} record asked to add and to remove,
 * read from CloudTrail's {@code {"add": {"items": [{"group": "all"}]}, "remove": {...}}} shape.
 */
record GrantChanges(List<LaunchPermission> added, List<LaunchPermission> removed) {

    static final GrantChanges NONE = new GrantChanges(List.of(), List.of());

    private static final List<String> GRANTEE_FIELDS = List.of("group", "userId", "organizationArn",
            "organizationalUnitArn");

    GrantChanges {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    /** Reads {@code permission}, the {@code launchPermission} or {@code createVolumePermission} object. */
    static GrantChanges read(EventNode permission) {
        return new GrantChanges(items(permission, "add"), items(permission, "remove"));
    }

    /** True when the call took grants away and gave none: it cannot have shared anything. */
    boolean onlyRemoves() {
        return added.isEmpty() && !removed.isEmpty();
    }

    private static List<LaunchPermission> items(EventNode permission, String operation) {
        Optional<EventNode> modification = permission.optionalObject(operation);
        if (modification.isEmpty()) {
            return List.of();
        }
        List<LaunchPermission> grants = new ArrayList<>();
        for (EventNode item : modification.get().optionalList("items").orElse(List.of())) {
            grants.add(grant(item.asObject()));
        }
        return grants;
    }

    private static LaunchPermission grant(EventNode item) {
        String[] values = new String[GRANTEE_FIELDS.size()];
        List<String> named = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Optional<String> value = item.optionalText(GRANTEE_FIELDS.get(i));
            if (value.isPresent()) {
                values[i] = value.get();
                named.add(GRANTEE_FIELDS.get(i));
            }
        }
        if (named.isEmpty()) {
            throw new MalformedEventException(item.path() + " names no grantee (group, userId, organizationArn or "
                    + "organizationalUnitArn)");
        }
        if (named.size() > 1) {
            throw new MalformedEventException(item.path() + " names " + named.size() + " grantees ("
                    + String.join(", ", named) + "); a grant names exactly one");
        }
        return new LaunchPermission(values[0], values[1], values[2], values[3]);
    }
}
