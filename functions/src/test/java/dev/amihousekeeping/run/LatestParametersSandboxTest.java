package dev.amihousekeeping.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import dev.amihousekeeping.events.EventParser;
import dev.amihousekeeping.events.HousekeepingEvent;
import dev.amihousekeeping.sandbox.SeedSsmParameter;
import dev.amihousekeeping.testing.SandboxHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Latest-AMI parameters against the sandbox, over real HTTP with the real SDK: the available event and the catch-up
 * write {@code /ami-housekeeping/latest/<lineage>}, never someone else's parameter, and expiry keeps the AMI the
 * parameter names while the older ones of the lineage go. The CLI's {@code handle} test uses its seed.
 */
public class LatestParametersSandboxTest {

    public static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";
    static final String WEB_1 = "ami-0a1b2c3d4e5f60011";
    static final String WEB_2 = "ami-0a1b2c3d4e5f60012";
    /** The AMI of events/ami-state-change-available.json: the newest web. */
    public static final String WEB_3 = "ami-0a1b2c3d4e5f60021";
    static final String API = "ami-0a1b2c3d4e5f60031";
    static final String WEB_COPY = "ami-0b1b2c3d4e5f60021";
    public static final String WEB_PARAMETER = "/ami-housekeeping/latest/web";
    static final String API_PARAMETER = "/ami-housekeeping/latest/api";

    public static final String SEED = """
            {"accountId": "111122223333", "now": "2026-10-22T00:00:00Z", "regions": {
              "us-east-1": {
                "images": [
                  {"imageId": "ami-0a1b2c3d4e5f60011", "name": "web-2026-10-01", "state": "available",
                   "creationDate": "2026-10-01T00:00:00Z", "ownerId": "111122223333", "tags": {"DeleteOn": "2026-10-10"}},
                  {"imageId": "ami-0a1b2c3d4e5f60012", "name": "web-2026-10-15", "state": "available",
                   "creationDate": "2026-10-15T00:00:00Z", "ownerId": "111122223333", "tags": {"DeleteOn": "2026-10-20"}},
                  {"imageId": "ami-0a1b2c3d4e5f60021", "name": "web-2026-10-21", "state": "available",
                   "creationDate": "2026-10-21T09:00:00Z", "ownerId": "111122223333", "tags": {"DeleteOn": "2026-10-21"}},
                  {"imageId": "ami-0a1b2c3d4e5f60031", "name": "api-3", "state": "available",
                   "creationDate": "2026-10-02T00:00:00Z", "ownerId": "111122223333", "tags": {}}],
                "ssmParameters": [{"name": "/ami-housekeeping/latest/api", "value": "ami-0a1b2c3d4e5f60031"}]},
              "us-west-2": {
                "images": [
                  {"imageId": "ami-0b1b2c3d4e5f60021", "name": "web-2026-10-21", "state": "available",
                   "creationDate": "2026-10-21T10:00:00Z", "ownerId": "111122223333",
                   "tags": {"SourceAmi": "ami-0a1b2c3d4e5f60021", "SourceRegion": "us-east-1"}}]}}}
            """;
    static final Config POLICY = ConfigLoader.parse("""
            {"regions": ["us-east-1"], "dryRun": false,
             "crossRegionCopy": {"enabled": true, "destinationRegions": ["us-west-2"]},
             "tagOnCreate": {"enabled": false},
             "latestParameters": {"enabled": true}}
            """);

    /** The repository's sample (events/, as {@code ami-housekeeping handle --event} takes it): WEB_3 is available. */
    static final HousekeepingEvent AVAILABLE = EventParser.parse(read(Path.of("..", "events",
            "ami-state-change-available.json")));

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @RegisterExtension
    static final SandboxHarness sandbox = SandboxHarness.start(SEED).freshEachTest();
    private final CrossRegionCopyRun run = new CrossRegionCopyRun(sandbox.housekeeping());

    private static Optional<SeedSsmParameter> parameter(String region, String name) {
        return sandbox.state().regions().get(region).ssmParameters().stream().filter(p -> p.name().equals(name))
                .findFirst();
    }

    private static List<ActionResult> sets(Report report) {
        return report.actions().stream().filter(a -> a.action() == ActionType.SET_PARAMETER).toList();
    }

    @Test
    void availableEvent_setsParameterToNewestOfLineage_taggedAsOurs() {
        Report report = run.handle(AVAILABLE,
                sandbox.request(POLICY, false));

        assertThat(sets(report)).singleElement().satisfies(set -> {
            assertThat(set.resourceType()).isEqualTo(ResourceType.PARAMETER);
            assertThat(set.resourceId()).isEqualTo(WEB_PARAMETER);
            assertThat(set.outcome()).isEqualTo(Outcome.DONE);
        });
        assertThat(parameter(EAST, WEB_PARAMETER)).hasValueSatisfying(p -> {
            assertThat(p.value()).isEqualTo(WEB_3);
            assertThat(p.dataType()).isEqualTo("aws:ec2:image");
            assertThat(p.tags()).containsExactly(entry("ManagedBy", "ami-housekeeping"));
        });
    }

    @Test
    void invariant1_availableEvent_onlyPlans_inDryRun() {
        Report report = run.handle(AVAILABLE,
                sandbox.request(POLICY, true));

        assertThat(sets(report)).extracting(ActionResult::outcome).containsExactly(Outcome.PLANNED);
        assertThat(parameter(EAST, WEB_PARAMETER)).isEmpty();
    }

    @Test
    void catchUp_createsMissingParameters_inSourceAndDestination_andLeavesForeignOneUntouched() {
        Report report = run.run(sandbox.request(POLICY, false));

        assertThat(sets(report)).extracting(a -> a.region() + " " + a.resourceId() + " " + a.outcome())
                .containsExactlyInAnyOrder(EAST + " " + WEB_PARAMETER + " DONE", WEST + " " + WEB_PARAMETER + " DONE");
        assertThat(parameter(EAST, WEB_PARAMETER)).hasValueSatisfying(p -> assertThat(p.value()).isEqualTo(WEB_3));
        assertThat(parameter(WEST, WEB_PARAMETER)).hasValueSatisfying(p -> assertThat(p.value()).isEqualTo(WEB_COPY));
        assertThat(report.kept()).filteredOn(k -> k.resourceId().equals(API_PARAMETER)).singleElement()
                .extracting(Kept::reason).asString().startsWith("foreign-parameter");
        assertThat(parameter(EAST, API_PARAMETER)).hasValueSatisfying(p -> {
            assertThat(p.value()).isEqualTo(API);
            assertThat(p.tags()).isEmpty();
        });
    }

    @Test
    void catchUp_movesOurParameterThatIsBehind_andLeavesItWhenCurrent() {
        sandbox.gateway().parameters().create(EAST, WEB_PARAMETER, WEB_1,
                java.util.Map.of("ManagedBy", "ami-housekeeping"));

        Report first = run.run(sandbox.request(POLICY, false));
        Report second = run.run(sandbox.request(POLICY, false));

        assertThat(sets(first)).filteredOn(a -> a.region().equals(EAST)).singleElement()
                .satisfies(a -> assertThat(a.detail()).startsWith(WEB_1 + " -> " + WEB_3));
        assertThat(parameter(EAST, WEB_PARAMETER)).hasValueSatisfying(p -> assertThat(p.value()).isEqualTo(WEB_3));
        assertThat(sets(second)).isEmpty();
        assertThat(second.kept()).extracting(Kept::reason).contains("latest-parameter: already " + WEB_3);
    }

    @Test
    void expiry_keepsTheAmiTheParameterNames_andDeregistersTheOlderOnes() {
        run.run(sandbox.request(POLICY, false));

        Report expiry = sandbox.run(ExpiryRun::new, sandbox.request(EXPIRE_ALL, List.of(EAST), false));

        assertThat(expiry.actions()).filteredOn(a -> a.action() == ActionType.DEREGISTER)
                .extracting(ActionResult::resourceId, ActionResult::outcome)
                .containsExactlyInAnyOrder(org.assertj.core.api.Assertions.tuple(WEB_1, Outcome.DONE),
                        org.assertj.core.api.Assertions.tuple(WEB_2, Outcome.DONE));
        assertThat(expiry.kept()).filteredOn(k -> k.resourceId().equals(WEB_3)).singleElement()
                .extracting(Kept::reason).asString().startsWith("in-use").contains(WEB_PARAMETER);
        assertThat(sandbox.image(EAST, WEB_3)).isPresent();
        assertThat(sandbox.image(EAST, WEB_1)).isEmpty();
    }

    @Test
    void expiry_keepsTheAmiTheParameterNames_whenItReadsSsmDirectly() {
        run.run(sandbox.request(POLICY, false));
        sandbox.fault("{\"action\":\"DescribeImageReferences\",\"error\":\"InvalidAction\",\"status\":400}");

        Report expiry = sandbox.run(ExpiryRun::new, sandbox.request(EXPIRE_ALL, List.of(EAST), false));

        assertThat(expiry.kept()).filteredOn(k -> k.resourceId().equals(WEB_3)).singleElement()
                .extracting(Kept::reason).asString().startsWith("in-use").contains(WEB_PARAMETER);
        assertThat(sandbox.image(EAST, WEB_3)).isPresent();
        assertThat(sandbox.image(EAST, WEB_2)).isEmpty();
    }

    /** Everything past its DeleteOn goes now: no deprecation stage, no minimum age. */
    static final Config EXPIRE_ALL = ConfigLoader.parse("""
            {"regions": ["us-east-1"], "dryRun": false,
             "expiry": {"deprecateFirst": false, "minAgeDays": 0}}
            """);
}
