package dev.vigil.cli;

import com.beust.jcommander.Parameter;

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
    static dev.vigil.config.MonitorConfig load(
            String file, java.util.List<String> overrides, String runDate, String output) {
        java.time.LocalDate date = null;
        if (runDate != null) {
            try {
                date = java.time.LocalDate.parse(runDate);
            } catch (java.time.format.DateTimeParseException e) {
                throw new dev.vigil.internal.UserException(
                        "--run-date '" + runDate + "': expected a date as yyyy-MM-dd, e.g. 2024-03-31");
            }
        }
        dev.vigil.config.MonitorConfig cfg = dev.vigil.config.ConfigLoader.withSystemEnv()
                .withRunDate(date)
                .load(java.nio.file.Path.of(file), overrides);
        return output == null ? cfg : cfg.withOutputPath(output);
    }
}
