package dev.amihousekeeping.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.constructs.Node;

/**
 * Everything the app reads from CDK context (cdk.json, {@code -c key=value}) and the environment, read and checked
 * once. Context keys: {@code housekeeping} (the policy, an object) or {@code housekeepingFile} (a path to it),
 * {@code homeRegion}, {@code notifyEmail}, {@code createTrail}, {@code schedules}, {@code logRetentionDays},
 * {@code reserveConcurrency}, {@code recycleBinLock}; for an organization (DESIGN §9) {@code organization},
 * {@code memberOrganizationalUnitIds}, {@code organizationId}, {@code mapMaxConcurrency} and {@code delegatedAdmin}.
 *
 * @param homeRegion   the region of {@code HousekeeperStack}; null leaves the stack region-agnostic, which is only
 *                     allowed when no other region needs a forwarder
 * @param account      the account to deploy to; null leaves it to the CLI's credentials at deploy time
 * @param notifyEmail  null for no e-mail subscription on the topic
 * @param functionsJar the shaded Lambda jar built by the functions module
 * @param recycleBinLock the Recycle Bin rules are locked (a 7-day unlock delay)
 * @param organization null for a single account (the default); else the hub's organization settings
 */
public record DeploymentSettings(
        PolicyDocument policy,
        String homeRegion,
        String account,
        String notifyEmail,
        boolean createTrail,
        Schedules schedules,
        int logRetentionDays,
        boolean reserveConcurrency,
        Path functionsJar,
        boolean recycleBinLock,
        OrganizationSettings organization) {

    public static final String FUNCTIONS_JAR = "functions/target/ami-housekeeping-functions.jar";

    /** Retention periods CloudWatch Logs accepts. */
    static final Set<Integer> LOG_RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    public DeploymentSettings {
        if (homeRegion != null && !REGION.matcher(homeRegion).matches()) {
            throw new InvalidSettingsException("context homeRegion = \"" + homeRegion + "\" is not an AWS region name");
        }
        if (notifyEmail != null && !EMAIL.matcher(notifyEmail).matches()) {
            throw new InvalidSettingsException("context notifyEmail = \"" + notifyEmail + "\" is not an e-mail address");
        }
        if (!LOG_RETENTION_DAYS.contains(logRetentionDays)) {
            throw new InvalidSettingsException("context logRetentionDays = " + logRetentionDays
                    + " is not a CloudWatch Logs retention; use one of 1, 3, 5, 7, 14, 30, 60, 90, 180, 365, 731, ...");
        }
        if (homeRegion == null && !policy.config().regions().isEmpty()) {
            throw new InvalidSettingsException("the policy names regions " + policy.config().regions()
                    + " but the home region is unknown: configure an AWS region (AWS_REGION or the profile) or pass"
                    + " -c homeRegion=<region>");
        }
    }

    /** The same deployment with another policy. */
    public DeploymentSettings withPolicy(PolicyDocument other) {
        return new DeploymentSettings(other, homeRegion, account, notifyEmail, createTrail, schedules, logRetentionDays,
                reserveConcurrency, functionsJar, recycleBinLock, organization);
    }

    /** The configured regions other than the home region: each gets a {@code RegionalForwarderStack}. */
    public List<String> forwarderRegions() {
        return policy.config().regions().stream().filter(r -> !r.equals(homeRegion)).distinct().toList();
    }

    /**
     * Reads the settings. {@code env} supplies {@code CDK_DEFAULT_REGION}/{@code CDK_DEFAULT_ACCOUNT} (set by the CDK
     * CLI from the credentials); relative paths resolve against {@code repoRoot}.
     */
    public static DeploymentSettings fromContext(Node node, Map<String, String> env, Path repoRoot) {
        Path jar = repoRoot.resolve(FUNCTIONS_JAR).normalize();
        if (!Files.isRegularFile(jar)) {
            throw new InvalidSettingsException(jar + " not found: build the functions first"
                    + " (mvn -B -q -pl infra -am package -DskipTests; cdk.json's app command does this)");
        }
        String region = string(node, "homeRegion");
        PolicyDocument policy = policy(node, repoRoot);
        return new DeploymentSettings(
                policy,
                region != null ? region : blankToNull(env.get("CDK_DEFAULT_REGION")),
                blankToNull(env.get("CDK_DEFAULT_ACCOUNT")),
                string(node, "notifyEmail"),
                bool(node, "createTrail", false),
                Schedules.withOverrides(object(node, "schedules")),
                integer(node, "logRetentionDays", 90),
                // Off by default: Lambda keeps 100 units unreserved, so a quota under 102 refuses any reservation.
                bool(node, "reserveConcurrency", false),
                jar,
                bool(node, "recycleBinLock", false),
                organization(node, policy));
    }

    /** Null unless context {@code organization} is true; the organization keys without it are an error. */
    private static OrganizationSettings organization(Node node, PolicyDocument policy) {
        List<String> keys = List.of("memberOrganizationalUnitIds", "organizationId", "mapMaxConcurrency", "delegatedAdmin");
        if (!bool(node, "organization", false)) {
            for (String key : keys) {
                if (node.tryGetContext(key) != null) {
                    throw new InvalidSettingsException("context " + key + " is set but organization is not true:"
                            + " pass -c organization=true to deploy to an organization, or drop " + key);
                }
            }
            return null;
        }
        Object units = node.tryGetContext("memberOrganizationalUnitIds");
        if (units == null) {
            throw new InvalidSettingsException("context memberOrganizationalUnitIds is required with organization=true:"
                    + " a JSON list of the OU ids to deploy the member stack to, like '[\"ou-ab12-cdef3456\"]'");
        }
        String organizationId = string(node, "organizationId"); // null: read at deployment
        return new OrganizationSettings(OrganizationSettings.organizationalUnitIds(units), organizationId,
                integer(node, "mapMaxConcurrency", 10), bool(node, "delegatedAdmin", false),
                OrganizationSettings.memberRoleName(policy));
    }

    private static PolicyDocument policy(Node node, Path repoRoot) {
        Object inline = node.tryGetContext("housekeeping");
        String file = string(node, "housekeepingFile");
        if (inline != null && file != null) {
            throw new InvalidSettingsException("context has both housekeeping and housekeepingFile: give one policy");
        }
        if (file != null) {
            Path path = repoRoot.resolve(file);
            try {
                return PolicyDocument.parse(Files.readString(path), file);
            } catch (IOException e) {
                throw new InvalidSettingsException("context housekeepingFile: cannot read " + path + ": " + e.getMessage());
            }
        }
        if (inline == null) {
            return PolicyDocument.parse("{}", "defaults");
        }
        return PolicyDocument.parse(inline instanceof String s ? s : toJson(inline), "context housekeeping");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> object(Node node, String key) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, ?>) map;
        }
        try {
            // -c key=value hands every value over as a string.
            return JSON.readValue(value.toString(), LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new InvalidSettingsException("context " + key + " must be a JSON object: " + e.getOriginalMessage());
        }
    }

    private static String string(Node node, String key) {
        Object value = node.tryGetContext(key);
        return value == null ? null : blankToNull(value.toString().trim());
    }

    private static boolean bool(Node node, String key, boolean fallback) {
        String value = string(node, key);
        if (value == null) {
            return fallback;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingsException("context " + key + " = \"" + value + "\" must be true or false");
        };
    }

    private static int integer(Node node, String key, int fallback) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return fallback;
        }
        try {
            double number = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
            if (number == Math.rint(number)) {
                return (int) number;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new InvalidSettingsException("context " + key + " = \"" + value + "\" must be a whole number");
    }

    /** Context objects arrive as maps whose numbers may be doubles: write 7.0 back as 7, as the user wrote it. */
    private static String toJson(Object context) {
        try {
            return JSON.writeValueAsString(withIntegralNumbers(context));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object withIntegralNumbers(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, withIntegralNumbers(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DeploymentSettings::withIntegralNumbers).toList();
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
