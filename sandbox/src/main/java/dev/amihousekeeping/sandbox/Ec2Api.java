package dev.amihousekeeping.sandbox;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Dispatches EC2 Query API actions and writes EC2's response and error documents. */
final class Ec2Api {

    static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private final Map<String, Ec2Action> actions = new HashMap<>();
    private final KnownParameters parameters;

    Ec2Api() {
        actions.put("DescribeImages", new DescribeImages());
        actions.put("DescribeSnapshots", new DescribeSnapshots());
        actions.put("DescribeVolumes", new DescribeVolumes());
        actions.put("DescribeImageReferences", new DescribeImageReferences());
        actions.put("DescribeRegions", new DescribeRegions());
        ImageAttributeActions.register(actions);
        ImageLifecycleActions.register(actions);
        ImageCreationActions.register(actions);
        SnapshotActions.register(actions);
        BlockPublicAccessActions.register(actions);
        LaunchResourceActions.register(actions);
        TagActions.register(actions);
        RecycleBinActions.register(actions);
        parameters = new KnownParameters(actions.keySet());
    }

    ApiResponse handle(QueryRequest request, AccountState state) {
        String requestId = UUID.randomUUID().toString();
        String action = request.action();
        try {
            if (action == null || action.isEmpty()) {
                throw new Ec2Error("MissingAction", "The request must contain the parameter Action");
            }
            Ec2Action handler = actions.get(action);
            if (handler == null) {
                throw new Ec2Error("InvalidAction", "The action " + action + " is not valid for this web service.");
            }
            parameters.check(action, request.names());
            if (request.flag("DryRun")) {
                throw new Ec2Error("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
            }
            XmlWriter xml = XmlWriter.document(action + "Response", NAMESPACE).leaf("requestId", requestId);
            synchronized (state.sandbox()) {
                state.sandbox().settle();
                handler.run(new Ec2Call(request, state, state.region(request.region()), xml));
            }
            return ApiResponse.xml(200, xml.finish());
        } catch (Ec2Error e) {
            return error(e, requestId);
        }
    }

    static ApiResponse error(Ec2Error e, String requestId) {
        String body = XmlWriter.document("Response", null)
                .start("Errors").start("Error").leaf("Code", e.code()).leaf("Message", e.getMessage()).end().end()
                .leaf("RequestID", requestId)
                .finish();
        return ApiResponse.xml(e.status(), body);
    }
}
