package dev.vigil.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import dev.vigil.internal.UserException;
import dev.vigil.results.CsvExport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

@Parameters(commandDescription = "Write one output table as a single CSV file with a header row")
final class ExportCommand extends CliCommand {
  @Parameter(
      names = "--output",
      required = true,
      description = "The output directory holding the Delta tables")
  String output;

  @Parameter(names = "--table", description = "The table to export: results, distributions or runs")
  String table = "results";

  @Parameter(names = "--format", description = "The file format (csv)")
  String format = "csv";

  @Parameter(names = "--to", required = true, description = "The CSV file to write")
  String to;

  @Override
  public int call(PrintStream out) throws Exception {
    if (!format.equals("csv")) {
      throw new UserException("--format: got '" + format + "', expected csv");
    }
    if (!List.of("results", "distributions", "runs").contains(table)) {
      throw new UserException(
          "--table: got '" + table + "', expected one of [results, distributions, runs]");
    }
    long rows = CsvExport.write(Sessions.getOrCreate(), output, table, Path.of(to));
    out.printf("wrote %d rows of %s to %s%n", rows, table, to);
    return Main.OK;
  }
}
