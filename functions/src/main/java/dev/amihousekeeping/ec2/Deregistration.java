package dev.amihousekeeping.ec2;

import java.util.List;
import java.util.Map;

/**
 * What EC2 reported after DeregisterImage: the snapshots it deleted, and the ones it tried and did not delete
 * with its return code ({@code skipped}, {@code missing-permissions}, {@code client-error}, ...). A snapshot in
 * neither list was not touched by EC2 at all.
 */
public record Deregistration(List<String> deletedSnapshotIds, Map<String, String> notDeleted) {

    public Deregistration {
        deletedSnapshotIds = List.copyOf(deletedSnapshotIds);
        notDeleted = Map.copyOf(notDeleted);
    }

    static Deregistration of(Map<String, String> returnCodes, String success) {
        List<String> deleted = returnCodes.entrySet().stream().filter(e -> success.equals(e.getValue()))
                .map(Map.Entry::getKey).toList();
        Map<String, String> failed = new java.util.LinkedHashMap<>(returnCodes);
        deleted.forEach(failed::remove);
        return new Deregistration(deleted, failed);
    }
}
