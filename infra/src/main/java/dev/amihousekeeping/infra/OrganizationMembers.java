package dev.amihousekeeping.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.cloudformation.CfnStackSet;
import software.amazon.awscdk.services.events.CfnEventBusPolicy;
import software.constructs.Construct;

/**
 * The hub's side of an organization (DESIGN §9), in the home stack: the default bus's policy, which lets the
 * organization's accounts, and no one else, put events on it; and the service-managed StackSet that deploys the
 * {@link MemberStack} into every account of the listed OUs (and every account that joins them later), in every
 * configured region.
 */
final class OrganizationMembers extends Construct {
    static final String STACK_SET_NAME = "AmiHousekeeper-Members";

    private final CfnEventBusPolicy busPolicy;
    private final CfnStackSet stackSet;

    /**
     * @param regions    the configured regions: where a member stack instance goes in each account
     * @param hubRoles   the hub functions' roles: the StackSet waits for them, since the member role trusts their ARNs
     *                   and IAM refuses a trust policy naming a role that does not exist
     */
    OrganizationMembers(Construct scope, String id, OrganizationSettings organization, MemberStack.Template member,
                        List<String> regions, List<? extends Construct> hubRoles) {
        super(scope, id);
        String homeBus = "arn:" + Aws.PARTITION + ":events:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":event-bus/default";
        // In a fixed order, so that every synth writes the same template.
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        statement.put("Principal", "*"); // any principal, held to the organization by aws:PrincipalOrgID below
        statement.put("Action", "events:PutEvents");
        statement.put("Resource", homeBus);
        statement.put("Condition", Map.of("StringEquals", Map.of("aws:PrincipalOrgID", organization.organizationId())));
        busPolicy = CfnEventBusPolicy.Builder.create(this, "AcceptOrganizationEvents")
                .eventBusName("default")
                .statementId("AmiHousekeeperOrganizationEvents")
                .statement(statement)
                .build();

        stackSet = CfnStackSet.Builder.create(this, "MemberStackSet")
                .stackSetName(STACK_SET_NAME)
                .description("AMI Housekeeper member role and AMI event forwarding, in every account of the listed OUs")
                .permissionModel("SERVICE_MANAGED")
                .callAs(organization.delegatedAdmin() ? "DELEGATED_ADMIN" : "SELF")
                .autoDeployment(CfnStackSet.AutoDeploymentProperty.builder()
                        .enabled(true).retainStacksOnAccountRemoval(false).build())
                .managedExecution(Map.of("Active", true))
                .capabilities(List.of("CAPABILITY_NAMED_IAM"))
                .templateBody(member.json())
                .parameters(List.of(
                        parameter(MemberStack.HUB_ACCOUNT, Aws.ACCOUNT_ID),
                        parameter(MemberStack.HUB_REGION, Aws.REGION),
                        parameter(MemberStack.ROLE_REGION, regions.get(0))))
                // Regions one after another, so that a template error stops in the first; accounts a quarter at a
                // time, and a tenth of them may fail (an account closing, a region it has not enabled) without
                // stopping the others.
                .operationPreferences(CfnStackSet.OperationPreferencesProperty.builder()
                        .regionConcurrencyType("SEQUENTIAL")
                        .maxConcurrentPercentage(25)
                        .failureTolerancePercentage(10)
                        .build())
                .stackInstancesGroup(List.of(CfnStackSet.StackInstancesProperty.builder()
                        .deploymentTargets(CfnStackSet.DeploymentTargetsProperty.builder()
                                .organizationalUnitIds(organization.memberOrganizationalUnitIds()).build())
                        .regions(regions)
                        .build()))
                .build();
        hubRoles.forEach(role -> stackSet.getNode().addDependency(role));
    }

    private static CfnStackSet.ParameterProperty parameter(String key, String value) {
        return CfnStackSet.ParameterProperty.builder().parameterKey(key).parameterValue(value).build();
    }

    CfnEventBusPolicy busPolicy() {
        return busPolicy;
    }

    CfnStackSet stackSet() {
        return stackSet;
    }
}
