package dev.amihousekeeping.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code MaxResults}/{@code NextToken} of one Describe call. Tokens are opaque to clients: the key of the last
 * item returned, so a page continues correctly even when items were deleted in between.
 */
record PageRequest(String kind, Integer limit, String after) {

    /**
     * @param min smallest MaxResults the action accepts; larger than {@code max} is capped, as EC2 does
     *            ("if this value is larger than 1,000, only 1,000 results are returned")
     */
    static PageRequest of(QueryParams params, String kind, int min, int max) {
        Integer maxResults = params.integer("MaxResults");
        if (maxResults != null && maxResults < min) {
            throw Ec2Error.invalidValue("Value ( " + maxResults + " ) for parameter maxResults is invalid. "
                    + "Expecting a value greater than " + min + ".");
        }
        Integer limit = maxResults == null ? null : Math.min(maxResults, max);
        return new PageRequest(kind, limit, decode(params.string("NextToken"), kind));
    }

    boolean paged() {
        return limit != null;
    }

    /** EC2 refuses ids together with {@code MaxResults}; {@code idsParameter} is its name for the ids. */
    void refuseWithIds(java.util.List<String> ids, String idsParameter) {
        if (!ids.isEmpty() && paged()) {
            throw Ec2Error.combination("The parameter " + idsParameter + " cannot be used with the parameter maxResults");
        }
    }

    static String token(String kind, String lastKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token, String kind) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(kind + ":")) {
                return decoded.substring(kind.length() + 1);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the EC2 error below
        }
        throw Ec2Error.invalidValue("The token '" + token + "' is invalid");
    }
}
