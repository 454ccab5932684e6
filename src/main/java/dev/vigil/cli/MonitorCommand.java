package dev.vigil.cli;

import com.beust.jcommander.Parameter;
import dev.vigil.config.MonitorConfig;
import dev.vigil.internal.Secrets;
import dev.vigil.internal.UserException;

/** The options of the commands that work on one monitor's configuration (run, fit): those of every configuration command, and where the tables go. */
abstract class MonitorCommand extends ConfigCommand {
    @Parameter(
            names = "--output",
            description =
                    "Output directory for the Delta tables (overrides output.path; with output.schema, the external tables' location)")
    String output;

    @Parameter(
            names = "--refit",
            description = "Fit on the reference again and store a new profile version, even when a stored one matches")
    boolean refit;

    MonitorConfig monitorConfig() {
        if (output != null && Secrets.hasUrlCredentials(output)) {
            throw new UserException("--output '"
                    + Secrets.redact(output)
                    + "': expected a directory or URI without credentials in it (give them as Spark/Hadoop settings)");
        }
        return load(config, overrides, runDate, output);
    }
}
