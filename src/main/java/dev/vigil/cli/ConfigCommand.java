package dev.vigil.cli;

import com.beust.jcommander.Parameter;
import java.util.ArrayList;
import java.util.List;

/** A command that reads a monitor's configuration (run, fit, validate). */
abstract class ConfigCommand extends CliCommand {
    @Parameter(
            names = "--config",
            required = true,
            description =
                    "The monitor's YAML configuration file: a path or a URI of any Hadoop FileSystem (s3a://, dbfs:/, abfss://, gs://)")
    String config;

    @Parameter(
            names = "--set",
            splitter = WholeValue.class,
            description =
                    "Override a configuration key, e.g. --set chunking.size=5000 or --set columns.features=[a,b] (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Parameter(
            names = "--run-date",
            description =
                    "The run's date, yyyy-MM-dd (default today, UTC): fills {{run_date}}, {{year}}, {{month}}, {{day}} in the configuration; periods ending by its end are complete (run, fit)")
    String runDate;

    @Override
    boolean readsConfiguration() {
        return true;
    }
}
