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
import dev.amihousekeeping.events.CloudTrailContext;
import dev.amihousekeeping.events.ImageAttributeChanged;
import dev.amihousekeeping.events.SnapshotAttributeChanged;
import dev.amihousekeeping.run.TargetWork.Gates;
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
            return housekeeping.executor().execute(request.forFunction(NAME), new Plan(List.of(), kept), List.of(),
                    action -> Optional.empty(), action -> {
                        throw new IllegalStateException("public-share is disabled: nothing is applied");
                    });
        }
        Sweep sweep = new Sweep(config);
        // Targets in parallel: a sweep reads one grant per resource, and each region has its own rate budget.
        TargetRun.Result<PublicShareRegion> run = TargetRun.run(housekeeping, request, NAME, sweep);
        List<PublicShareFinding> findings = run.reads().stream().flatMap(read -> sweep.policy(read).findings(
                read.images(), read.imageGrants(), read.snapshots(), read.snapshotGrants()).stream()).toList();
        alerts(sweep.grantsAfter).send(findings, run.report(), null);
        return run.report();
    }

    /** The sweep's parts of the per-target run. */
    private final class Sweep implements TargetWork<PublicShareRegion> {

        private final PublicShareConfig config;
        private final GrantsAfterApply grantsAfter = new GrantsAfterApply();
        /** The owner a listing showed (Owners=self: the account the credentials act in), from any target. */
        private volatile String ownerSeen;
        private PublicSharePolicy policy;

        Sweep(PublicShareConfig config) {
            this.config = config;
        }

        @Override
        public PublicShareRegion read(Target target, Ec2Gateway gateway) {
            PublicShareRegion read = PublicShareRegion.read(gateway, target.region(), config.includeSnapshots());
            read.ownerIds().stream().findFirst().ifPresent(owner -> ownerSeen = owner);
            return read;
        }

        @Override
        public RegionError failed(Target target, Exception e) {
            return e instanceof Ec2Exception ec2 ? new RegionError(target.region(), ec2.errorCode(),
                    ec2.errorMessage()) : PerTarget.error(target, e);
        }

        @Override
        public TargetPlan plan(PublicShareRegion read) {
            PublicSharePolicy judge = policy(read);
            return new TargetPlan(judge.sweep(read.images(), read.imageGrants(), read.snapshots(),
                            read.snapshotGrants())
                    .plus(new Plan(List.of(), read.gone()))
                    .plus(judge.blockPublicAccess(read.region(), read.imageBlockPublicAccess(),
                            read.snapshotBlockPublicAccess())), read.errors());
        }

        /**
         * The re-check of a {@code remove-grant} (invariant 6) is the re-read in {@link PublicShareApplier}, which
         * also narrows the removal to what offends at that moment; so no separate describe call precedes it.
         * Account settings have nothing to re-read.
         */
        @Override
        public Gates gates(PublicShareRegion read, Ec2Gateway gateway) {
            return PublicShareRun.this.gates(gateway, policy(read), grantsAfter);
        }

        /**
         * The policy, on the account whose grants are always allowed: the owner of what the sweep read, else STS,
         * asked once the targets are read, only when no listing showed an owner.
         */
        PublicSharePolicy policy(PublicShareRegion read) {
            if (policy == null) {
                String account = ownerSeen != null ? ownerSeen
                        : housekeeping.gatewayFor(Target.own(read.region())).accountId(read.region());
                policy = new PublicSharePolicy(config, account == null ? UNKNOWN_ACCOUNT : account);
            }
            return policy;
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
        AttributeChange change = new AttributeChange(config, type, resourceId, event);
        TargetRun.Result<ResourceGrants> run = TargetRun.run(housekeeping, regional, NAME, change);
        List<PublicShareFinding> findings = run.reads().stream().filter(read -> read.grants() != null)
                .map(change::finding).toList();
        if (!findings.isEmpty()) {
            alerts(change.grantsAfter).send(findings, run.report(), event);
        }
        return run.report();
    }

    /** One resource's grants as read now, or the code EC2 gave for it being gone; with the policy to judge them. */
    private record ResourceGrants(String region, PublicSharePolicy policy, List<LaunchPermission> grants,
                                  String goneCode) {
    }

    /** The event path's parts of the per-target run: its one target is the event's region. */
    private final class AttributeChange implements TargetWork<ResourceGrants> {

        private final PublicShareConfig config;
        private final ResourceType type;
        private final String resourceId;
        private final CloudTrailContext event;
        private final GrantsAfterApply grantsAfter = new GrantsAfterApply();

        AttributeChange(PublicShareConfig config, ResourceType type, String resourceId, CloudTrailContext event) {
            this.config = config;
            this.type = type;
            this.resourceId = resourceId;
            this.event = event;
        }

        /** The grants as they are, never as the event asked for them. */
        @Override
        public ResourceGrants read(Target target, Ec2Gateway gateway) {
            String region = target.region();
            PublicSharePolicy policy = new PublicSharePolicy(config, eventAccount(gateway, event, region));
            try {
                return new ResourceGrants(region, policy, grants(gateway, type, region, resourceId), null);
            } catch (Ec2OutcomeException gone) {
                return new ResourceGrants(region, policy, null, gone.errorCode());
            }
        }

        @Override
        public RegionError failed(Target target, Exception e) {
            return e instanceof Ec2Exception ec2 ? new RegionError(target.region(), ec2.errorCode(),
                    ec2.operation() + " " + resourceId + ": " + ec2.errorMessage()) : PerTarget.error(target, e);
        }

        @Override
        public TargetPlan plan(ResourceGrants read) {
            if (read.grants() == null) {
                return new TargetPlan(new Plan(List.of(), List.of(new Kept(read.region(), type, resourceId,
                        "gone: " + read.goneCode()))));
            }
            return new TargetPlan(read.policy().plan(finding(read)));
        }

        @Override
        public Gates gates(ResourceGrants read, Ec2Gateway gateway) {
            return PublicShareRun.this.gates(gateway, read.policy(), grantsAfter);
        }

        PublicShareFinding finding(ResourceGrants read) {
            return type == ResourceType.IMAGE
                    ? read.policy().inspectImage(read.region(), resourceId, read.grants())
                    : read.policy().inspectSnapshot(read.region(), resourceId, read.grants());
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
        if (account != null) {
            return account;
        }
        return event.accountId() == null ? UNKNOWN_ACCOUNT : event.accountId();
    }
}
