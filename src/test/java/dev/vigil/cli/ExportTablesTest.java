package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.internal.UserException;
import dev.vigil.results.OutputTable;
import dev.vigil.results.OutputTables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code vigil export --table}: the names the registry declares exportable, and --help says so. */
class ExportTablesTest {
    @Test
    void helpNamesTheExportableTablesAndTheOthers() {
        List<String> yes =
                OutputTables.exportable().stream().map(OutputTable::name).toList();
        List<String> no = OutputTables.ALL.stream()
                .filter(t -> !t.exportable())
                .map(OutputTable::name)
                .toList();
        String expected = "The table to export: "
                + String.join(", ", yes.subList(0, yes.size() - 1))
                + " or "
                + yes.get(yes.size() - 1)
                + " ("
                + String.join(" and ", no)
                + " hold binary blobs and are not exported)";
        assertThat(ExportCommand.TABLES).isEqualTo(expected);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.parseOnly(
                new String[] {"export", "--help"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " "))
                .contains("reference_profiles and chunk_states hold binary blobs");
    }

    @Test
    void everyExportableTableIsAcceptedAndOthersAreNamedInTheError() {
        for (OutputTable t : OutputTables.exportable()) {
            assertThat(ExportCommand.exportable(t.name())).isSameAs(t);
        }
        assertThatThrownBy(() -> ExportCommand.exportable("chunk_states"))
                .isInstanceOf(UserException.class)
                .hasMessage("--table: got 'chunk_states' (it holds binary blobs, which do not export as CSV),"
                        + " expected one of [results, distributions, alerts, runs, rankings]");
        assertThatThrownBy(() -> ExportCommand.exportable("resultz"))
                .hasMessage("--table: got 'resultz', expected one of [results, distributions, alerts, runs,"
                        + " rankings]");
    }
}
