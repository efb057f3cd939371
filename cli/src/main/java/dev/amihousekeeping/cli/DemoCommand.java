package dev.amihousekeeping.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import dev.amihousekeeping.core.RestoreSelection;
import dev.amihousekeeping.ec2.ClientSettings;
import dev.amihousekeeping.ec2.Ec2Clients;
import dev.amihousekeeping.ec2.RecycleBinGateway;
import dev.amihousekeeping.run.ExpiryRun;
import dev.amihousekeeping.run.FunctionRun;
import dev.amihousekeeping.run.Housekeeping;
import dev.amihousekeeping.run.HousekeepingFunction;
import dev.amihousekeeping.run.Notifier;
import dev.amihousekeeping.run.RestoreRun;
import dev.amihousekeeping.run.RunLog;
import dev.amihousekeeping.run.RunRequest;
import dev.amihousekeeping.sandbox.Sandbox;
import dev.amihousekeeping.sandbox.Seed;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: a sandbox on a free port with a built-in seed (lineages of AMIs in two regions, snapshots, an
 * instance, a launch template, a public AMI, orphans, Recycle Bin rules), read through the real SDK and printed;
 * then each function dry-run, applied, and what changed. After expiry: {@code restore} of that run brings what it
 * deregistered back from the Recycle Bin, and expiry with {@code noticeDays} marks it instead and prints the digest.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a sandbox with a built-in seed and show what the housekeeping functions see.",
                "Needs no AWS account: everything runs against the local EC2 sandbox."})
final class DemoCommand implements Runnable {

    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
    private static final int NOTICE_DAYS = 14;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--keep-running", description = "Leave the sandbox running afterwards, to explore it with the aws CLI.")
    boolean keepRunning;

    @Override
    public void run() {
        Seed seed = Seed.parse(resource("demo-seed.json"));
        PrintStream out = System.out;
        try (Sandbox sandbox = Sandbox.start(0, seed);
             Ec2Clients clients = new Ec2Clients(ClientSettings.defaults()
                     .withEndpoint(sandbox.endpoint())
                     .withStaticCredentials("demo", "demo"))) {
            out.println("Sandbox listening on " + sandbox.endpoint() + " (account " + seed.accountId()
                    + ", clock " + seed.now() + ")");
            Clock seedClock = Clock.fixed(seed.now(), ZoneOffset.UTC);
            Housekeeping housekeeping = Housekeeping.create(clients, seedClock, RunLog.silent(), Notifier.none());
            for (String region : REGIONS) {
                out.println();
                new InventoryTable(housekeeping.gateway().readInventory(region)).print(out);
            }
            Config policy = ConfigLoader.parse(resource("demo-policy.json"));
            RunRequest expiryApply = new RunRequest(policy, REGIONS, false, seed.now(), null);
            Seed state = expire(housekeeping, policy, expiryApply, sandbox, out);
            state = restore(housekeeping, clients, policy, expiryApply.runId(), seed.now(), sandbox, state, out);
            state = notice(clients, seedClock, policy, sandbox, state, out);
            // Expiry first, with its own table; then the others in the registry's order.
            for (HousekeepingFunction function : HousekeepingFunction.values()) {
                if (function != HousekeepingFunction.EXPIRY) {
                    state = step(function.command(), function.create(housekeeping), policy, seed.now(), sandbox,
                            state, out);
                }
            }
            if (keepRunning) {
                out.println();
                out.println("Try: aws ec2 describe-images --owners self --endpoint-url " + sandbox.endpoint()
                        + " --region us-east-1   (Ctrl-C to stop)");
                Thread.currentThread().join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code expire} dry-run (every AMI with its action or the reason it is kept), then {@code --apply}, then what
     * changed in the sandbox. The demo's clock is the seed's now. Returns the sandbox's state after the apply.
     */
    private static Seed expire(Housekeeping housekeeping, Config policy, RunRequest apply, Sandbox sandbox,
                               PrintStream out) {
        Instant now = apply.now();
        Seed before = sandbox.state();
        ExpiryRun expiry = new ExpiryRun(housekeeping);
        out.println();
        out.println("$ ami-housekeeping expire");
        new ExpiryTable(expiry.execute(new RunRequest(policy, REGIONS, true, now, null))).print(out);
        out.println();
        out.println("$ ami-housekeeping expire --apply");
        new ExpiryTable(expiry.execute(apply)).printActions(out);
        return changes(sandbox, before, out);
    }

    /** {@code restore --run ID --apply} of the expiry run: what it deregistered and deleted, back from the bin. */
    private static Seed restore(Housekeeping housekeeping, Ec2Clients clients, Config policy, String runId,
                                Instant now, Sandbox sandbox, Seed before, PrintStream out) {
        out.println();
        out.println("$ ami-housekeeping restore --run " + runId + " --apply");
        RestoreRun restore = new RestoreRun(new RecycleBinGateway(clients, housekeeping.gateway()));
        new ReportTable(restore.run(new RestoreSelection(runId, null, null), REGIONS,
                RestoreCommand.stageTagKeys(policy), false, now)).printActions(out);
        return changes(sandbox, before, out);
    }

    /**
     * {@code expire --apply} again with {@code expiry.noticeDays}: what the restore brought back is expired still,
     * so it is marked (the date it may go) instead of deregistered, and the digest is printed as the CLI prints it.
     */
    private static Seed notice(Ec2Clients clients, Clock clock, Config policy, Sandbox sandbox, Seed before,
                               PrintStream out) {
        Config withNotice = withNoticeDays(NOTICE_DAYS);
        Housekeeping printing = Housekeeping.create(clients, clock, RunLog.silent(),
                FunctionCommand.printingNotifier(out));
        out.println();
        out.println("$ ami-housekeeping expire --apply   # with \"expiry\": {\"noticeDays\": " + NOTICE_DAYS + "}");
        new ExpiryTable(new ExpiryRun(printing).execute(new RunRequest(withNotice, REGIONS, false, clock.instant(),
                null))).printActions(out);
        return changes(sandbox, before, out);
    }

    /** The demo policy with {@code expiry.noticeDays} set. */
    private static Config withNoticeDays(int days) {
        try {
            ObjectNode policy = (ObjectNode) JSON.readTree(resource("demo-policy.json"));
            policy.withObject("/expiry").put("noticeDays", days);
            return ConfigLoader.parse(JSON.writeValueAsString(policy));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One function as the CLI runs it: dry-run, then {@code --apply}, then what changed in the sandbox. */
    private static Seed step(String command, FunctionRun function, Config policy, Instant now, Sandbox sandbox,
                             Seed before, PrintStream out) {
        out.println();
        out.println("$ ami-housekeeping " + command);
        new ReportTable(function.run(new RunRequest(policy, REGIONS, true, now, null))).print(out);
        out.println();
        out.println("$ ami-housekeeping " + command + " --apply");
        new ReportTable(function.run(new RunRequest(policy, REGIONS, false, now, null))).printActions(out);
        return changes(sandbox, before, out);
    }

    /** Every change the apply made, from the sandbox's own state: also what no inventory read shows (grants). */
    private static Seed changes(Sandbox sandbox, Seed before, PrintStream out) {
        Seed after = sandbox.state();
        out.println("What changed:");
        new SandboxChanges(REGIONS, before, after).print(out);
        return after;
    }

    static String resource(String name) {
        try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing built-in resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
