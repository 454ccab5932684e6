package dev.vigil.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import dev.vigil.config.OutputConfig;
import dev.vigil.internal.UserException;
import dev.vigil.results.CsvExport;
import dev.vigil.results.OutputTable;
import dev.vigil.results.OutputTables;
import java.io.PrintStream;

@Parameters(commandDescription = "Write one output table as a single CSV file with a header row")
final class ExportCommand extends CliCommand {
    /** What {@code --help} says of {@code --table}; a test checks it against {@link OutputTables}. */
    static final String TABLES =
            "The table to export: results, distributions, alerts, runs or rankings (reference_profiles"
                    + " and chunk_states hold binary blobs and are not exported)";

    @ParametersDelegate
    TablesOption tables = new TablesOption();

    @Parameter(names = "--table", description = TABLES)
    String table = "results";

    @Parameter(names = "--format", description = "The file format (csv)")
    String format = "csv";

    @Parameter(
            names = "--to",
            required = true,
            description =
                    "The CSV file to write: a path or a URI of any Hadoop FileSystem (s3a://, dbfs:/, abfss://, gs://)")
    String to;

    @Override
    public int call(PrintStream out) throws Exception {
        if (!format.equals("csv")) {
            throw new UserException("--format: got '" + format + "', expected csv");
        }
        OutputTable t = exportable(table);
        OutputConfig output = tables.output();
        long rows = CsvExport.write(Sessions.getOrCreate(), output, t, to);
        out.printf("wrote %d rows of %s to %s%n", rows, table, to);
        return Main.OK;
    }

    /** The exportable table of that name; any other name is the user's mistake. */
    static OutputTable exportable(String name) {
        var names = OutputTables.exportable().stream().map(OutputTable::name).toList();
        return OutputTables.find(name)
                .filter(OutputTable::exportable)
                .orElseThrow(() -> new UserException("--table: got '"
                        + name
                        + "'"
                        + (OutputTables.find(name).isPresent()
                                ? " (it holds binary blobs, which do not export as CSV)"
                                : "")
                        + ", expected one of "
                        + names));
    }
}
