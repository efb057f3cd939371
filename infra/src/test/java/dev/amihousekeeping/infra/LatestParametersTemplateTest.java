package dev.amihousekeeping.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The latest-AMI parameters' grants in the synthesized template: cross-region-copy may read, create (with its tag) and
 * overwrite SSM parameters only under the prefix, in the configured regions and the copies' destinations; with
 * {@code latestParameters} off, no function may write any parameter.
 */
class LatestParametersTemplateTest {

    private static List<JsonNode> copyStatements(Map<String, ?> context) {
        HousekeeperApp.Stacks stacks = AppFixture.synth(context);
        JsonNode template = AppFixture.template(stacks.home());
        JsonNode role = template.path("Resources")
                .path(AppFixture.logicalId(stacks.home().functions().get("cross-region-copy").role()))
                .path("Properties");
        return StreamSupport.stream(role.path("Policies").spliterator(), false)
                .flatMap(p -> StreamSupport.stream(p.path("PolicyDocument").path("Statement").spliterator(), false))
                .toList();
    }

    @Test
    void parameterWrites_areHeldToThePrefix_inTheConfiguredAndDestinationRegions() {
        List<JsonNode> statements = copyStatements(Map.of("housekeeping", """
                {"regions": ["us-east-1"], "latestParameters": {"enabled": true, "prefix": "/golden/latest/"},
                 "crossRegionCopy": {"enabled": true, "destinationRegions": ["us-west-2"]}}"""));

        JsonNode keep = statements.stream().filter(s -> s.path("Sid").asText().equals("KeepLatestParameters"))
                .findFirst().orElseThrow();
        assertThat(IamStatements.actions(keep)).containsExactlyInAnyOrder("ssm:GetParameter",
                "ssm:ListTagsForResource", "ssm:PutParameter", "ssm:AddTagsToResource");
        List<String> resources = new ArrayList<>();
        keep.path("Resource").forEach(r -> resources.add(r.toString()));
        assertThat(resources).hasSize(2).allSatisfy(r -> assertThat(r).contains(":parameter/golden/latest/*"));
        assertThat(resources.toString()).contains(":ssm:us-east-1:", ":ssm:us-west-2:");
        assertThat(statements).filteredOn(s -> s != keep)
                .allSatisfy(s -> assertThat(IamStatements.actions(s))
                        .doesNotContain("ssm:PutParameter", "ssm:AddTagsToResource", "ssm:GetParameter"));
    }

    @Test
    void noParameterIsWritable_whenLatestParametersIsOff() {
        List<JsonNode> statements = copyStatements(Map.of("housekeeping", """
                {"regions": ["us-east-1"], "crossRegionCopy": {"enabled": true, "destinationRegions": ["us-west-2"]}}"""));

        assertThat(statements).allSatisfy(s -> assertThat(IamStatements.actions(s))
                .doesNotContain("ssm:PutParameter", "ssm:AddTagsToResource"));
    }
}
