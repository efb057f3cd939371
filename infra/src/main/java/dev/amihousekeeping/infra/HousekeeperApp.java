package dev.amihousekeeping.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

/**
 * CDK app entry point (root cdk.json): {@code HousekeeperStack} in the home region, a {@code RegionalForwarderStack}
 * in every other configured region, cdk-nag's AWS Solutions checks over all of them. A bad setting or policy, or an
 * unsuppressed nag error, ends the synth with a one-line message and exit code 1.
 */
public final class HousekeeperApp {
    public static final String HOME_STACK = "AmiHousekeeper";

    private HousekeeperApp() {
    }

    /**
     * The stacks of one deployment.
     *
     * @param member  the member template (its own app, inlined into the StackSet); null for a single account
     * @param members the hub's organization resources (bus policy, StackSet); null for a single account
     */
    public record Stacks(HousekeeperStack home, List<RegionalForwarderStack> forwarders, MemberStack.Template member,
                         OrganizationMembers members) {
    }

    public static void main(String[] args) {
        App app = new App();
        Stacks stacks = null;
        try {
            stacks = build(app, DeploymentSettings.fromContext(app.getNode(), System.getenv(), Path.of("").toAbsolutePath()));
        } catch (InvalidSettingsException e) {
            System.err.println("AMI Housekeeper: " + e.getMessage());
            System.exit(1);
        }
        List<String> errors = new java.util.ArrayList<>(errors(app.synth()));
        if (stacks.member() != null) {
            errors.addAll(errors(stacks.member().assembly()));
        }
        if (!errors.isEmpty()) {
            errors.forEach(e -> System.err.println("AMI Housekeeper: " + e));
            System.exit(1);
        }
    }

    /** Adds the stacks and the nag checks to {@code app}. */
    public static Stacks build(App app, DeploymentSettings settings) {
        HousekeeperStack home = new HousekeeperStack(app, HOME_STACK, StackProps.builder()
                .env(Environment.builder().account(settings.account()).region(settings.homeRegion()).build())
                .description("AMI Housekeeper: keeps AMIs and their snapshots clean and safe")
                .build(), settings);
        List<RegionalForwarderStack> forwarders = settings.forwarderRegions().stream()
                .map(region -> new RegionalForwarderStack(app, HOME_STACK + "-Forwarder-" + region, StackProps.builder()
                        .env(Environment.builder().account(settings.account()).region(region).build())
                        .description("AMI Housekeeper: forwards " + region + " AMI events to " + settings.homeRegion())
                        .build(), settings))
                .toList();
        MemberStack.Template member = null;
        OrganizationMembers members = null;
        OrganizationSettings organization = home.organization();
        if (organization != null) {
            List<String> hubRoles = home.functions().keySet().stream().sorted()
                    .map(service -> HousekeepingFunction.hubRoleName(home.getStackName(), service)).toList();
            member = MemberStack.synthesize(settings.policy().config(), home.regions(), hubRoles,
                    organization.memberRoleName(), settings.recycleBinLock());
            members = new OrganizationMembers(home, "Organization", organization, member, home.regions(),
                    home.functions().values().stream().map(HousekeepingFunction::role).toList());
        }
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return new Stacks(home, forwarders, member, members);
    }

    /** Error annotations (cdk-nag's unsuppressed findings among them) of every stack, as {@code path: message}. */
    static List<String> errors(CloudAssembly assembly) {
        return assembly.getStacks().stream()
                .flatMap(stack -> stack.getMessages().stream())
                .filter(m -> m.getLevel() == SynthesisMessageLevel.ERROR)
                .map(m -> m.getId() + ": " + m.getEntry().getData())
                .toList();
    }
}
