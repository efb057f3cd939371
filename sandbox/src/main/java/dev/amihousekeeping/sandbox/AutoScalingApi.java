package dev.amihousekeeping.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The one Auto Scaling Query API action the housekeeper reads, {@code DescribeLaunchConfigurations}, served on
 * the same port and told apart by the SigV4 service name {@code autoscaling}.
 */
final class AutoScalingApi {

    static final String NAMESPACE = "http://autoscaling.amazonaws.com/doc/2011-01-01/";

    ApiResponse handle(QueryRequest request, AccountState state) {
        String requestId = UUID.randomUUID().toString();
        String action = request.action();
        try {
            if (!"DescribeLaunchConfigurations".equals(action)) {
                throw new Ec2Error("InvalidAction", "The action " + action + " is not valid for this web service.");
            }
            Integer maxRecords = request.integer("MaxRecords");
            int limit = maxRecords == null ? 50 : maxRecords;
            if (limit < 1 || limit > 100) {
                throw new Ec2Error("ValidationError", "1 validation error detected: Value '" + limit
                        + "' at 'maxRecords' failed to satisfy constraint: Member must have value between 1 and 100");
            }
            List<String> names = request.structure("LaunchConfigurationNames").list("member");
            PageRequest page = PageRequest.of(request, "launch-configurations", 0, Integer.MAX_VALUE);
            XmlWriter xml = XmlWriter.document(action + "Response", NAMESPACE)
                    .start(action + "Result").start("LaunchConfigurations");
            List<SeedLaunchConfiguration> all;
            String region;
            Instant defaultTime;
            synchronized (state.sandbox()) {
                RegionState regionState = state.region(request.region());
                region = regionState.name;
                defaultTime = regionState.defaultTime;
                all = regionState.launchConfigurations.stream()
                        .filter(c -> names.isEmpty() || names.contains(c.name())).toList();
            }
            int start = page.after() == null ? 0 : offset(page.after());
            int end = Math.min(all.size(), start + limit);
            for (SeedLaunchConfiguration config : all.subList(Math.min(start, all.size()), end)) {
                xml.start("member")
                        .leaf("LaunchConfigurationName", config.name())
                        .leaf("LaunchConfigurationARN", "arn:aws:autoscaling:" + region + ":" + state.accountId()
                                + ":launchConfiguration:" + UUID.nameUUIDFromBytes(config.name().getBytes())
                                + ":launchConfigurationName/" + config.name())
                        .leaf("ImageId", config.imageId())
                        .leaf("InstanceType", config.instanceType())
                        .leaf("CreatedTime", config.createdTime() == null ? defaultTime : config.createdTime())
                        .empty("SecurityGroups")
                        .empty("BlockDeviceMappings")
                        .end();
            }
            xml.end();
            if (end < all.size()) {
                xml.leaf("NextToken", PageRequest.token("launch-configurations", String.valueOf(end)));
            }
            xml.end().start("ResponseMetadata").leaf("RequestId", requestId).end();
            return ApiResponse.xml(200, xml.finish());
        } catch (Ec2Error e) {
            return error(e, requestId);
        }
    }

    static ApiResponse error(Ec2Error e, String requestId) {
        String body = XmlWriter.document("ErrorResponse", NAMESPACE)
                .start("Error").leaf("Type", e.status() >= 500 ? "Receiver" : "Sender").leaf("Code", e.code())
                .leaf("Message", e.getMessage()).end()
                .leaf("RequestId", requestId)
                .finish();
        return ApiResponse.xml(e.status(), body);
    }

    private static int offset(String after) {
        try {
            return Integer.parseInt(after);
        } catch (NumberFormatException e) {
            throw new Ec2Error("InvalidNextToken", "The token is invalid");
        }
    }
}
