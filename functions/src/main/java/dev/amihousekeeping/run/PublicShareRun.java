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
import dev.amihousekeeping.core.port.ActionApplier;
import dev.amihousekeeping.ec2.Ec2ActionApplier;
import dev.amihousekeeping.ec2.Ec2Exception;
import dev.amihousekeeping.ec2.Ec2Gateway;
import dev.amihousekeeping.ec2.Ec2OutcomeException;
import dev.amihousekeeping.events.CloudTrailContext;
import dev.amihousekeeping.events.ImageAttributeChanged;
import dev.amihousekeeping.events.SnapshotAttributeChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code public-share} function (DESIGN §5): removes public and non-allowlisted grants from the account's AMIs
 * and snapshots, and tells people who shared what.
 * <ul>
 *   <li>an {@link ImageAttributeChanged} or {@link SnapshotAttributeChanged}: the event only names
 *       the resource, its region and who made the call. The grants are re-read (DescribeImageAttribute
 *       launchPermission, DescribeSnapshotAttribute createVolumePermission) and the decision is made on what is,
 *       never on what the event asked for. One alert per finding, after the action.</li>
 *   <li>{@link #run}: the scheduled sweep over every owned image and snapshot of each region, plus the region's
 *       block public access settings, which {@code enforceBlockPublicAccess} turns on.</li>
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
            return execute(request, new Plan(List.of(), kept), List.of(), policy(config, UNKNOWN_ACCOUNT));
        }
        List<PublicShareRegion> reads = new ArrayList<>();
        List<RegionError> errors = new ArrayList<>();
        // Regions in parallel: a sweep reads one grant per resource, and each region has its own rate budget.
        for (SweepRead result : PerTarget.map(request.targets(), target -> sweepRead(target.region(), config),
                (target, e) -> new SweepRead(null, PerTarget.error(target, e)))) {
            if (result.read() != null) {
                reads.add(result.read());
                errors.addAll(result.read().errors());
            } else {
                errors.add(result.error());
            }
        }
        PublicSharePolicy policy = policy(config, sweepAccount(reads, request.regions().get(0)));
        Plan plan = Plan.empty();
        List<PublicShareFinding> findings = new ArrayList<>();
        for (PublicShareRegion read : reads) {
            plan = plan.plus(policy.sweep(read.images(), read.imageGrants(), read.snapshots(), read.snapshotGrants()))
                    .plus(new Plan(List.of(), read.gone()))
                    .plus(policy.blockPublicAccess(read.region(), read.imageBlockPublicAccess(),
                            read.snapshotBlockPublicAccess()));
            findings.addAll(policy.findings(read.images(), read.imageGrants(), read.snapshots(),
                    read.snapshotGrants()));
        }
        GrantsAfterApply grantsAfter = new GrantsAfterApply();
        Report report = execute(request, plan, errors, policy, grantsAfter);
        alerts(grantsAfter).send(findings, report, null);
        return report;
    }

    /** One region's sweep read, or why it could not be listed. */
    private record SweepRead(PublicShareRegion read, RegionError error) {
    }

    private SweepRead sweepRead(String region, PublicShareConfig config) {
        try {
            return new SweepRead(PublicShareRegion.read(housekeeping.gateway(), region, config.includeSnapshots()), null);
        } catch (Ec2Exception e) {
            // One region failing is reported; the others go on (DESIGN §5).
            return new SweepRead(null, new RegionError(region, e.errorCode(), e.errorMessage()));
        }
    }

    /** The event path for attribute changes (the schedule runs the sweep). */
    @Override
    public List<EventRoute<?>> routes() {
        return List.of(EventRoute.of(ImageAttributeChanged.class, this::onImageAttributeChanged),
                EventRoute.of(SnapshotAttributeChanged.class, this::onSnapshotAttributeChanged));
    }

    Report onImageAttributeChanged(ImageAttributeChanged changed, RunRequest request) {
        return onAttributeChange(ResourceType.IMAGE, changed.imageId(), changed.context(), request);
    }

    Report onSnapshotAttributeChanged(SnapshotAttributeChanged changed, RunRequest request) {
        return onAttributeChange(ResourceType.SNAPSHOT, changed.snapshotId(), changed.context(), request);
    }

    /**
     * One resource whose sharing changed. The event's region decides the client (not the configured regions: the
     * resource lives where the call was made). A grant read that fails is a region error, so that the Lambda
     * handler throws and the event is retried (invariant 11); a resource that is gone is kept with the reason.
     */
    private Report onAttributeChange(ResourceType type, String resourceId, CloudTrailContext event,
                                     RunRequest request) {
        String region = event.awsRegion();
        RunRequest regional = request.inRegion(region);
        PublicShareConfig config = request.config().publicShare();
        if (!config.enabled()) {
            return EventDispatcher.ignored(NAME, regional, "publicShare.enabled is false");
        }
        if (type == ResourceType.SNAPSHOT && !config.includeSnapshots()) {
            return EventDispatcher.ignored(NAME, regional, "publicShare.includeSnapshots is false");
        }
        PublicSharePolicy policy = policy(config, eventAccount(event, region));
        List<LaunchPermission> grants;
        try {
            grants = grants(housekeeping.gateway(), type, region, resourceId);
        } catch (Ec2OutcomeException gone) {
            Kept kept = new Kept(region, type, resourceId, "gone: " + gone.errorCode());
            return execute(regional, new Plan(List.of(), List.of(kept)), List.of(), policy);
        } catch (Ec2Exception e) {
            return execute(regional, Plan.empty(), List.of(new RegionError(region, e.errorCode(),
                    e.operation() + " " + resourceId + ": " + e.errorMessage())), policy);
        }
        PublicShareFinding finding = type == ResourceType.IMAGE
                ? policy.inspectImage(region, resourceId, grants)
                : policy.inspectSnapshot(region, resourceId, grants);
        GrantsAfterApply grantsAfter = new GrantsAfterApply();
        Report report = execute(regional, policy.plan(finding), List.of(), policy, grantsAfter);
        alerts(grantsAfter).send(List.of(finding), report, event);
        return report;
    }

    /**
     * Applies the plan within the executor's gates. The re-check of a {@code remove-grant} (invariant 6) is the
     * re-read in {@link PublicShareApplier}, which also narrows the removal to what offends at that moment; so
     * no separate describe call precedes it. Account settings have nothing to re-read.
     */
    private Report execute(RunRequest request, Plan plan, List<RegionError> errors, PublicSharePolicy policy) {
        return execute(request, plan, errors, policy, new GrantsAfterApply());
    }

    /** As above, leaving in {@code grantsAfter} the grants each removal read last, for the alerts. */
    private Report execute(RunRequest request, Plan plan, List<RegionError> errors, PublicSharePolicy policy,
                           GrantsAfterApply grantsAfter) {
        Ec2Gateway gateway = housekeeping.gateway();
        ActionApplier applier = new PublicShareApplier(gateway, policy,
                new Ec2ActionApplier(gateway, housekeeping.clock()), grantsAfter);
        return housekeeping.executor().execute(request.forFunction(NAME), plan, errors, action -> Optional.empty(),
                applier);
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

    private static PublicSharePolicy policy(PublicShareConfig config, String accountId) {
        return new PublicSharePolicy(config, accountId);
    }

    /**
     * Our own account, whose grants are always allowed: the account our credentials act in (STS), since that is
     * the account whose attribute was just re-read and whose grants would be removed. The event's account
     * ({@code recipientAccountId}, else the envelope's, else the caller's) only when STS cannot tell: an event, or
     * a file given to {@code handle}, that names another account, e.g. the very account a grant went to, must not
     * make a grant to that account "our own".
     */
    private String eventAccount(CloudTrailContext event, String region) {
        String account = housekeeping.gateway().accountId(region);
        if (account != null) {
            return account;
        }
        return event.accountId() == null ? UNKNOWN_ACCOUNT : event.accountId();
    }

    /** The owner of what the sweep read (DescribeImages Owners=self), else STS. */
    private String sweepAccount(List<PublicShareRegion> reads, String anyRegion) {
        Optional<String> owner = reads.stream().flatMap(read -> read.ownerIds().stream()).findFirst();
        if (owner.isPresent()) {
            return owner.get();
        }
        String account = housekeeping.gateway().accountId(anyRegion);
        return account == null ? UNKNOWN_ACCOUNT : account;
    }
}
