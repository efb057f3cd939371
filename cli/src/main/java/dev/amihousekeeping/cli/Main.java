package dev.amihousekeeping.cli;

import dev.amihousekeeping.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ami-housekeeping}: the same functions as the Lambda handlers, run from a laptop. Dry-run unless
 * {@code --apply}. Exit codes (DESIGN §7): 0 done, 2 bad usage, config or input, 3 some actions failed or the plan
 * was over {@code maxActionsPerRun}.
 */
@Command(name = "ami-housekeeping",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Keeps an AWS account's AMIs and EBS snapshots clean and safe. Dry-run unless --apply.",
        subcommands = {
                SandboxCommand.class,
                ConfigCommand.class,
                CopyCommand.class,
                DemoCommand.class,
                ExpireCommand.class,
                OrphansCommand.class,
                PublicShareCommand.class,
                HandleCommand.class,
                BenchCommand.class,
                RestoreCommand.class,
                CommandLine.HelpCommand.class
        },
        footer = {"", "Exit codes: 0 done; 2 bad usage, config or input; 3 some actions failed or the plan was over "
                + "maxActionsPerRun (nothing applied)."})
public final class Main implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_FAILURES = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(LambdaJvm.run(args).orElseGet(() -> execute(args)));
    }

    /** Runs one command line and returns its exit code; what tests call. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setExecutionExceptionHandler(Main::handleException);
        cmd.setParameterExceptionHandler(Main::handleUsageError);
        return cmd;
    }

    /**
     * A usage mistake (unknown option or command, missing value, a value of the wrong type) is one line naming it
     * and where help is, exit 2: the full usage text would bury the one line that matters, in a terminal and in
     * a CI log alike.
     */
    private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String message = e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
        }
        cmd.getErr().println("error: " + message + "; see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
        return EXIT_BAD_INPUT;
    }

    /** Bad input is exit 2 with one line; anything unexpected is a crash worth a stack trace. */
    private static int handleException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (e instanceof ConfigException || e instanceof BadInputException) {
            cmd.getErr().println("error: " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
        cmd.getErr().println("error: " + e);
        e.printStackTrace(cmd.getErr());
        return EXIT_FAILURES;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ami-housekeeping " + (v == null ? "dev" : v)};
        }
    }
}
