package dev.vigil.cli;

import com.beust.jcommander.Parameter;

/** A subcommand with the {@code --help} every command takes. */
abstract class CliCommand implements Main.Command {
  @Parameter(names = {"--help", "-h"}, help = true, description = "Show this help")
  boolean help;
}
