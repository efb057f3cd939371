package dev.amihousekeeping.sandbox;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** Image and snapshot block public access: the account-level, per-region switches. */
final class BlockPublicAccessActions {

    /**
     * One switch as the API names it: {@code Get/Enable/Disable<kind>BlockPublicAccess[State]}, the request
     * parameter and response element of its state, and the states {@code Enable} accepts (in the order its error
     * message lists them).
     */
    private record Switch(String kind, String parameter, String element, List<String> accepted,
                          Function<RegionState, String> state, BiConsumer<RegionState, String> setState) {
    }

    private static final List<Switch> SWITCHES = List.of(
            new Switch("Image", "ImageBlockPublicAccessState", "imageBlockPublicAccessState",
                    List.of("block-new-sharing"),
                    region -> region.imageBlockPublicAccess, (region, state) -> region.imageBlockPublicAccess = state),
            new Switch("Snapshot", "State", "state", List.of("block-all-sharing", "block-new-sharing"),
                    region -> region.snapshotBlockPublicAccess,
                    (region, state) -> region.snapshotBlockPublicAccess = state));

    private BlockPublicAccessActions() {
    }

    static void register(Map<String, Ec2Action> actions) {
        for (Switch s : SWITCHES) {
            actions.put("Get" + s.kind() + "BlockPublicAccessState", call -> call.xml()
                    .leaf(s.element(), s.state().apply(call.region()))
                    .leaf("managedBy", "account"));
            actions.put("Enable" + s.kind() + "BlockPublicAccess", call -> {
                String state = call.request().required(s.parameter());
                if (!s.accepted().contains(state)) {
                    throw Ec2Error.invalidValue("Value (" + state + ") for parameter " + s.parameter()
                            + " is invalid. Expected: " + expected(s.accepted()) + ".");
                }
                set(call, s, state);
            });
            actions.put("Disable" + s.kind() + "BlockPublicAccess", call -> set(call, s, "unblocked"));
        }
    }

    private static void set(Ec2Call call, Switch s, String state) {
        s.setState().accept(call.region(), state);
        call.xml().leaf(s.element(), state);
    }

    /** {@code 'a'} or {@code 'a' or 'b'}, as EC2's message lists the accepted values. */
    private static String expected(List<String> accepted) {
        return String.join(" or ", accepted.stream().map(state -> "'" + state + "'").toList());
    }
}
