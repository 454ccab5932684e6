package dev.vigil.cli;

import com.beust.jcommander.Parameter;

/** A command that reads a monitor's configuration (run, fit, validate). */
abstract class ConfigCommand extends CliCommand {
    @Parameter(names = "--config", required = true, description = "The monitor's YAML configuration file")
    String config;

    @Override
    boolean readsConfiguration() {
        return true;
    }
}
