package dev.amihousekeeping.handler;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One invocation of a handler in a fresh JVM, the way the Lambda Java runtime makes it: load the handler class
 * by name, call its public no-arg constructor (the init phase), then {@code handleRequest} with the raw event.
 * The {@code bench} command starts it as {@code java -cp ami-housekeeping-functions.jar
 * dev.amihousekeeping.handler.LocalInvocation [--prime] <handler class> <event file>}, with the Lambda-style
 * environment ({@code AWS_REGION}, {@code HOUSEKEEPING_CONFIG}, credentials, {@code AWS_ENDPOINT_URL} for the
 * sandbox), and times the marker lines: {@value #INIT_MARKER} when the constructor returned,
 * {@value #PRIMED_MARKER} when the SnapStart priming hook returned ({@code --prime}: what a snapshot holds),
 * {@value #REPORT_MARKER} followed by the report when the first event was handled. The context is null, as the
 * handlers allow.
 */
public final class LocalInvocation {

    public static final String INIT_MARKER = "LOCAL-INVOCATION-INIT";
    public static final String PRIMED_MARKER = "LOCAL-INVOCATION-PRIMED";
    public static final String REPORT_MARKER = "LOCAL-INVOCATION-REPORT ";

    private LocalInvocation() {
    }

    public static void main(String[] args) throws IOException, ReflectiveOperationException {
        boolean prime = args.length == 3 && args[0].equals("--prime");
        if (args.length != (prime ? 3 : 2)) {
            System.err.println("usage: LocalInvocation [--prime] <handler class> <event file>");
            System.exit(2);
        }
        String handlerClass = args[prime ? 1 : 0];
        byte[] event = Files.readAllBytes(Path.of(args[prime ? 2 : 1]));
        // The markers go to stdout, where the handler's own log lines and metrics go too, in order.
        PrintStream out = System.out;
        RequestStreamHandler handler;
        try {
            handler = (RequestStreamHandler) Class.forName(handlerClass).getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("init failed: " + e.getCause(), e.getCause());
        }
        out.println(INIT_MARKER);
        out.flush();
        if (prime && handler instanceof FunctionHandler function) {
            function.priming().beforeCheckpoint(null);
            out.println(PRIMED_MARKER);
            out.flush();
        }
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), report, null);
        out.println(REPORT_MARKER + report.toString(StandardCharsets.UTF_8));
        out.flush();
    }
}
