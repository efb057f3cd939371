package dev.amihousekeeping.run;

import dev.amihousekeeping.config.PublicShareConfig;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.LaunchPermission;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.PublicShareFinding;
import dev.amihousekeeping.core.PublicSharePolicy;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.ec2.Ec2ActionApplier;
import dev.amihousekeeping.ec2.Ec2Exception;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.ec2.Ec2OutcomeException;
import dev.amihousekeeping.events.AttributeChanged;
import dev.amihousekeeping.events.CloudTrailContext;
import dev.amihousekeeping.run.TargetWork.Gates;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The {@code public-share} function (DESIGN §5): removes public and non-allowlisted grants from the account's AMIs
 * and snapshots, and tells people who shared what.
 * <ul>
 *   <li>an {@link AttributeChanged}: the event only names the resource, its region and who made the call. The
 *       grants are re-read (DescribeImageAttribute launchPermission, DescribeSnapshotAttribute
 *       createVolumePermission) and the decision is made on what is, never on what the event asked for. One
 *       alert per finding, after the action.</li>
 *   <li>{@link #run}: the scheduled sweep over every owned image and snapshot of each region, plus the region's
 *       block public access settings, which {@code enforceBlockPublicAccess} turns on. Public ones are found by
 *       listing and read every run; the others' grants as the deadline allows, continuing after the last run's
 *       {@link SweepCursor}; the report says how far it got.</li>
 * </ul>
 * Only the offending grants are ever removed (invariant 9); {@code mode: alert} plans no action at all.
 */
public final class PublicShareRun implements FunctionRun {

    public static final String NAME = "public-share";
    /** The account used when neither the event nor STS names it: it matches no grant, so nothing is allowed by it. */
    static final String UNKNOWN_ACCOUNT = "unknown";

    private final Housekeeping housekeeping;

    public PublicShareRun(Housekeeping housekeeping) {
        this.housekeeping = housekeeping;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The sweep: every owned image and snapshot in {@code request.regions()}, and block public access. */
    @Override
    public Report run(RunRequest request) {
        PublicShareConfig config = request.config().publicShare();
        if (!config.enabled()) {
            // Reading thousands of grants only to keep every one of them as "disabled" would be waste.
            List<Kept> kept = request.regions().stream()
                    .map(region -> new Kept(region, ResourceType.ACCOUNT, NAME, PublicSharePolicy.KeepReason.DISABLED))
                    .toList();
            return housekeeping.executor().execute(request.forFunction(NAME), new Plan(List.of(), kept), List.of(),
                    action -> Optional.empty(), action -> {
                        throw new IllegalStateException("public-share is disabled: nothing is applied");
                    });
        }
        // Where the last sweep's grant reads stopped, per target (SweepCursor): read once, before any target.
        SweepCursor cursor = SweepCursor.load(housekeeping.gateway(), housekeeping.sweepCursorAt());
        SweepCursor.Window window = cursor.window(housekeeping.clock(), request.deadline());
        GrantsAfterApply grantsAfter = new GrantsAfterApply();
        AtomicReference<String> ownerSeen = new AtomicReference<>();
        AtomicReference<PublicSharePolicy> policy = new AtomicReference<>();
        // Our own account, whose grants are always allowed: the owner of what the sweep listed (Owners=self), else
        // STS, asked once every target is read and only when no listing showed an owner.
        Function<PublicShareRegion, PublicSharePolicy> judge = read -> policy.updateAndGet(known -> known != null
                ? known : new PublicSharePolicy(config, ownerSeen.get() != null ? ownerSeen.get()
                : orUnknown(housekeeping.gatewayFor(Target.own(read.region())).accountId(read.region()))));
        // Targets in parallel: a sweep reads one grant per resource, and each region has its own rate budget.
        TargetRun.Result<PublicShareRegion> run = TargetRun.run(housekeeping, request, NAME, TargetWork.of(
                (target, gateway) -> {
                    PublicShareRegion read = PublicShareRegion.read(gateway, target, config.includeSnapshots(), window);
                    read.ownerIds().stream().findFirst().ifPresent(ownerSeen::set);
                    return read;
                },
                read -> new TargetWork.TargetPlan(judge.apply(read).sweep(read.images(), read.imageGrants(),
                                read.snapshots(), read.snapshotGrants())
                        .plus(new Plan(List.of(), read.gone()))
                        .plus(judge.apply(read).blockPublicAccess(read.region(), read.imageBlockPublicAccess(),
                                read.snapshotBlockPublicAccess())), read.errors()),
                (read, gateway) -> gates(gateway, judge.apply(read), grantsAfter))
                .failedAs(PerTarget::serviceError));
        List<PublicShareFinding> findings = run.reads().stream().flatMap(read -> judge.apply(read).findings(
                read.images(), read.imageGrants(), read.snapshots(), read.snapshotGrants()).stream()).toList();
        Report report = cursor.keep(run.report(), run.reads().stream().map(PublicShareRegion::progress).toList(),
                housekeeping.gateway());
        alerts(grantsAfter).send(findings, report, null);
        return report;
    }

    /** The event path for attribute changes (the schedule runs the sweep). */
    @Override
    public List<EventRoute<?>> routes() {
        return List.of(EventRoute.of(AttributeChanged.class, (changed, request) ->
                onAttributeChange(changed.resourceType(), changed.resourceId(), changed.context(), request)));
    }

    /**
     * One resource whose sharing changed. The event's region decides the target (not the configured regions: the
     * resource lives where the call was made). A grant read that fails is the target's error, so that the Lambda
     * handler throws and the event is retried (invariant 11); a resource that is gone is kept with the reason.
     */
    private Report onAttributeChange(ResourceType type, String resourceId, CloudTrailContext event,
                                     RunRequest request) {
        RunRequest regional = request.inRegion(event.awsRegion());
        PublicShareConfig config = request.config().publicShare();
        if (!config.enabled()) {
            return EventDispatcher.ignored(NAME, regional, "publicShare.enabled is false");
        }
        if (type == ResourceType.SNAPSHOT && !config.includeSnapshots()) {
            return EventDispatcher.ignored(NAME, regional, "publicShare.includeSnapshots is false");
        }
        GrantsAfterApply grantsAfter = new GrantsAfterApply();
        TargetRun.Result<ResourceGrants> run = TargetRun.run(housekeeping, regional, NAME, TargetWork.of(
                (target, gateway) -> ResourceGrants.read(gateway, new PublicSharePolicy(config,
                        eventAccount(gateway, event, target.region())), type, target.region(), resourceId),
                read -> new TargetWork.TargetPlan(read.grants() == null
                        ? new Plan(List.of(), List.of(new Kept(read.region(), type, resourceId,
                                "gone: " + read.goneCode())))
                        : read.policy().plan(read.finding(type, resourceId))),
                (read, gateway) -> gates(gateway, read.policy(), grantsAfter))
                .failedAs((target, e) -> e instanceof Ec2Exception ec2 ? new RegionError(target.region(),
                        ec2.errorCode(), ec2.operation() + " " + resourceId + ": " + ec2.errorMessage())
                        : PerTarget.error(target, e)));
        List<PublicShareFinding> findings = run.reads().stream().filter(read -> read.grants() != null)
                .map(read -> read.finding(type, resourceId)).toList();
        if (!findings.isEmpty()) {
            alerts(grantsAfter).send(findings, run.report(), event);
        }
        return run.report();
    }

    /** One resource's grants as read now, or the code EC2 gave for it being gone; with the policy to judge them. */
    private record ResourceGrants(String region, PublicSharePolicy policy, List<LaunchPermission> grants,
                                  String goneCode) {

        /** The grants as they are, never as the event asked for them. */
        static ResourceGrants read(Ec2Gateway gateway, PublicSharePolicy policy, ResourceType type, String region,
                                   String resourceId) {
            try {
                return new ResourceGrants(region, policy, PublicShareRun.grants(gateway, type, region, resourceId),
                        null);
            } catch (Ec2OutcomeException gone) {
                return new ResourceGrants(region, policy, null, gone.errorCode());
            }
        }

        PublicShareFinding finding(ResourceType type, String resourceId) {
            return type == ResourceType.IMAGE ? policy.inspectImage(region, resourceId, grants)
                    : policy.inspectSnapshot(region, resourceId, grants);
        }
    }

    /**
     * No re-check before the applier: the applier's own re-read of a resource's grants is its re-check. It leaves
     * in {@code grantsAfter} the grants each removal read last, for the alerts.
     */
    private Gates gates(Ec2Gateway gateway, PublicSharePolicy policy, GrantsAfterApply grantsAfter) {
        return new Gates(action -> Optional.empty(), new PublicShareApplier(gateway, policy,
                new Ec2ActionApplier(gateway, housekeeping.clock()), grantsAfter));
    }

    private PublicShareAlerts alerts(GrantsAfterApply grantsAfter) {
        return new PublicShareAlerts(housekeeping.gateway(), housekeeping.notifier(), grantsAfter);
    }

    /** The grants on the resource as EC2 has them now. */
    static List<LaunchPermission> grants(Ec2Gateway gateway, ResourceType type, String region, String resourceId)
            throws Ec2OutcomeException {
        return type == ResourceType.SNAPSHOT
                ? gateway.createVolumePermissions(region, resourceId)
                : gateway.launchPermissions(region, resourceId);
    }

    /**
     * Our own account, whose grants are always allowed: the account our credentials act in (STS), since that is
     * the account whose attribute was just re-read and whose grants would be removed. The event's account
     * ({@code recipientAccountId}, else the envelope's, else the caller's) only when STS cannot tell: an event, or
     * a file given to {@code handle}, that names another account, e.g. the very account a grant went to, must not
     * make a grant to that account "our own".
     */
    private static String eventAccount(Ec2Gateway gateway, CloudTrailContext event, String region) {
        String account = gateway.accountId(region);
        return account != null ? account : orUnknown(event.accountId());
    }

    private static String orUnknown(String account) {
        return account == null ? UNKNOWN_ACCOUNT : account;
    }
}
