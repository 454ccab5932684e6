package dev.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every SQL statement of notebooks/vigil_results.py (Databricks) and notebooks/vigil_results.ipynb
 * (Jupyter) runs with Spark SQL against the Delta tables of a real Vigil run, and returns rows; the
 * two notebooks hold the same queries; Spark's own ${output} substitution (what the notebooks rely
 * on) gives the same answers.
 */
class NotebookSqlSparkTest extends SparkTestBase {
    static final Path ROOT = Path.of(System.getProperty("user.dir"));
    static final Set<String> TABLES = Set.of("results", "runs", "alerts", "distributions");
    static Path output;
    static List<String> databricks;
    static List<String> jupyter;

    @BeforeAll
    static void runVigilAndReadNotebooks() throws Exception {
        output = VigilOutputFixture.output();
        databricks = SqlFiles.databricks(Files.readString(ROOT.resolve("notebooks/vigil_results.py")));
        jupyter = SqlFiles.jupyter(Files.readString(ROOT.resolve("notebooks/vigil_results.ipynb")));
    }

    static List<Row> run(String sql) {
        return spark.sql(sql.replace(SqlFiles.PLACEHOLDER, output.toString())).collectAsList();
    }

    static String normalized(String sql) {
        return sql.replaceAll("\\s+", " ").strip();
    }

    @Test
    void bothNotebooksHoldTheSameQueriesOverTheFourTables() {
        assertThat(databricks).hasSizeGreaterThanOrEqualTo(6);
        assertThat(jupyter.stream().map(NotebookSqlSparkTest::normalized).toList())
                .containsExactlyElementsOf(databricks.stream()
                        .map(NotebookSqlSparkTest::normalized)
                        .toList());
        databricks.forEach(sql -> SqlFiles.assertPlaceholders(sql, TABLES));
        String all = String.join("\n", databricks);
        for (String table : TABLES) {
            assertThat(all).contains("delta.`${output}/" + table + "`");
        }
    }

    @Test
    void everyStatementRunsAndReturnsRows() {
        for (List<String> notebook : List.of(databricks, jupyter)) {
            for (String sql : notebook) {
                List<Row> rows = run(sql);
                assertThat(rows).as("rows of\n" + sql).isNotEmpty();
            }
        }
    }

    @Test
    void keyQueriesAnswerWhatTheySay() {
        // latest alerts: metrics alerting in their newest chunk (the drift starts halfway through the
        // analysis)
        String latest = find("row_number() OVER");
        List<Row> alerts = run(latest);
        long lastChunk = spark.sql(
                        "SELECT max(chunk_index) FROM delta.`" + output + "/results` WHERE period = 'analysis'")
                .first()
                .getInt(0);
        assertThat(alerts).isNotEmpty();
        assertThat(alerts.stream().map(r -> (String) r.getAs("calculator")).distinct())
                .contains("univariate_drift");
        long expected = spark.sql("SELECT count(*) FROM delta.`"
                        + output
                        + "/results` WHERE period = 'analysis' AND alert"
                        + " AND chunk_index = "
                        + lastChunk)
                .first()
                .getLong(0);
        assertThat((long) alerts.size()).isEqualTo(expected);

        // estimated vs realized: every analysis chunk has both, as many rows as estimated results
        List<Row> perf = run(find("estimated_performance"));
        long estimated = spark.sql("SELECT count(*) FROM delta.`"
                        + output
                        + "/results` WHERE calculator = "
                        + "'estimated_performance' AND segment IS NULL")
                .first()
                .getLong(0);
        assertThat((long) perf.size()).isEqualTo(estimated).isPositive();
        assertThat(perf.stream()
                        .filter(r -> "analysis".equals(r.getAs("period")))
                        .allMatch(r -> r.getAs("estimated") != null && r.getAs("realized") != null))
                .isTrue();

        // top drifting features: num_0 (shifted by 1.5 std in the drifted half) alerts in some chunk
        List<Row> top = run(find("max_value_over_threshold"));
        assertThat(top.get(0).<Long>getAs("alerting_chunks")).isPositive();
        assertThat(top.stream()
                        .filter(r -> "num_0".equals(r.getAs("column_name")))
                        .anyMatch(r -> r.<Long>getAs("alerting_chunks") > 0))
                .isTrue();

        // sent alerts: what the webhook received
        assertThat(run(find("/alerts`"))).isNotEmpty();
    }

    @Test
    void sparkSubstitutesThePlaceholderItself() {
        String sql = find("max_value_over_threshold");
        spark.conf().set("output", output.toString());
        try {
            assertThat(spark.sql(sql).collectAsList()).containsExactlyElementsOf(run(sql));
        } finally {
            spark.conf().unset("output");
        }
    }

    static String find(String marker) {
        List<String> hits = databricks.stream().filter(s -> s.contains(marker)).toList();
        assertThat(hits).as("the query containing " + marker).hasSize(1);
        return hits.get(0);
    }
}
