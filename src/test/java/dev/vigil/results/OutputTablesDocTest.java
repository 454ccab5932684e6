package dev.vigil.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's list of output tables is the one {@link OutputTablesDoc} generates from the
 * registry; {@code -Dvigil.docs.update=true} rewrites it.
 */
class OutputTablesDocTest {
  static final Path README = Path.of("README.md");

  @Test
  void readmeListsTheRegisteredTables() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int begin = readme.indexOf(OutputTablesDoc.BEGIN);
    int end = readme.indexOf(OutputTablesDoc.END);
    assertThat(begin).as("the README's output tables begin marker").isNotNegative();
    assertThat(end).as("the README's output tables end marker").isGreaterThan(begin);
    String current = readme.substring(begin, end + OutputTablesDoc.END.length());
    String generated = OutputTablesDoc.markdown();
    if (Boolean.getBoolean("vigil.docs.update") && !current.equals(generated)) {
      Files.writeString(README, readme.replace(current, generated), StandardCharsets.UTF_8);
      current = generated;
    }
    assertThat(current)
        .as("README.md's output tables (rerun with -Dvigil.docs.update=true to regenerate)")
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
            "results",
            "distributions",
            "alerts",
            "runs",
            "reference_profiles",
            "chunk_states",
            "rankings");
    assertThat(OutputTables.exportable().stream().map(OutputTable::name))
        .containsExactly("results", "distributions", "alerts", "runs", "rankings");
  }

  @Test
  void columnDefinitionsAreCheckedWords() {
    assertThat(Columns.of("a STRING NOT NULL, b double,  c TIMESTAMP").fields())
        .extracting(f -> f.name() + " " + f.dataType().simpleString() + " " + f.nullable())
        .containsExactly("a string false", "b double true", "c timestamp true");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Columns.of("a STRING NULL"))
        .hasMessage("not a column definition: 'a STRING NULL'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Columns.of("a VARCHAR"))
        .hasMessage("not a column definition: 'a VARCHAR'");
  }
}
