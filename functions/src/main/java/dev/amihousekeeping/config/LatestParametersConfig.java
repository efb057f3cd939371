package dev.amihousekeeping.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code latestParameters} section of the policy file (DESIGN §4, §5 "latest parameters"): an SSM parameter per
 * lineage and region naming the newest available AMI of that lineage, written by {@code cross-region-copy}. Off
 * unless a person turns it on.
 *
 * <p>The parameter's name is {@code prefix} + the lineage ({@code expiry.lineageTagKey}'s value, else the AMI name
 * without its version or date suffix). SSM allows only {@code a-zA-Z0-9_.-} in a name part: every other character
 * of the lineage, {@code /} included (a lineage is one level under the prefix), becomes {@code -}; a lineage left
 * with no letter or digit gets no parameter (reported as kept). The prefix starts and ends with {@code /}, holds
 * only those characters and {@code /}, does not begin with {@code /aws} or {@code /ssm} (any case: SSM reserves
 * them), and has at most {@value #MAX_PREFIX_LEVELS} levels, so that with the lineage a name has at most SSM's 15.
 *
 * @param selector which AMIs count: every tag must match and the name must match the glob; empty selects all
 */
public record LatestParametersConfig(Boolean enabled, String prefix, Selector selector) {

    /** SSM allows 15 levels in a parameter name; the lineage is the last one. */
    public static final int MAX_PREFIX_LEVELS = 14;
    /** The longest parameter name SSM accepts (the name part of its ARN). */
    public static final int MAX_NAME_CHARS = 1011;
    /** What SSM allows in one level of a parameter name (SSM user guide, "Parameter name requirements"). */
    static final Pattern LEVEL_CHARS = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final Pattern NOT_LEVEL_CHAR = Pattern.compile("[^a-zA-Z0-9_.-]");
    private static final Pattern LETTER_OR_DIGIT = Pattern.compile("[a-zA-Z0-9]");
    /** Name prefixes SSM reserves, compared without case after the leading slash. */
    static final List<String> RESERVED = List.of("aws", "ssm");

    public LatestParametersConfig {
        enabled = enabled != null && enabled;
        prefix = prefix == null ? "/ami-housekeeping/latest/" : prefix;
        selector = selector == null ? Selector.all() : selector;
    }

    /**
     * The parameter of {@code lineage}: the prefix, then the lineage with every character SSM refuses in a name
     * level ({@code /} too) replaced by {@code -}. Empty when that leaves no letter or digit (a lineage of only
     * punctuation would name nothing a person recognises, and two such lineages would share one parameter), or
     * when the name would be longer than SSM allows.
     */
    public Optional<String> parameterName(String lineage) {
        String level = NOT_LEVEL_CHAR.matcher(lineage).replaceAll("-");
        if (!LETTER_OR_DIGIT.matcher(level).find() || prefix.length() + level.length() > MAX_NAME_CHARS) {
            return Optional.empty();
        }
        return Optional.of(prefix + level);
    }

    /** Whether {@code name} starts with a prefix SSM reserves ({@code aws}, {@code ssm}, any case, after a slash). */
    static boolean reserved(String name) {
        String bare = (name.startsWith("/") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
        return RESERVED.stream().anyMatch(bare::startsWith);
    }

    public static LatestParametersConfig defaults() {
        return new LatestParametersConfig(null, null, null);
    }
}
