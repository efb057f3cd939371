package dev.amihousekeeping.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.EventBusProps;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * One per configured region other than the home region: the same rules as at home, forwarding what they match to
 * the home region's default bus, where the functions' own rules pick it up (the event keeps its {@code region}).
 * They take only this region's events: another region's, put on this bus by someone else's rule, either reach home
 * on their own or are from a region the functions may not act in.
 * With {@code recycleBin.enabled}, the stack also holds this region's Recycle Bin rules.
 */
public final class RegionalForwarderStack extends Stack {

    public RegionalForwarderStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
        super(scope, id, props);
        forwardToHomeBus(this, settings.homeRegion(), Aws.ACCOUNT_ID);
        // Recycle Bin rules are regional: what the functions delete in this region is kept by this region's rules.
        if (settings.policy().config().recycleBin().enabled()) {
            new RecycleBinRules(this, "RecycleBin", settings.policy().config().recycleBin(), settings.recycleBinLock());
        }
    }

    /**
     * Adds to {@code stack} the rules that forward its own region's AMI events ({@link HousekeeperEventPatterns}) to
     * the default bus of {@code homeAccount} in {@code homeRegion}, and the role they put events with. Also what
     * {@link MemberStack} forwards with, to the hub's bus.
     *
     * @return the role and the rules
     */
    static List<IConstruct> forwardToHomeBus(Stack stack, String homeRegion, String homeAccount) {
        String homeBusArn = "arn:" + Aws.PARTITION + ":events:" + homeRegion + ":" + homeAccount + ":event-bus/default";
        Role role = Role.Builder.create(stack, "ForwardRole")
                .assumedBy(new ServicePrincipal("events.amazonaws.com"))
                .description("AMI Housekeeper: put matched AMI events on the " + homeRegion + " default bus")
                .build(); // the EventBus target grants it events:PutEvents on the home bus, once

        var target = new software.amazon.awscdk.services.events.targets.EventBus(
                EventBus.fromEventBusArn(stack, "HomeBus", homeBusArn), EventBusProps.builder().role(role).build());
        List<IConstruct> created = new ArrayList<>(List.of(role));
        HousekeeperEventPatterns.all(List.of(stack.getRegion())).forEach((name, pattern) -> created.add(
                Rule.Builder.create(stack, name)
                        .description("AMI Housekeeper: forward " + name + " events to " + homeRegion)
                        .eventPattern(pattern)
                        .targets(List.of(target))
                        .build()));
        return created;
    }
}
