package dev.amihousekeeping.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Query API request: its form parameters plus the region and service named in the SigV4 credential
 * scope ({@code Credential=AKID/20261101/eu-west-1/ec2/aws4_request}). Signatures are not checked.
 */
final class QueryRequest extends QueryParams {

    static final String DEFAULT_REGION = "us-east-1";
    private static final Pattern SCOPE =
            Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/,\\s]+)/([^/,\\s]+)/aws4_request");

    private final String region;
    private final String service;
    private final String accessKey;

    private QueryRequest(SortedMap<String, String> params, String region, String service, String accessKey) {
        super(params, "");
        this.region = region;
        this.service = service;
        this.accessKey = accessKey;
    }

    static QueryRequest parse(String authorization, String query, String body) {
        SortedMap<String, String> params = new TreeMap<>();
        decodeInto(query, params);
        decodeInto(body, params);
        String region = DEFAULT_REGION;
        String service = "ec2";
        String accessKey = null;
        String scope = authorization != null ? authorization : params.get("X-Amz-Credential");
        if (scope != null) {
            Matcher matcher = SCOPE.matcher(authorization != null ? scope : "Credential=" + scope);
            if (matcher.find()) {
                accessKey = matcher.group(1);
                region = matcher.group(2);
                service = matcher.group(3);
            }
        }
        return new QueryRequest(params, region, service, accessKey);
    }

    String region() {
        return region;
    }

    String service() {
        return service;
    }

    /** The access key id of the SigV4 credential, which tells the caller's account; null if unsigned. */
    String accessKey() {
        return accessKey;
    }

    String action() {
        return string("Action");
    }

    /** Every parameter name of the request, from the query string and the form body. */
    java.util.Set<String> names() {
        return parameters().keySet();
    }

    private static void decodeInto(String form, SortedMap<String, String> params) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
    }
}
