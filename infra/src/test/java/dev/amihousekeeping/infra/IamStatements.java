package dev.amihousekeeping.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Every IAM statement of a template: role inline policies, managed and inline policy resources. */
final class IamStatements {
    private IamStatements() {
    }

    static List<JsonNode> all(JsonNode template) {
        List<JsonNode> statements = new ArrayList<>();
        template.path("Resources").forEach(resource -> {
            JsonNode props = resource.path("Properties");
            switch (resource.path("Type").asText()) {
                case "AWS::IAM::Role" -> props.path("Policies")
                        .forEach(p -> p.path("PolicyDocument").path("Statement").forEach(statements::add));
                case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" ->
                        props.path("PolicyDocument").path("Statement").forEach(statements::add);
                default -> { }
            }
        });
        return statements;
    }
}
