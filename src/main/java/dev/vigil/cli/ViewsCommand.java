package dev.vigil.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import dev.vigil.config.OutputConfig;
import dev.vigil.internal.Errors;
import dev.vigil.internal.UserException;
import dev.vigil.results.BiViews;
import dev.vigil.results.DeltaTables;
import dev.vigil.results.OutputTables;
import java.io.PrintStream;
import java.util.List;

@Parameters(
        commandDescription = "Create or replace the BI views of sql/views.sql in the schema of catalog tables"
                + " (output.schema), over its tables; a run creates the missing ones itself")
final class ViewsCommand extends CliCommand {
    @ParametersDelegate
    TablesOption tables = new TablesOption();

    @Override
    public int call(PrintStream out) {
        OutputConfig output = tables.output();
        if (!output.inCatalog()) {
            throw new UserException("vigil views: the tables of " + output.describe() + " are not catalog tables;"
                    + " expected a configuration with output.schema (--config), or run sql/views.sql with"
                    + " SET output = " + output.describe());
        }
        DeltaTables t = new DeltaTables(Sessions.getOrCreate(), output);
        if (!t.exists(OutputTables.RESULTS)) {
            throw Errors.unreadable(
                    "table",
                    t.address(OutputTables.RESULTS),
                    "no such table; expected the schema of a 'vigil run' (the views read its results)");
        }
        List<String> views = BiViews.createOrReplace(t);
        out.printf("created or replaced %d views: %s%n", views.size(), String.join(", ", views));
        return Main.OK;
    }
}
