package dev.amihousekeeping.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * The organization's id read at deploy time (Organizations {@code DescribeOrganization}), for a deployment that
 * names no context {@code organizationId}: CloudFormation has no pseudo parameter for it, and the hub's bus policy
 * ({@code aws:PrincipalOrgID}) and its roles' {@code sts:AssumeRole} ({@code aws:ResourceOrgID}) need it. CDK's
 * {@link AwsCustomResource} makes the one read; nothing here is written by hand.
 */
final class OrganizationIdLookup extends Construct {

    private final String organizationId;

    OrganizationIdLookup(Construct scope, String id) {
        super(scope, id);
        AwsSdkCall describe = AwsSdkCall.builder()
                .service("Organizations")
                .action("describeOrganization")
                .physicalResourceId(PhysicalResourceId.of("organization"))
                .outputPaths(List.of("Organization.Id"))
                .build();
        AwsCustomResource lookup = AwsCustomResource.Builder.create(this, "Describe")
                .onCreate(describe)
                .onUpdate(describe)
                .policy(AwsCustomResourcePolicy.fromStatements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("organizations:DescribeOrganization"))
                        .resources(List.of("*"))
                        .build())))
                .installLatestAwsSdk(false)
                .build();
        organizationId = lookup.getResponseField("Organization.Id");
        NagSuppressions.addResourceSuppressions(this, List.of(
                NagPackSuppression.builder().id("AwsSolutions-IAM5").reason("organizations:DescribeOrganization has"
                        + " no resource-level permissions; it is the lookup's only action, read once per deployment")
                        .build()), true);
        NagSuppressions.addResourceSuppressionsByPath(Stack.of(this),
                "/" + Stack.of(this).getNode().getPath() + "/AWS"
                        + AwsCustomResource.PROVIDER_FUNCTION_UUID.replace("-", ""),
                List.of(NagPackSuppression.builder().id("AwsSolutions-IAM4").reason("CDK's AwsCustomResource"
                                + " provider logs with AWSLambdaBasicExecutionRole; it runs only at deployment").build(),
                        NagPackSuppression.builder().id("AwsSolutions-L1").reason("CDK's AwsCustomResource provider"
                                + " runtime is chosen by the CDK version; it runs only at deployment").build()),
                true);
    }

    /** A token of the id, resolved by CloudFormation at deployment. */
    String organizationId() {
        return organizationId;
    }
}
