package dev.amihousekeeping.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * Synthesizes the app as {@code npx cdk synth} would, from the repository's own cdk.json context with a test's
 * entries on top, in account 111122223333 / us-east-1.
 */
final class AppFixture {
    static final Path REPO_ROOT =
            Path.of(System.getProperty("housekeeper.repoRoot", "..")).toAbsolutePath().normalize();
    static final Map<String, String> ENV = Map.of("CDK_DEFAULT_ACCOUNT", "111122223333", "CDK_DEFAULT_REGION", "us-east-1");
    static final ObjectMapper JSON = new ObjectMapper();

    private AppFixture() {
    }

    /** cdk.json's context with {@code overrides} replacing its entries. */
    static Map<String, Object> context(Map<String, ?> overrides) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> context = new LinkedHashMap<>((Map<String, Object>)
                    JSON.readValue(REPO_ROOT.resolve("cdk.json").toFile(), Map.class).get("context"));
            context.putAll(overrides);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static App app(Map<String, ?> overrides) {
        try {
            return App.Builder.create().context(context(overrides))
                    .outdir(Files.createTempDirectory("cdk.out").toString()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DeploymentSettings settings(App app) {
        return DeploymentSettings.fromContext(app.getNode(), ENV, REPO_ROOT);
    }

    /** Builds the stacks; fails with the app's own message when the functions jar has not been built yet. */
    static HousekeeperApp.Stacks synth(Map<String, ?> overrides) {
        App app = app(overrides);
        return HousekeeperApp.build(app, settings(app));
    }

    static JsonNode template(Stack stack) {
        return JSON.valueToTree(Template.fromStack(stack).toJSON());
    }

    static List<JsonNode> resources(JsonNode template, String type) {
        List<JsonNode> matching = new ArrayList<>();
        template.path("Resources").forEach(r -> {
            if (r.path("Type").asText().equals(type)) {
                matching.add(r);
            }
        });
        return matching;
    }

    static String logicalId(IConstruct construct) {
        CfnElement element = (CfnElement) construct.getNode().getDefaultChild();
        return Stack.of(construct).getLogicalId(element == null ? (CfnElement) construct : element);
    }
}
