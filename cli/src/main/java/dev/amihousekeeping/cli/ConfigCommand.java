package dev.amihousekeeping.cli;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.config.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code config validate FILE} and {@code config show [FILE]}. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Check a policy file, or print the effective policy with every default filled in.",
        subcommands = {ConfigCommand.Validate.class, ConfigCommand.Show.class})
final class ConfigCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Exit 0 if FILE is a valid policy; else exit 2 with one line naming the key and what is wrong.")
    static final class Validate implements Runnable {
        @Parameters(paramLabel = "FILE", description = "The policy file (JSON).")
        Path file;

        @Override
        public void run() {
            ConfigLoader.read(file);
            System.out.println(file + ": valid");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the effective policy (FILE with defaults, or the defaults alone).")
    static final class Show implements Runnable {
        @Parameters(paramLabel = "FILE", arity = "0..1", description = "The policy file (JSON). Default: none.")
        Path file;

        @Override
        public void run() {
            Config config = file == null ? Config.defaults() : ConfigLoader.read(file);
            System.out.println(ConfigLoader.toJson(config));
        }
    }
}
