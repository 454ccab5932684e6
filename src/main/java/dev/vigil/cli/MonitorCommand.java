package dev.vigil.cli;

import com.beust.jcommander.Parameter;
import dev.vigil.config.MonitorConfig;
import java.util.ArrayList;
import java.util.List;

/** The options of the commands that work on one monitor's configuration (run, fit). */
abstract class MonitorCommand extends ConfigCommand {
    @Parameter(names = "--output", description = "Output directory for the Delta tables (overrides output.path)")
    String output;

    @Parameter(
            names = "--set",
            description = "Override a configuration key, e.g. --set chunking.size=5000 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Parameter(
            names = "--run-date",
            description =
                    "The run's date, yyyy-MM-dd (default today, UTC): fills {{run_date}}, {{year}}, {{month}}, {{day}} in the configuration; periods ending by its end are complete")
    String runDate;

    @Parameter(
            names = "--refit",
            description = "Fit on the reference again and store a new profile version, even when a stored one matches")
    boolean refit;

    MonitorConfig monitorConfig() {
        if (output != null && dev.vigil.internal.Secrets.hasUrlCredentials(output)) {
            throw new dev.vigil.internal.UserException("--output '"
                    + dev.vigil.internal.Secrets.redact(output)
                    + "': expected a directory or URI without credentials in it (give them as Spark/Hadoop settings)");
        }
        return load(config, overrides, runDate, output);
    }
}
