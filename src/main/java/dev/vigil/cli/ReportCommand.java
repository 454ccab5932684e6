package dev.vigil.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import dev.vigil.config.OutputConfig;
import dev.vigil.report.Report;
import dev.vigil.results.OutputTables;
import java.io.PrintStream;

@Parameters(
        commandDescription =
                "Write a self-contained interactive HTML report of the output tables (a directory, or catalog tables "
                        + "with --config) and the rankings table next to them")
final class ReportCommand extends CliCommand {
    @ParametersDelegate
    TablesOption tables = new TablesOption();

    @Parameter(
            names = "--to",
            required = true,
            description =
                    "The HTML file to write: a path or a URI of any Hadoop FileSystem (s3a://, dbfs:/, abfss://, gs://)")
    String to;

    @Parameter(names = "--monitor", description = "Only this monitor (default: every monitor in the results)")
    String monitor;

    @Override
    public int call(PrintStream out) throws Exception {
        OutputConfig output = tables.output();
        Report.Summary s = Report.write(Sessions.getOrCreate(), output, to, monitor);
        out.printf(
                "wrote the report of %s (%d charts, %,d bytes) to %s%n",
                String.join(", ", s.monitors()), s.charts(), s.bytes(), s.file());
        out.printf("rankings: %d rows in %s%n", s.rankingRows(), output.describe(OutputTables.RANKINGS.name()));
        return Main.OK;
    }
}
