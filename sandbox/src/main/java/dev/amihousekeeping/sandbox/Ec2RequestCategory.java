package dev.amihousekeeping.sandbox;

import java.util.Set;

/**
 * EC2's request-rate throttling categories and their token buckets, from the EC2 developer guide,
 * "Request throttling for the Amazon EC2 API", section "Request token bucket sizes and refill rates"
 * (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html): mutating actions 200 tokens,
 * refilled at 5 a second; non-mutating actions (Describe*, Get*, List*, Search*) 100, refilled at 20; unfiltered
 * and unpaginated non-mutating actions 50, refilled at 10. The page says each API is throttled on its own
 * ("each API is evaluated individually"): every action has its own bucket of its category's size.
 */
enum Ec2RequestCategory {
    MUTATING(200, 5),
    NON_MUTATING(100, 20),
    UNFILTERED_UNPAGINATED(50, 10);

    /** Parameters that neither filter nor page a Describe call. */
    private static final Set<String> NEUTRAL = Set.of("Action", "Version", "DryRun", "IncludeDeprecated",
            "IncludeDisabled", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders",
            "X-Amz-Signature");

    final int capacity;
    final int refillPerSecond;

    Ec2RequestCategory(int capacity, int refillPerSecond) {
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
    }

    /**
     * The category of an EC2 request. A Describe call is unfiltered and unpaginated when it names nothing beyond
     * the action, the version and switches such as IncludeDeprecated: no Filter, no ids or owners, no MaxResults.
     */
    static Ec2RequestCategory of(QueryRequest request) {
        String action = request.action();
        if (!(action.startsWith("Describe") || action.startsWith("Get") || action.startsWith("List")
                || action.startsWith("Search"))) {
            return MUTATING;
        }
        boolean narrowed = request.names().stream().anyMatch(name -> !NEUTRAL.contains(name));
        return action.startsWith("Describe") && !narrowed ? UNFILTERED_UNPAGINATED : NON_MUTATING;
    }
}
