package dev.amihousekeeping.infra;

import java.util.List;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * What one function's code calls, as {@link FunctionPermissions} grants it: the statements for its EC2, SSM,
 * Auto Scaling and STS calls, and whether it publishes to the notification topic ({@code sns:Publish} and the
 * topic's key are granted by {@link HousekeepingFunction} only then).
 */
public record FunctionGrants(List<PolicyStatement> statements, boolean notifies) {

    public FunctionGrants {
        statements = List.copyOf(statements);
    }

    /** A function that the policy switches off: its run returns before it calls anything. */
    static FunctionGrants none() {
        return new FunctionGrants(List.of(), false);
    }
}
