package dev.amihousekeeping.cli;

import dev.amihousekeeping.config.AccountsConfig;
import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.core.Report;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.ec2.Ec2Exception;
import dev.amihousekeeping.json.ReportJson;
import dev.amihousekeeping.run.AccountTargets;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.Notifier;
import dev.amihousekeeping.run.RunLog;
import dev.amihousekeeping.run.RunRequest;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * The shape every function command shares: read the policy, build the clients once, run the function over the
 * regions, print the report (a table, or the Report JSON with {@code --json}), and turn it into the exit code.
 * Dry-run unless {@code --apply}: the policy's {@code dryRun} is the deployed functions' switch, not the CLI's.
 */
abstract class FunctionCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Mixin
    AccountOptions accountOptions;

    /** Runs the function; the command's own options are fields of the subclass. */
    protected abstract Report run(Housekeeping housekeeping, RunRequest request);

    @Override
    public Integer call() {
        Config config = options.loadConfig();
        AccountsConfig accounts = accountOptions.accounts(config);
        RunRequest request = new RunRequest(config.withAccounts(accounts), options.regions(config), !options.apply,
                options.clock(), null).withDeadline(options.deadline(Instant.now()));
        try (Ec2Clients clients = new Ec2Clients(clientSettings(options.endpoint))) {
            Housekeeping housekeeping = housekeeping(clients, options.json, System.out);
            if (accounts != null) {
                accountOptions.checkInOrganization(accounts, housekeeping, request.regions().get(0));
                try {
                    request = AccountTargets.over(request, accounts, housekeeping);
                } catch (Ec2Exception | AccountTargets.NoAccountToCover e) {
                    System.err.println("error: cannot tell the accounts to run over: " + e.getMessage());
                    return Main.EXIT_FAILURES;
                }
            }
            Report report = run(housekeeping, request);
            if (options.json) {
                System.out.println(ReportJson.write(report));
            } else {
                printTable(report, System.out);
            }
            return report.hasFailures() ? Main.EXIT_FAILURES : Main.EXIT_OK;
        }
    }

    /**
     * The run layer for one CLI invocation. Log lines go to stderr so that stdout stays the report (a table, or
     * one JSON document); notifications are printed with the table and dropped with {@code --json}.
     */
    static Housekeeping housekeeping(Ec2Clients clients, boolean json, PrintStream out) {
        Clock clock = Clock.systemUTC();
        return Housekeeping.create(clients, clock, RunLog.jsonLines(System.err, clock),
                json ? Notifier.none() : printingNotifier(out));
    }

    /** The report as the Report JSON ({@code --json}) or a table. */
    static void print(Report report, boolean json, PrintStream out) {
        if (json) {
            out.println(ReportJson.write(report));
        } else {
            new ReportTable(report).print(out);
        }
    }

    /** The human output; a function whose table needs more than the report (names, ages) overrides it. */
    protected void printTable(Report report, PrintStream out) {
        new ReportTable(report).print(out);
    }

    /** Notifications as the CLI shows them: {@code NOTIFY: subject}, then the body indented. */
    static Notifier printingNotifier(PrintStream out) {
        return (subject, body) -> {
            out.println("NOTIFY: " + subject);
            body.lines().forEach(line -> out.println("  " + line));
        };
    }

    /**
     * The default credentials chain, except against a loopback endpoint (the sandbox, moto) with no credentials
     * in the environment: those endpoints do not check signatures, and a new user should not need AWS keys.
     */
    static ClientSettings clientSettings(URI endpoint) {
        ClientSettings settings = ClientSettings.defaults();
        if (endpoint == null) {
            return settings;
        }
        settings = settings.withEndpoint(endpoint);
        boolean haveKeys = System.getenv("AWS_ACCESS_KEY_ID") != null || System.getenv("AWS_PROFILE") != null;
        return !haveKeys && isLoopback(endpoint) ? settings.withStaticCredentials("sandbox", "sandbox") : settings;
    }

    private static boolean isLoopback(URI endpoint) {
        try {
            return endpoint.getHost() != null && InetAddress.getByName(endpoint.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
