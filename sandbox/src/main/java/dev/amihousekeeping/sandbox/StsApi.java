package dev.amihousekeeping.sandbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS on the sandbox's port (Query protocol, {@code Version=2011-06-15}): {@code GetCallerIdentity} and
 * {@code AssumeRole}. A role gives credentials only when the seed lists it in that account's {@code roles} and
 * the account is active (the sandbox has no trust policies: a listed role trusts every caller); their access
 * key then acts in that account on every service of the sandbox. Sessions do not expire: the sandbox clock is
 * moved to age AMIs, which must not cut off a run's credentials. {@code Expiration} is the duration after the
 * later of the sandbox clock and the machine's.
 */
final class StsApi {

    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    /** {@code arn:aws:iam::ACCOUNT:role/NAME}, roles with a path included ({@code role/path/NAME}). */
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]{1,64})");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final char[] KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    static boolean accepts(String service) {
        return "sts".equals(service);
    }

    /** {@code caller} is the account the request's access key acts in; its key finds its session, if any. */
    ApiResponse handle(QueryRequest request, AccountState caller) {
        String requestId = UUID.randomUUID().toString();
        try {
            String action = request.action();
            XmlWriter xml;
            if ("GetCallerIdentity".equals(action)) {
                xml = getCallerIdentity(request, caller);
            } else if ("AssumeRole".equals(action)) {
                xml = assumeRole(request, caller);
            } else {
                throw new ServiceError("InvalidAction", "Could not find operation " + action + " for version "
                        + "2011-06-15", 400);
            }
            return ApiResponse.xml(200, xml.start("ResponseMetadata").leaf("RequestId", requestId).end().finish());
        } catch (ServiceError e) {
            return error(e, requestId);
        }
    }

    private static XmlWriter getCallerIdentity(QueryRequest request, AccountState caller) {
        SandboxState.Session session = caller.sandbox().session(request.accessKey());
        String account = caller.accountId();
        return XmlWriter.document("GetCallerIdentityResponse", NAMESPACE).start("GetCallerIdentityResult")
                .leaf("Arn", session != null ? session.arn() : "arn:aws:iam::" + account + ":root")
                .leaf("UserId", session != null ? roleId(session.accountId(), session.roleName()) + ":"
                        + session.sessionName() : account)
                .leaf("Account", account)
                .end();
    }

    private static XmlWriter assumeRole(QueryRequest request, AccountState caller) {
        String roleArn = required(request, "RoleArn");
        String sessionName = required(request, "RoleSessionName");
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw new ServiceError("ValidationError", "1 validation error detected: Value '" + sessionName
                    + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression "
                    + "pattern: [\\w+=,.@-]*", 400);
        }
        int seconds = duration(request.string("DurationSeconds"));
        Matcher arn = ROLE_ARN.matcher(roleArn);
        if (!arn.matches()) {
            throw new ServiceError("ValidationError", roleArn + " is invalid", 400);
        }
        String accountId = arn.group(1);
        String roleName = arn.group(2);
        SandboxState sandbox = caller.sandbox();
        SandboxState.Session session;
        synchronized (sandbox) {
            AccountState target = sandbox.account(accountId);
            if (target == null || !target.allowsRole(roleName)) {
                // STS says the same whether the account, the role or the trust is missing.
                throw new ServiceError("AccessDenied", "User: " + callerArn(request, caller) + " is not authorized "
                        + "to perform: sts:AssumeRole on resource: " + roleArn, 403);
            }
            // The SDK's credential providers cache by comparing Expiration with the machine's clock: a seed's
            // clock in the past would make them call AssumeRole before every request (measured: 5 calls, 5
            // AssumeRoles). So the later of the two clocks; the sandbox never expires a session anyway.
            Instant machineNow = Instant.now();
            Instant from = sandbox.now().isAfter(machineNow) ? sandbox.now() : machineNow;
            session = new SandboxState.Session("ASIA" + random(16), accountId, roleName, sessionName,
                    from.plus(Duration.ofSeconds(seconds)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            sandbox.addSession(session);
        }
        return XmlWriter.document("AssumeRoleResponse", NAMESPACE).start("AssumeRoleResult")
                .start("Credentials")
                .leaf("AccessKeyId", session.accessKeyId())
                .leaf("SecretAccessKey", random(40))
                .leaf("SessionToken", "FwoGZXIvYXdzE" + random(120))
                .leaf("Expiration", session.expiration())
                .end()
                .start("AssumedRoleUser")
                .leaf("AssumedRoleId", roleId(accountId, roleName) + ":" + sessionName)
                .leaf("Arn", session.arn())
                .end()
                .end();
    }

    private static String callerArn(QueryRequest request, AccountState caller) {
        SandboxState.Session session = caller.sandbox().session(request.accessKey());
        return session != null ? session.arn() : "arn:aws:iam::" + caller.accountId() + ":root";
    }

    /** A stable {@code AROA...} id per role, as IAM gives each role one unique id. */
    private static String roleId(String accountId, String roleName) {
        String hex = UUID.nameUUIDFromBytes((accountId + "/" + roleName).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString().replace("-", "").toUpperCase(java.util.Locale.ROOT);
        return "AROA" + hex.substring(0, 17);
    }

    private static int duration(String value) {
        if (value == null) {
            return 3600;
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 900 && seconds <= 43200) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new ServiceError("ValidationError", "1 validation error detected: Value '" + value + "' at "
                + "'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200", 400);
    }

    private static String required(QueryRequest request, String name) {
        String value = request.string(name);
        if (value == null || value.isEmpty()) {
            throw new ServiceError("MissingParameter", "The request must contain the parameter " + name, 400);
        }
        return value;
    }

    private static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = KEY_CHARS[RANDOM.nextInt(KEY_CHARS.length)];
        }
        return new String(out);
    }

    /** STS's error document; {@code Sender} faults are the caller's. */
    static ApiResponse error(ServiceError e, String requestId) {
        String body = XmlWriter.document("ErrorResponse", NAMESPACE)
                .start("Error").leaf("Type", e.status >= 500 ? "Receiver" : "Sender").leaf("Code", e.code)
                .leaf("Message", e.getMessage()).end()
                .leaf("RequestId", requestId)
                .finish();
        return ApiResponse.xml(e.status, body);
    }
}
