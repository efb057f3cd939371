package dev.amihousekeeping.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The opaque NextToken of both APIs: {@code scope} (the kind of listing) and the key of the last item returned,
 * so a page continues correctly even when items were deleted in between, and a token of another listing is refused.
 */
final class PageToken {

    private PageToken() {
    }

    static String encode(String scope, String lastKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((scope + ":" + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The key after which the page continues; null on the first page; {@code invalid} for a token not ours. */
    static String decode(String scope, String token, Supplier<? extends RuntimeException> invalid) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(scope + ":")) {
                return decoded.substring(scope.length() + 1);
            }
        } catch (IllegalArgumentException e) {
            // not Base64: as invalid as a token of another listing
        }
        throw invalid.get();
    }
}
