package dev.amihousekeeping.ec2;

import static dev.amihousekeeping.ec2.Ec2GatewaySandboxTest.OWN_SNAPSHOT;
import static dev.amihousekeeping.ec2.Ec2GatewaySandboxTest.PUBLIC_SNAPSHOT;
import static dev.amihousekeeping.ec2.Ec2GatewaySandboxTest.REGION;
import static dev.amihousekeeping.ec2.Ec2GatewaySandboxTest.SHARED_SNAPSHOT;
import static dev.amihousekeeping.ec2.Ec2GatewaySandboxTest.WEB_1;
import static dev.amihousekeeping.ec2.Ec2GatewaySandboxTest.WEB_2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.core.port.Applied;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.testing.SandboxHarness;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The IAM actions {@link Ec2ActionApplier#apiCalls} declares are exactly the EC2 calls the applier makes: each kind
 * of action, on each of its paths, applied to the sandbox over real HTTP, and the sandbox's call log read back. A
 * call added to an applier without its declaration (or a declaration left behind) fails here, before a deployed
 * function meets an AccessDenied.
 */
class Ec2ActionApplierPermissionsSandboxTest {

    @Test
    void declaredApiCalls_areExactlyTheCallsEachKindOfActionMakes() {
        Map<ActionType, Set<String>> seen = new EnumMap<>(ActionType.class);
        try (SandboxHarness fixture = SandboxHarness.start(Seed.parse(Ec2GatewaySandboxTest.SEED))) {
            Ec2ActionApplier applier = new Ec2ActionApplier(fixture.gateway(), fixture.clock(),
                    Map.of("HousekeepingRecycle", "true", "HousekeepingRunId", "run-1"));
            List<Action> actions = List.of(
                    new Action.Tag(REGION, ResourceType.IMAGE, WEB_2, "tag", Map.of("Team", "web")),
                    new Action.SetParameter(REGION, "/ami-housekeeping/latest/web", "latest", WEB_2, null, "web", true,
                            null),
                    new Action.Mark(REGION, WEB_2, "expired", "HousekeepingNotice", LocalDate.of(2026, 12, 1)),
                    new Action.Deprecate(REGION, WEB_2, "deprecate", Instant.parse("2026-12-01T00:00:00Z"), List.of()),
                    new Action.Copy(REGION, WEB_2, "copy", REGION, "web-2-copy", "a copy", null, "amihk-test", true,
                            Map.of("SourceAmi", WEB_2), List.of()),
                    new Action.RemoveGrants(REGION, ResourceType.IMAGE, WEB_1, "public",
                            List.of(LaunchPermission.publicGroup())),
                    new Action.RemoveGrants(REGION, ResourceType.SNAPSHOT, PUBLIC_SNAPSHOT, "public",
                            List.of(LaunchPermission.publicGroup())),
                    new Action.DeleteSnapshot(REGION, PUBLIC_SNAPSHOT, "orphan", 50, null, null, List.of(), null),
                    new Action.EnableBlockPublicAccess(REGION, "image-block-public-access", "bpa", "image",
                            "block-new-sharing"),
                    new Action.EnableBlockPublicAccess(REGION, "snapshot-block-public-access", "bpa", "snapshot",
                            "block-new-sharing"),
                    // Kept snapshots: EC2 is not asked to delete associated snapshots, the planned one is deleted.
                    new Action.Deregister(REGION, WEB_1, "expired", true, List.of(OWN_SNAPSHOT),
                            List.of(SHARED_SNAPSHOT + " (used by " + WEB_2 + ")"), 8, List.of()),
                    new Action.Disable(REGION, WEB_2, "expired", "HousekeepingDisabledOn", LocalDate.of(2026, 12, 1),
                            false, List.of()),
                    // Not planned: the image's snapshots are read before it goes.
                    new Action.Deregister(REGION, WEB_2, "expired", true, null, List.of(), 0, List.of()));
            for (Action action : actions) {
                fixture.resetCalls();
                Applied applied = apply(applier, action);
                assertThat(applied.outcome()).as(action.toString()).isEqualTo(Outcome.DONE);
                seen.computeIfAbsent(action.type(), t -> new TreeSet<>()).addAll(calls(fixture));
            }
        }

        try (SandboxHarness fixture = SandboxHarness.start(Seed.parse(Ec2GatewaySandboxTest.SEED))) {
            // A snapshot EC2 refuses to delete (in use) loses its recycle tags again: alone, and with its image.
            Ec2ActionApplier applier = new Ec2ActionApplier(fixture.gateway(), fixture.clock(),
                    Map.of("HousekeepingRecycle", "true", "HousekeepingRunId", "run-1"));
            Applied inUse = apply(applier, new Action.DeleteSnapshot(REGION, SHARED_SNAPSHOT, "orphan", 20, null, null,
                    List.of(), null));
            assertThat(inUse.outcome()).as(inUse.detail()).isEqualTo(Outcome.SKIPPED);
            seen.get(ActionType.DELETE_SNAPSHOT).addAll(calls(fixture));
            fixture.resetCalls();
            Applied keptInUse = apply(applier, new Action.Deregister(REGION, WEB_1, "expired", true,
                    List.of(OWN_SNAPSHOT, SHARED_SNAPSHOT), List.of(), 28, List.of()));
            assertThat(keptInUse.detail()).contains("kept, in use [" + SHARED_SNAPSHOT + "]");
            seen.get(ActionType.DEREGISTER).addAll(calls(fixture));
        }
        try (SandboxHarness fixture = SandboxHarness.start(Seed.parse(Ec2GatewaySandboxTest.SEED))) {
            // A notice withdrawn: reported as a tag action, its one call declared on its own.
            Applied applied = apply(new Ec2ActionApplier(fixture.gateway(), fixture.clock()),
                    new Action.RemoveTags(REGION, ResourceType.IMAGE, WEB_2, "exempt", List.of("HousekeepingNotice")));
            assertThat(applied.outcome()).isEqualTo(Outcome.DONE);
            assertThat(calls(fixture)).isEqualTo(Ec2ActionApplier.IAM_REMOVE_TAGS);
        }

        try (SandboxHarness fixture = SandboxHarness.start(Seed.parse(Ec2GatewaySandboxTest.SEED))) {
            // A latest-AMI parameter: SSM's one call, PutParameter (with its ManagedBy tag when it creates one).
            Applied applied = apply(new Ec2ActionApplier(fixture.gateway(), fixture.clock()), new Action.SetParameter(
                    REGION, "/ami-housekeeping/latest/web", "newest", WEB_1, null, "web", true, null));
            assertThat(applied.outcome()).as(applied.detail()).isEqualTo(Outcome.DONE);
            Set<String> ssm = new TreeSet<>();
            fixture.callsIn(REGION).fieldNames().forEachRemaining(call -> ssm.add("ssm:" + call));
            seen.put(ActionType.SET_PARAMETER, ssm);
        }

        for (ActionType type : ActionType.values()) {
            assertThat(seen.getOrDefault(type, Set.of())).as(type.json())
                    .isEqualTo(new TreeSet<>(Ec2ActionApplier.apiCalls(type)));
        }
    }

    @Test
    void iamActions_addWhatACopyNeedsBeyondItsCall() {
        assertThat(Ec2ActionApplier.iamActions(ActionType.COPY))
                .containsAll(Ec2ActionApplier.apiCalls(ActionType.COPY))
                .contains("ec2:CreateTags", "kms:CreateGrant");
        assertThat(Ec2ActionApplier.iamActions(ActionType.DELETE_SNAPSHOT))
                .isEqualTo(Ec2ActionApplier.apiCalls(ActionType.DELETE_SNAPSHOT));
    }

    private static Applied apply(Ec2ActionApplier applier, Action action) {
        try {
            return applier.apply(action);
        } catch (Ec2OutcomeException e) {
            throw new AssertionError(action + ": " + e.getMessage(), e);
        }
    }

    /** The sandbox's call log names operations only; SSM's are the Parameter Store ones, the rest EC2's. */
    private static Set<String> calls(SandboxHarness fixture) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = fixture.callsIn(REGION).fieldNames(); it.hasNext(); ) {
            String operation = it.next();
            names.add((operation.endsWith("Parameter") || operation.equals("ListTagsForResource")
                    || operation.equals("AddTagsToResource") ? "ssm:" : "ec2:") + operation);
        }
        return names;
    }
}
