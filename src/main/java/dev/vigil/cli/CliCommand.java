package dev.vigil.cli;

import com.beust.jcommander.Parameter;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.MonitorConfig;
import dev.vigil.internal.UserException;
import dev.vigil.io.FileLocations;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** A subcommand with the {@code --help} every command takes. */
abstract class CliCommand implements Main.Command {
    @Parameter(
            names = {"--help", "-h"},
            help = true,
            description = "Show this help")
    boolean help;

    /** Whether it reads a monitor's configuration: its --help ends with the calculators' names. */
    boolean readsConfiguration() {
        return false;
    }

    /**
     * The configuration file with its overrides, {@code {{run_date}}} templating and output path
     * applied.
     */
    static MonitorConfig load(String file, List<String> overrides, String runDate, String output) {
        LocalDate date = null;
        if (runDate != null) {
            try {
                date = LocalDate.parse(runDate);
            } catch (DateTimeParseException e) {
                throw new UserException("--run-date '" + runDate + "': expected a date as yyyy-MM-dd, e.g. 2024-03-31");
            }
        }
        ConfigLoader loader = ConfigLoader.withSystemEnv().withRunDate(date).withOutputPath(output);
        if (!FileLocations.isUri(file)) {
            return loader.load(Path.of(file), overrides);
        }
        // s3a://, dbfs:/, abfss://, gs://...: through the cluster's Hadoop FileSystem for the scheme
        String text = FileLocations.readText(
                Sessions.getOrCreate().sparkContext().hadoopConfiguration(), file, "configuration file");
        return loader.parse(text, file, overrides);
    }
}
