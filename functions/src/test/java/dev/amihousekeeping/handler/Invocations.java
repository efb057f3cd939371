package dev.amihousekeeping.handler;

import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.testing.TestResources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Runs a Lambda handler in a test as Lambda would: the raw event in, what the handler writes back out. */
final class Invocations {

    /** The schedule's EventBridge event, as the rule delivers it: every function runs its scheduled pass on it. */
    static final String SCHEDULE = TestResources.sampleEvent("scheduled-event.json");

    private Invocations() {
    }

    /** What {@code handler} writes for {@code event}, the raw JSON Lambda hands it. */
    static String output(FunctionHandler handler, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The Report {@code handler} writes for {@code event}. */
    static Report report(FunctionHandler handler, String event) throws IOException {
        return ReportJson.read(output(handler, event));
    }
}
