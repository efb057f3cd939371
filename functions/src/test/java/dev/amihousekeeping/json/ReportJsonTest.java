package dev.amihousekeeping.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.core.ActionResult;
import dev.amihousekeeping.core.ActionType;
import dev.amihousekeeping.core.Kept;
import dev.amihousekeeping.core.Outcome;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.core.ResourceType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    private static final Report DESIGN_EXAMPLE = new Report("expiry", true, Instant.parse("2026-11-01T00:00:00Z"),
            List.of("us-east-1"),
            List.of(new ActionResult("us-east-1", ResourceType.IMAGE, "ami-1", ActionType.DEREGISTER,
                    "expiry-tag DeleteOn=2026-01-01", Outcome.PLANNED, "dry-run", "111122223333")),
            List.of(new Kept("us-east-1", ResourceType.IMAGE, "ami-2", "in-use: i-0abc", "111122223333")),
            List.of(new RegionError("eu-west-1", "UnauthorizedOperation", "not allowed", "222233334444")),
            12.5, "run-1", List.of("111122223333", "222233334444"));

    @Test
    void writesTheReport_inTheShapeAndKeyOrderOfDesignSection7() {
        assertThat(ReportJson.write(DESIGN_EXAMPLE)).isEqualTo("{\"function\":\"expiry\",\"runId\":\"run-1\","
                + "\"dryRun\":true,\"startedAt\":\"2026-11-01T00:00:00Z\","
                + "\"accounts\":[\"111122223333\",\"222233334444\"],\"regions\":[\"us-east-1\"],"
                + "\"actions\":[{\"account\":\"111122223333\",\"region\":\"us-east-1\",\"resourceType\":\"image\",\"resourceId\":\"ami-1\","
                + "\"action\":\"deregister\",\"reason\":\"expiry-tag DeleteOn=2026-01-01\",\"outcome\":\"planned\","
                + "\"detail\":\"dry-run\"}],"
                + "\"kept\":[{\"account\":\"111122223333\",\"region\":\"us-east-1\",\"resourceType\":\"image\",\"resourceId\":\"ami-2\","
                + "\"reason\":\"in-use: i-0abc\"}],"
                + "\"errors\":[{\"account\":\"222233334444\",\"region\":\"eu-west-1\",\"code\":\"UnauthorizedOperation\",\"message\":\"not allowed\"}],"
                + "\"estimatedMonthlySavingsUsd\":12.5}");
    }

    @Test
    void leavesOutAbsentValues_insteadOfWritingNull() {
        Report report = new Report("orphan-snapshots", false, Instant.parse("2026-11-01T00:00:00Z"),
                List.of("us-east-1"),
                List.of(new ActionResult("us-east-1", ResourceType.SNAPSHOT, "snap-1", ActionType.DELETE_SNAPSHOT,
                        "orphan", Outcome.PLANNED, null)),
                List.of(), List.of(new RegionError(null, "MaxActionsExceeded", "over the cap")), 0);

        String json = ReportJson.write(report);

        assertThat(json).doesNotContain("null").doesNotContain("\"detail\"")
                .contains("\"errors\":[{\"code\":\"MaxActionsExceeded\",\"message\":\"over the cap\"}]");
    }

    @Test
    void readsBackWhatItWrote() {
        assertThat(ReportJson.read(ReportJson.write(DESIGN_EXAMPLE))).isEqualTo(DESIGN_EXAMPLE);
    }

    @Test
    void refusesAReport_withUnknownKeys() {
        String json = ReportJson.write(DESIGN_EXAMPLE).replace("\"dryRun\"", "\"dryRunn\"");

        assertThatThrownBy(() -> ReportJson.read(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dryRunn");
    }
}
