package dev.amihousekeeping.core.port;

import dev.amihousekeeping.core.Action;

/**
 * Makes one planned change for real. The executor ({@code run.Executor}) calls it only outside dry-run, within the cap and after
 * the re-check passed. A thrown exception is the action's failure and does not stop the other actions.
 */
@FunctionalInterface
public interface ActionApplier {

    Applied apply(Action action) throws Exception;
}
