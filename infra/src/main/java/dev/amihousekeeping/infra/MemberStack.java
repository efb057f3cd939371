package dev.amihousekeeping.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amihousekeeping.config.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudformation.CfnWaitConditionHandle;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.CompositePrincipal;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.Role;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.constructs.IConstruct;

/**
 * What each member account of an organization gets, in each configured region, from the hub's StackSet (DESIGN §9):
 * the member role the hub functions assume (trusted by exactly their role ARNs; the statements the hub functions
 * have, from {@link FunctionPermissions}, one customer managed policy per function, {@code <role>-<function>}: IAM
 * holds a role's inline policies to 10,240 characters together, which the four functions' statements over two
 * regions already pass, and each managed policy to 6,144 on its own), and the rules that forward the AMI
 * CloudTrail events to the hub's default bus ({@link RegionalForwarderStack#forwardToHomeBus}). The template is
 * region- and account-agnostic: the hub's account and region come in as StackSet parameters. It uses no assets, so
 * member accounts need no CDK bootstrap ({@link BootstraplessSynthesizer} refuses any).
 *
 * <p>IAM roles are global: the role is created in one region only ({@code RoleRegion}, the first configured one).
 * In the hub account itself (a delegated administrator inside a listed OU) no rules are made: the hub's own rules
 * and forwarder stacks already see its events, and a rule forwarding the home bus to itself would loop.
 */
public final class MemberStack extends Stack {
    public static final String STACK_NAME = "AmiHousekeeperMember";
    /** CloudFormation's limit on a StackSet's inline TemplateBody. */
    static final int TEMPLATE_BODY_LIMIT_BYTES = 51_200;
    static final String HUB_ACCOUNT = "HubAccountId";
    static final String HUB_REGION = "HubRegion";
    static final String ROLE_REGION = "RoleRegion";
    /** One customer managed policy: IAM's limit, in characters without white space. */
    static final int MANAGED_POLICY_LIMIT = 6_144;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Role role;

    /**
     * @param hubRoleNames the hub functions' role names ({@link HousekeepingFunction#hubRoleName}), each trusted
     * @param regions      where the functions act (the configured regions): the member role's statements name them
     */
    public MemberStack(App scope, String id, Config config, List<String> regions, List<String> hubRoleNames,
                       String memberRoleName, boolean recycleBinLock) {
        super(scope, id, StackProps.builder()
                .synthesizer(new BootstraplessSynthesizer())
                .analyticsReporting(false)
                .description("AMI Housekeeper member: the role the hub functions assume, and AMI events to the hub")
                .build());
        String hubAccount = CfnParameter.Builder.create(this, HUB_ACCOUNT).type("String")
                .allowedPattern("\\d{12}").description("The hub account, where the functions run").build().getValueAsString();
        String hubRegion = CfnParameter.Builder.create(this, HUB_REGION).type("String")
                .allowedPattern("[a-z]{2}(-[a-z]+)+-\\d").description("The hub's home region").build().getValueAsString();
        String roleRegion = CfnParameter.Builder.create(this, ROLE_REGION).type("String")
                .allowedPattern("[a-z]{2}(-[a-z]+)+-\\d")
                .description("The one region whose stack instance holds the (global) member role").build().getValueAsString();
        CfnCondition inRoleRegion = CfnCondition.Builder.create(this, "InRoleRegion")
                .expression(Fn.conditionEquals(Aws.REGION, roleRegion)).build();
        CfnCondition notHubAccount = CfnCondition.Builder.create(this, "NotHubAccount")
                .expression(Fn.conditionNot(Fn.conditionEquals(Aws.ACCOUNT_ID, hubAccount))).build();

        FunctionPermissions permissions = FunctionPermissions.memberRole(config, regions);
        Map<String, FunctionGrants> grants = new LinkedHashMap<>();
        grants.put("expiry", permissions.expiry());
        grants.put("orphan-snapshots", permissions.orphanSnapshots());
        grants.put("public-share", permissions.publicShare());
        grants.put("cross-region-copy", permissions.crossRegionCopy());
        List<IPrincipal> hubRoles = hubRoleNames.stream().<IPrincipal>map(name -> new ArnPrincipal(
                "arn:" + Aws.PARTITION + ":iam::" + hubAccount + ":role/" + name)).toList();
        role = Role.Builder.create(this, "MemberRole")
                .roleName(memberRoleName)
                .assumedBy(new CompositePrincipal(hubRoles.toArray(IPrincipal[]::new)))
                .description("AMI Housekeeper: what the hub functions may do in this account, and nothing else")
                .build();
        grants.forEach((function, granted) -> {
            if (!granted.statements().isEmpty()) {
                ManagedPolicy policy = ManagedPolicy.Builder.create(this, function)
                        .managedPolicyName(memberRoleName + "-" + function)
                        .description("AMI Housekeeper " + function + ": its calls in this account, for the hub")
                        .document(PolicyDocument.Builder.create().statements(granted.statements()).build())
                        .roles(List.of(role))
                        .build();
                FunctionPermissions.suppressExpectedWildcards(policy);
                onlyIf(policy, inRoleRegion);
            }
        });
        onlyIf(role, inRoleRegion);

        for (IConstruct forwarding : RegionalForwarderStack.forwardToHomeBus(this, hubRegion, hubAccount)) {
            onlyIf(forwarding, notHubAccount);
        }
        // What the hub's functions deregister or delete in this account and region stays in its Recycle Bin; the
        // hub account has the rules of its own stacks.
        if (config.recycleBin().enabled()) {
            onlyIf(new RecycleBinRules(this, "RecycleBin", config.recycleBin(), recycleBinLock), notHubAccount);
        }
        // A stack instance whose every resource is conditioned out (the hub account, outside RoleRegion) would have
        // none, which CloudFormation refuses; this handle costs nothing and does nothing.
        new CfnWaitConditionHandle(this, "Anchor");
    }

    /** The member role; its resource is conditioned on {@code RoleRegion}. */
    public Role role() {
        return role;
    }

    private static void onlyIf(IConstruct scope, CfnCondition condition) {
        scope.getNode().findAll().stream()
                .filter(CfnResource.class::isInstance)
                .map(CfnResource.class::cast)
                .forEach(resource -> resource.getCfnOptions().setCondition(condition));
    }

    /**
     * The member template, synthesized in an app of its own (not in the deploying app: the CDK CLI must not deploy it
     * as a stack), checked by cdk-nag like every other stack.
     *
     * @param json     the template, minified: the StackSet's TemplateBody
     * @param assembly its cloud assembly, whose error annotations (unsuppressed nag findings) fail the synth
     */
    public record Template(MemberStack stack, String json, CloudAssembly assembly) {
    }

    /** Synthesizes the member template; a template over the StackSet limit, or a role over IAM's, stops the synth. */
    static Template synthesize(Config config, List<String> regions, List<String> hubRoleNames, String memberRoleName,
                               boolean recycleBinLock) {
        App app;
        try {
            app = App.Builder.create().outdir(Files.createTempDirectory("cdk.out.member").toString())
                    .analyticsReporting(false).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MemberStack stack = new MemberStack(app, STACK_NAME, config, regions, hubRoleNames, memberRoleName,
                recycleBinLock);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        CloudAssembly assembly = app.synth();
        String json;
        try {
            json = JSON.writeValueAsString(assembly.getStackByName(STACK_NAME).getTemplate());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        checkTemplateBody(json);
        checkPolicies(assembly.getStackByName(STACK_NAME).getTemplate());
        return new Template(stack, json, assembly);
    }

    /** Stops the synth when {@code json} would not fit a StackSet's inline TemplateBody. */
    static void checkTemplateBody(String json) {
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > TEMPLATE_BODY_LIMIT_BYTES) {
            throw new InvalidSettingsException("the member stack's template is " + bytes + " bytes, over the "
                    + TEMPLATE_BODY_LIMIT_BYTES + "-byte limit of a StackSet's TemplateBody: fewer regions, or fewer"
                    + " exempt tag keys and KMS keys in the policy, make it smaller");
        }
    }

    /** Stops the synth when a managed policy is over IAM's limit (its JSON without white space, as IAM counts). */
    private static void checkPolicies(Object template) {
        var resources = JSON.valueToTree(template).path("Resources");
        for (var resource : (Iterable<com.fasterxml.jackson.databind.JsonNode>) resources::elements) {
            if (resource.path("Type").asText().equals("AWS::IAM::ManagedPolicy")) {
                checkPolicy(resource.path("Properties").path("ManagedPolicyName").asText(),
                        resource.path("Properties").path("PolicyDocument").toString().length());
            }
        }
    }

    static void checkPolicy(String name, int chars) {
        if (chars > MANAGED_POLICY_LIMIT) {
            throw new InvalidSettingsException("the member policy " + name + " is " + chars + " characters, over"
                    + " IAM's " + MANAGED_POLICY_LIMIT + " for a managed policy: fewer regions, exempt tag keys or KMS"
                    + " keys in the policy make it smaller");
        }
    }
}
