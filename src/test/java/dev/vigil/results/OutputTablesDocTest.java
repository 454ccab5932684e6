package dev.vigil.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The list of output tables is the one {@link OutputTablesDoc} generates from the registry; {@code
 * -Dvigil.docs.regenerate=true} rewrites it.
 */
class OutputTablesDocTest {
    static final Path DOC = Path.of("docs", "output-tables.md");

    @Test
    void docListsTheRegisteredTables() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(OutputTablesDoc.BEGIN);
        int end = doc.indexOf(OutputTablesDoc.END);
        assertThat(begin).as("the output tables begin marker").isNotNegative();
        assertThat(end).as("the output tables end marker").isGreaterThan(begin);
        String current = doc.substring(begin, end + OutputTablesDoc.END.length());
        String generated = OutputTablesDoc.markdown();
        if (Boolean.getBoolean("vigil.docs.regenerate") && !current.equals(generated)) {
            Files.writeString(DOC, doc.replace(current, generated), StandardCharsets.UTF_8);
            current = generated;
        }
        assertThat(current)
                .as("docs/output-tables.md (rerun with -Dvigil.docs.regenerate=true to regenerate)")
                .isEqualTo(generated);
    }

    @Test
    void everyDeclarationIsConsistent() {
        for (OutputTable t : OutputTables.ALL) {
            assertThat(OutputTables.find(t.name())).contains(t);
            assertThat(t.key()).as(t.name()).isNotEmpty();
            assertThat(t.exportable() ? t.exportOrder() : t.key()).as(t.name()).isNotEmpty();
            assertThat(Columns.of(Columns.ddl(t.schema(), t.columns()))).isEqualTo(t.schema());
        }
        assertThat(OutputTables.ALL.stream().map(OutputTable::name))
                .doesNotHaveDuplicates()
                .containsExactly(
                        "results", "distributions", "alerts", "runs", "reference_profiles", "chunk_states", "rankings");
        assertThat(OutputTables.exportable().stream().map(OutputTable::name))
                .containsExactly("results", "distributions", "alerts", "runs", "rankings");
    }

    @Test
    void columnDefinitionsAreCheckedWords() {
        assertThat(Columns.of("a STRING NOT NULL, b double,  c TIMESTAMP").fields())
                .extracting(f -> f.name() + " " + f.dataType().simpleString() + " " + f.nullable())
                .containsExactly("a string false", "b double true", "c timestamp true");
        Assertions.assertThatThrownBy(() -> Columns.of("a STRING NULL"))
                .hasMessage("not a column definition: 'a STRING NULL'");
        Assertions.assertThatThrownBy(() -> Columns.of("a VARCHAR")).hasMessage("not a column definition: 'a VARCHAR'");
    }
}
