package dev.vigil.cli;

import com.beust.jcommander.Parameter;
import dev.vigil.config.OutputConfig;
import dev.vigil.internal.UserException;
import java.util.List;

/**
 * Where the commands that read the output tables (export, report, views) find them: {@code --output
 * DIR} (path tables), or {@code --config FILE}, whose {@code output} section says where they are (a
 * directory, or catalog tables: {@code output.schema}).
 */
final class TablesOption {
    @Parameter(names = "--output", description = "The output directory holding the Delta tables")
    String output;

    @Parameter(
            names = "--config",
            description = "A monitor's configuration: its output section says where the tables are (output.path, or"
                    + " output.schema for catalog tables); instead of --output")
    String config;

    /** The output the options name: exactly one of {@code --output} and {@code --config}. */
    OutputConfig output() {
        if ((output == null) == (config == null)) {
            throw new UserException(
                    "expected exactly one of --output DIR (a directory of Delta tables) and --config FILE"
                            + " (a monitor's configuration, whose output section says where the tables are)"
                            + (output == null ? "" : "; got both"));
        }
        if (output != null) {
            return OutputConfig.at(output);
        }
        return CliCommand.load(config, List.of(), null, null).output();
    }
}
