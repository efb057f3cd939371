package dev.amihousekeeping.handler;

import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.testing.SandboxHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One invocation of the real expiry handler as Lambda makes it (raw JSON in, JSON out), wired as its execution
 * environment is ({@link Dependencies#from}: the policy in {@code HOUSEKEEPING_CONFIG}, home region us-east-1) to a
 * sandbox: what the organization deployment's state machine sends it, in tests here and in infra.
 */
public final class HandlerInvocation {

    private HandlerInvocation() {
    }

    /** What {@code ExpiryHandler} returns for {@code input} under {@code policy}. */
    public static String expiry(SandboxHarness sandbox, String policy, String input) {
        Dependencies dependencies = Dependencies.from(
                Map.of(ConfigLoader.ENVIRONMENT_VARIABLE, policy, "AWS_REGION", "us-east-1"), sandbox.settings());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new ExpiryHandler(dependencies).handleRequest(
                    new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
