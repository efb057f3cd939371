package dev.amihousekeeping.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.events.EventParser;
import dev.amihousekeeping.run.CrossRegionCopyRun;
import dev.amihousekeeping.run.EventDispatcher;
import dev.amihousekeeping.run.ExpiryRun;
import dev.amihousekeeping.run.FunctionRun;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.OrphanSnapshotsRun;
import dev.amihousekeeping.run.PublicShareRun;
import dev.amihousekeeping.run.RunRequest;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.testing.SandboxHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;

/**
 * Each function, run for real against the sandbox (the demo's seed: expired, deprecated, shared, public and orphaned
 * AMIs and snapshots in two regions, with block public access off), applying its plan: every call the sandbox
 * records is one that function's role allows in that region, and one {@link FunctionActionsTest}'s audit lists. A
 * call added to the functions without a grant fails here as it would fail in AWS, with AccessDenied.
 */
class FunctionCallsInSandboxTest {
    /** The CLI demo's seed, which the demo keeps covering every function. */
    private static final String SEED = read(AppFixture.REPO_ROOT.resolve(
            "cli/src/main/resources/dev/amihousekeeping/cli/demo-seed.json"));
    private static final Instant SEED_NOW = Seed.parse(SEED).now();
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
    /** Every switch that adds calls is on; eu-west-1 is both a source and the copy destination. */
    private static final Config POLICY = PolicyDocument.parse("""
            {"regions": ["us-east-1", "eu-west-1"], "dryRun": false, "maxActionsPerRun": 500,
             "expiry": {"keepLatest": 1},
             "orphanSnapshots": {"scope": "unreferenced"},
             "publicShare": {"enforceBlockPublicAccess": true, "allowedAccountIds": ["444455556666"]},
             "crossRegionCopy": {"enabled": true, "destinationRegions": ["eu-west-1"],
                                 "kmsKeyIds": {"eu-west-1": "alias/ami-dr"}},
             "tagOnCreate": {"defaultRetentionDays": 90}}
            """, "test").config();
    /** The demo's golden AMI in us-east-1: selected for copying, and without the tags tag-on-create adds. */
    private static final String NEW_IMAGE = "ami-0a1b2c3d4e5f60009";

    @Test
    void expiry_callsOnlyWhatItsRoleAllows() {
        Observed observed = observe(h -> List.of(new ExpiryRun(h).run(request())));
        assertAllowed("expiry", observed);
        // The sandbox deletes the snapshots with DeregisterImage (DeleteAssociatedSnapshots): no DeleteSnapshot.
        assertThat(observed.actions()).contains("ec2:DescribeImageReferences", "ec2:EnableImageDeprecation",
                "ec2:DeregisterImage");
    }

    @Test
    void orphanSnapshots_callsOnlyWhatItsRoleAllows() {
        Observed observed = observe(h -> List.of(new OrphanSnapshotsRun(h).run(request())));
        assertAllowed("orphan-snapshots", observed);
        assertThat(observed.actions()).contains("ec2:DescribeVolumes", "ec2:DeleteSnapshot");
    }

    @Test
    void publicShare_sweepAndEvents_callOnlyWhatItsRoleAllows() {
        Observed observed = observe(h -> {
            PublicShareRun run = new PublicShareRun(h);
            return List.of(run.run(request()),
                    event(run, "modify-image-attribute-public.json", Map.of()),
                    event(run, "modify-snapshot-attribute-public.json", Map.of()));
        });
        assertAllowed("public-share", observed);
        assertThat(observed.actions()).contains("ec2:ModifyImageAttribute", "ec2:ModifySnapshotAttribute",
                "ec2:EnableImageBlockPublicAccess", "ec2:EnableSnapshotBlockPublicAccess", "sns:Publish");
    }

    @Test
    void crossRegionCopy_catchUpAndEvents_callOnlyWhatItsRoleAllows() {
        Observed observed = observe(h -> {
            CrossRegionCopyRun run = new CrossRegionCopyRun(h);
            return List.of(event(run, "create-image.json", Map.of("ami-0a1b2c3d4e5f60021", NEW_IMAGE)),
                    event(run, "ami-state-change-available.json", Map.of("ami-0a1b2c3d4e5f60021", NEW_IMAGE)),
                    run.run(request()));
        });
        assertAllowed("cross-region-copy", observed);
        assertThat(observed.actions()).contains("ec2:DescribeSnapshots", "ec2:CreateTags", "ec2:CopyImage",
                "sts:GetCallerIdentity");
    }

    /** What the runs called, per region, as IAM actions; and what they reported. */
    private record Observed(Map<String, Set<String>> byRegion, boolean notified, List<Report> reports) {
        Set<String> actions() {
            Set<String> all = new TreeSet<>();
            byRegion.values().forEach(all::addAll);
            if (notified) {
                all.add("sns:Publish");
            }
            return all;
        }
    }

    private static void assertAllowed(String function, Observed observed) {
        assertThat(observed.reports()).as("the runs applied something")
                .anyMatch(r -> r.count(Outcome.DONE) > 0);
        FunctionGrants grants = FunctionActionsTest.GRANTS.get(function).apply(new FunctionPermissions(POLICY, REGIONS));
        Stack stack = new Stack();
        List<JsonNode> allows = grants.statements().stream()
                .map(s -> AppFixture.JSON.<JsonNode>valueToTree(stack.resolve(s.toStatementJson())))
                .filter(s -> s.path("Effect").asText().equals("Allow")).toList();
        List<String> denied = new ArrayList<>();
        observed.byRegion().forEach((region, actions) -> actions.stream()
                .filter(action -> allows.stream().noneMatch(s -> allowsIn(s, action, region)))
                .forEach(action -> denied.add(action + " in " + region)));
        if (observed.notified() && !grants.notifies()) {
            denied.add("sns:Publish");
        }
        assertThat(denied).as(function + ": calls its role would deny").isEmpty();
        assertThat(observed.actions()).as(function + ": calls the audit table does not list")
                .isSubsetOf(FunctionActionsTest.expected(function, POLICY));
    }

    /** The statement names the action and lets it through in {@code region} (by condition or resource ARN). */
    private static boolean allowsIn(JsonNode statement, String action, String region) {
        if (!IamStatements.actions(statement).contains(action)) {
            return false;
        }
        JsonNode requested = statement.path("Condition").path("StringEquals").path("aws:RequestedRegion");
        if (!requested.isMissingNode() && !requested.toString().contains("\"" + region + "\"")) {
            return false;
        }
        JsonNode resource = statement.path("Resource");
        List<JsonNode> resources = new ArrayList<>();
        if (resource.isArray()) {
            resource.forEach(resources::add);
        } else {
            resources.add(resource);
        }
        return resources.stream().map(JsonNode::toString).anyMatch(arn -> arn.equals("\"*\"")
                || arn.contains(":" + region + ":") || arn.contains(":*:"));
    }

    private static Observed observe(Function<Housekeeping, List<Report>> runs) {
        try (SandboxHarness sandbox = SandboxHarness.start(SEED)) {
            List<Report> reports = runs.apply(sandbox.housekeeping());
            return new Observed(calls(sandbox.callLog()), !sandbox.notifications().isEmpty(), reports);
        }
    }

    /**
     * The sandbox's call log as IAM actions. It serves EC2 and Auto Scaling and names each call by its Query
     * action; STS's GetCallerIdentity reaches it too (and fails there, as STS is not served). An SSM call would
     * show as {@code (none)} and fail the check, which is what it should do here: the sandbox offers
     * DescribeImageReferences, so the SSM fallback has no business running.
     */
    private static Map<String, Set<String>> calls(JsonNode callLog) {
        Map<String, Set<String>> byRegion = new TreeMap<>();
        callLog.path("regions").fields().forEachRemaining(region -> {
            Set<String> actions = new TreeSet<>();
            region.getValue().fieldNames().forEachRemaining(action -> actions.add(switch (action) {
                case "DescribeLaunchConfigurations" -> "autoscaling:" + action;
                case "GetCallerIdentity" -> "sts:" + action;
                default -> "ec2:" + action;
            }));
            byRegion.put(region.getKey(), actions);
        });
        return byRegion;
    }

    private static RunRequest request() {
        return new RunRequest(POLICY, REGIONS, false, SEED_NOW, null);
    }

    /** A sample from events/, with ids swapped for ones the seed holds, dispatched as the Lambda handler does. */
    private static Report event(FunctionRun run, String file, Map<String, String> swaps) {
        String json = read(EventPatternTest.EVENTS.resolve(file));
        for (Map.Entry<String, String> swap : swaps.entrySet()) {
            json = json.replace(swap.getKey(), swap.getValue());
        }
        return EventDispatcher.dispatchTo(run, EventParser.parse(json), request());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
