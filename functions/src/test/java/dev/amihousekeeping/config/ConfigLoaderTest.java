package dev.amihousekeeping.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final Path EXAMPLES = findExamples();

    /** The keys of the policy file as DESIGN §4 shows them. */
    private static final List<String> DESIGN_KEYS = List.of(
            "regions", "dryRun", "maxActionsPerRun",
            "expiry", "expiry.enabled", "expiry.expiryTagKeys", "expiry.maxAgeDays", "expiry.keepLatest",
            "expiry.lineageTagKey", "expiry.minAgeDays", "expiry.unusedDays", "expiry.deprecateFirst", "expiry.graceDays",
            "expiry.deleteSnapshots", "expiry.includeShared", "expiry.exemptTagKeys", "expiry.selector",
            "expiry.selector.tags", "expiry.selector.namePattern", "expiry.noticeDays", "expiry.noticeTagKey",
            "expiry.disableFirst", "recycleBin", "recycleBin.enabled", "recycleBin.retentionDays", "recycleBin.tagKey",
            "orphanSnapshots", "orphanSnapshots.enabled", "orphanSnapshots.minAgeDays", "orphanSnapshots.scope",
            "orphanSnapshots.exemptTagKeys",
            "publicShare", "publicShare.enabled", "publicShare.mode", "publicShare.allowedAccountIds",
            "publicShare.allowedOrganizationArns", "publicShare.allowedOrganizationalUnitArns",
            "publicShare.allowedPublicImageIds", "publicShare.includeSnapshots", "publicShare.enforceBlockPublicAccess",
            "crossRegionCopy", "crossRegionCopy.enabled", "crossRegionCopy.destinationRegions", "crossRegionCopy.selector",
            "crossRegionCopy.selector.tags", "crossRegionCopy.selector.namePattern", "crossRegionCopy.kmsKeyIds",
            "crossRegionCopy.copyTags", "crossRegionCopy.retainCopies",
            "tagOnCreate", "tagOnCreate.enabled", "tagOnCreate.creatorTagKey", "tagOnCreate.defaultRetentionDays",
            "accounts",
            "latestParameters", "latestParameters.enabled", "latestParameters.prefix", "latestParameters.selector",
            "latestParameters.selector.tags", "latestParameters.selector.namePattern");

    @Test
    void emptyPolicy_takesTheDefaultsOfDesign() {
        Config config = ConfigLoader.parse("{}");

        assertThat(config.regions()).isEmpty();
        assertThat(config.dryRun()).isTrue();
        assertThat(config.maxActionsPerRun()).isEqualTo(100);

        ExpiryConfig expiry = config.expiry();
        assertThat(expiry.enabled()).isTrue();
        assertThat(expiry.expiryTagKeys()).containsExactly("DeleteOn", "ExpirationDate", "ExpiryDate");
        assertThat(expiry.maxAgeDays()).isNull();
        assertThat(expiry.keepLatest()).isNull();
        assertThat(expiry.lineageTagKey()).isNull();
        assertThat(expiry.minAgeDays()).isEqualTo(1);
        assertThat(expiry.unusedDays()).isNull();
        assertThat(expiry.deprecateFirst()).isTrue();
        assertThat(expiry.graceDays()).isEqualTo(7);
        assertThat(expiry.deleteSnapshots()).isTrue();
        assertThat(expiry.includeShared()).isFalse();
        assertThat(expiry.exemptTagKeys()).containsExactly("DoNotDelete", "Retain");
        assertThat(expiry.selector().tags()).isEmpty();
        assertThat(expiry.selector().namePattern()).isNull();

        OrphanSnapshotsConfig orphans = config.orphanSnapshots();
        assertThat(orphans.enabled()).isTrue();
        assertThat(orphans.minAgeDays()).isEqualTo(7);
        assertThat(orphans.scope()).isEqualTo(OrphanScope.AMI_CREATED);
        assertThat(orphans.exemptTagKeys()).containsExactly("DoNotDelete", "Retain");

        PublicShareConfig share = config.publicShare();
        assertThat(share.enabled()).isTrue();
        assertThat(share.mode()).isEqualTo(PublicShareMode.REMEDIATE);
        assertThat(share.allowedAccountIds()).isEmpty();
        assertThat(share.allowedOrganizationArns()).isEmpty();
        assertThat(share.allowedOrganizationalUnitArns()).isEmpty();
        assertThat(share.allowedPublicImageIds()).isEmpty();
        assertThat(share.includeSnapshots()).isTrue();
        assertThat(share.enforceBlockPublicAccess()).isFalse();

        CrossRegionCopyConfig copy = config.crossRegionCopy();
        assertThat(copy.enabled()).isFalse();
        assertThat(copy.destinationRegions()).isEmpty();
        assertThat(copy.selector().tags()).containsExactly(Map.entry("CopyToDR", "true"));
        assertThat(copy.kmsKeyIds()).isEmpty();
        assertThat(copy.copyTags()).isTrue();
        assertThat(copy.retainCopies()).isTrue();

        TagOnCreateConfig tagOnCreate = config.tagOnCreate();
        assertThat(tagOnCreate.enabled()).isTrue();
        assertThat(tagOnCreate.creatorTagKey()).isEqualTo("CreatedBy");
        assertThat(tagOnCreate.defaultRetentionDays()).isNull();

        assertThat(config).isEqualTo(Config.defaults());
    }

    @Test
    void dryRun_staysOn_unlessThePolicySaysBooleanFalse() {
        assertThat(ConfigLoader.parse("{\"dryRun\": null}").dryRun()).isTrue();
        assertThat(ConfigLoader.parse("{\"dryRun\": false}").dryRun()).isFalse();
        // A string is refused, not read: "false" must never turn changes on, nor "no"/"off" be mistaken.
        for (String notBoolean : List.of("\"false\"", "\"no\"", "0", "\"\"")) {
            ConfigException error = catchThrowableOfType(ConfigException.class,
                    () -> ConfigLoader.parse("{\"dryRun\": " + notBoolean + "}"));
            assertThat(error).as(notBoolean).isNotNull();
            assertThat(error.keyPath()).isEqualTo("dryRun");
        }
    }

    @Test
    void explicitNull_meansTheDefault() {
        Config config = ConfigLoader.parse("""
                {"maxActionsPerRun": null, "expiry": {"graceDays": null, "selector": null},
                 "crossRegionCopy": {"selector": null}, "tagOnCreate": {"creatorTagKey": null}}""");

        assertThat(config).isEqualTo(Config.defaults());
    }

    @Test
    void comments_areAllowed() {
        Config config = ConfigLoader.parse("""
                // policy for the sandbox
                {
                  "dryRun": false, // changes on
                  /* keep a week */ "orphanSnapshots": {"minAgeDays": 7}
                }""");

        assertThat(config.dryRun()).isFalse();
    }

    @Test
    void toJson_roundTrips_forDefaultsAndExamples() throws IOException {
        for (Config config : List.of(Config.defaults(), fullExample(), ConfigLoader.read(EXAMPLES.resolve("policy-minimal.json")))) {
            assertThat(ConfigLoader.parse(ConfigLoader.toJson(config))).isEqualTo(config);
            assertThat(ConfigLoader.parse(ConfigLoader.toMinifiedJson(config))).isEqualTo(config);
        }
    }

    @Test
    void toJson_showsEveryDefault_withTheFileKeyNamesAndEnumNames() {
        String json = ConfigLoader.toJson(Config.defaults());

        assertThat(json)
                .contains("\"dryRun\": true")
                .contains("\"maxAgeDays\": null")
                .contains("\"scope\": \"ami-created\"")
                .contains("\"mode\": \"remediate\"")
                .contains("\"CopyToDR\": \"true\"")
                .contains("\"defaultRetentionDays\": null")
                .endsWith("}\n");
        assertThat(keyPaths(json)).containsExactlyInAnyOrderElementsOf(DESIGN_KEYS);
    }

    @Test
    void accounts_takeTheDefaultsOfDesign_andNullIsTheOwnAccountOnly() {
        assertThat(ConfigLoader.parse("{}").accounts()).isNull();

        AccountsConfig accounts = ConfigLoader.parse("{\"accounts\": {\"organization\": true}}").accounts();

        assertThat(accounts.organization()).isTrue();
        assertThat(accounts.ids()).isEmpty();
        assertThat(accounts.exclude()).isEmpty();
        assertThat(accounts.roleName()).isEqualTo("AmiHousekeeperMember");
        assertThat(accounts.checkConsumers()).isTrue();
        assertThat(ConfigLoader.parse(ConfigLoader.toJson(ConfigLoader.parse("{\"accounts\": {\"ids\": "
                + "[\"222233334444\"], \"exclude\": []}}"))).accounts())
                .isEqualTo(AccountsConfig.ids(List.of("222233334444"), "AmiHousekeeperMember"));
    }

    @Test
    void toJson_isTheSameForEqualPolicies_whateverTheMapOrderInTheFile() {
        Config a = ConfigLoader.parse("""
                {"crossRegionCopy": {"destinationRegions": ["us-west-2", "eu-west-1"],
                  "kmsKeyIds": {"us-west-2": "alias/a", "eu-west-1": "alias/b"}}}""");
        Config b = ConfigLoader.parse("""
                {"crossRegionCopy": {"destinationRegions": ["us-west-2", "eu-west-1"],
                  "kmsKeyIds": {"eu-west-1": "alias/b", "us-west-2": "alias/a"}}}""");

        assertThat(ConfigLoader.toJson(a)).isEqualTo(ConfigLoader.toJson(b));
        assertThat(ConfigLoader.toMinifiedJson(a)).isEqualTo(ConfigLoader.toMinifiedJson(b));
    }

    @Test
    void fullExample_namesEveryKeyOfThePolicy() throws IOException {
        JsonNode example = new ObjectMapper().readTree(Files.readString(EXAMPLES.resolve("policy.json")));

        assertThat(keyPaths(example, "")).containsExactlyInAnyOrderElementsOf(DESIGN_KEYS);
    }

    @Test
    void minimalExample_parses_withDefaultsForTheRest() {
        Config config = ConfigLoader.read(EXAMPLES.resolve("policy-minimal.json"));

        assertThat(config.regions()).containsExactly("us-east-1");
        assertThat(config.expiry().maxAgeDays()).isEqualTo(90);
        assertThat(config.dryRun()).isTrue();
    }

    @Test
    void minifiedFullExample_fitsInTheLambdaEnvironment() {
        String minified = ConfigLoader.toMinifiedJson(fullExample());
        int bytes = (ConfigLoader.ENVIRONMENT_VARIABLE + minified).getBytes(StandardCharsets.UTF_8).length;

        assertThat(minified).doesNotContain("\n").doesNotContain(": ");
        assertThat(bytes).isLessThanOrEqualTo(ConfigLoader.LAMBDA_ENVIRONMENT_LIMIT_BYTES);
        assertThat(ConfigLoader.fromEnvironment(minified)).isEqualTo(fullExample());
    }

    @Test
    void everyWayIn_givesTheSameMessage(@TempDir Path dir) throws IOException {
        String bad = "{\"expiry\": {\"maxAgeDays\": -3}}";
        Path file = Files.writeString(dir.resolve("policy.json"), bad);

        String fromParse = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(bad)).getMessage();
        String fromFile = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.read(file)).getMessage();
        String fromEnvironment = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.fromEnvironment(bad)).getMessage();

        assertThat(fromParse).isEqualTo("expiry.maxAgeDays: must be >= 0, got -3");
        assertThat(fromFile).isEqualTo(fromParse);
        assertThat(fromEnvironment).isEqualTo(fromParse);
    }

    @Test
    void configException_splitsKeyPathAndProblem() {
        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("{\"crossRegionCopy\": {\"destinationRegions\": [\"us-west-2\"], "
                        + "\"kmsKeyIds\": {\"eu-west-3\": \"alias/dr\"}}}"));

        assertThat(error.keyPath()).isEqualTo("crossRegionCopy.kmsKeyIds.eu-west-3");
        assertThat(error.problem()).isEqualTo("key for a region not in destinationRegions");
    }

    @Test
    void read_ignoresAByteOrderMark(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("policy.json"), "\uFEFF{\"dryRun\": false}");

        assertThat(ConfigLoader.read(file).dryRun()).isFalse();
    }

    @Test
    void read_saysWhenTheFileIsMissing(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");

        assertThat(catchThrowableOfType(ConfigException.class, () -> ConfigLoader.read(missing)))
                .hasMessage("policy file " + missing + " does not exist");
    }

    @Test
    void fromEnvironment_refusesToRun_whenThePolicyIsNotSet() {
        for (String unset : new String[] {null, "", "  "}) {
            assertThat(catchThrowableOfType(ConfigException.class, () -> ConfigLoader.fromEnvironment(unset)))
                    .hasMessage("HOUSEKEEPING_CONFIG: not set; the deployment passes the policy here");
        }
    }

    @Test
    void userValues_cannotBreakTheMessageIntoLines() {
        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("{\"regions\": [\"us-east-1\\nDROP\"]}"));

        assertThat(error.getMessage()).isEqualTo("regions[0]: unknown region \"us-east-1\\nDROP\"");
    }

    private static Config fullExample() {
        return ConfigLoader.read(EXAMPLES.resolve("policy.json"));
    }

    /** Every object key path of a policy, except inside the free-form maps (tags, kmsKeyIds). */
    private static List<String> keyPaths(String json) {
        try {
            return keyPaths(new ObjectMapper().readTree(json), "");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> keyPaths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (!node.isObject() || prefix.endsWith(".tags") || prefix.endsWith(".kmsKeyIds")) {
            return paths;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            paths.add(path);
            paths.addAll(keyPaths(node.get(name), path));
        }
        return paths;
    }

    private static Path findExamples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples/policy.json"))) {
                return dir.resolve("examples");
            }
        }
        throw new IllegalStateException("examples/policy.json not found above " + Path.of("").toAbsolutePath());
    }
}
