package dev.amihousekeeping.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** IAM statements as a synthesized template holds them. */
final class IamStatements {
    private IamStatements() {
    }

    /** A statement's {@code Action}, which CloudFormation writes as a string when there is one. */
    static List<String> actions(JsonNode statement) {
        JsonNode action = statement.path("Action");
        List<String> actions = new ArrayList<>();
        if (action.isArray()) {
            action.forEach(a -> actions.add(a.asText()));
        } else {
            actions.add(action.asText());
        }
        return actions;
    }

    /** Every statement of a template: role inline policies, managed and inline policy resources. */
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
