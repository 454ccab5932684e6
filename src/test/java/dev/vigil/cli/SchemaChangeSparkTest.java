package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.cli.CliHarness.Result;
import dev.vigil.testing.SparkTestBase;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data_quality / schema_change} end to end through {@code vigil run}, with the features
 * defaulted (no {@code columns.features}): the reference has features x (double), c (string), z
 * (double), w (double) and k (int). The changed analysis lacks z, has w as strings, k as doubles
 * and an extra column {@code extra}. Expected by the rule (a missing or retyped feature alerts, an
 * added column does not, int to double is no change): exactly three rows on the analysis's last
 * chunk, z and w alerting and sent to the webhook, extra not; x, c and k's results equal to those
 * of a run on an unchanged analysis; a WARN naming z and the analysis data; an identical rerun
 * changes nothing (no duplicate row, no alert sent twice). The unchanged analysis has no
 * schema_change row.
 */
class SchemaChangeSparkTest extends SparkTestBase {
    static final long ROWS = 200;
    static final int CHUNK = 50;

    /** The bad-input tests' base columns: id, timestamp, x, c, the scores, prediction and target. */
    static final String[] BASE = BadInputTestBase.BASE;

    @TempDir
    static Path tmp;

    static String reference;
    static String unchanged;
    static String changed;
    static HttpServer webhook;
    static final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void writeInputs() throws Exception {
        reference = parquet(
                "reference",
                frame("cast(id % 7 as double) as z", "cast(id % 5 as double) * 2.0 as w", "cast(id % 4 as int) as k"));
        unchanged = parquet(
                "unchanged",
                frame("cast(id % 7 as double) as z", "cast(id % 5 as double) * 2.0 as w", "cast(id % 4 as int) as k"));
        changed = parquet(
                "changed",
                frame(
                        "cast(cast(id % 5 as double) * 2.0 as string) as w",
                        "cast(id % 4 as double) as k", "concat('e', cast(id as string)) as extra"));
        Files.createDirectories(tmp.resolve("configs"));
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterAll
    static void stopWebhook() {
        webhook.stop(0);
    }

    @Test
    void missingAddedAndRetypedColumnsAreResultRowsWithAlerts() throws Exception {
        String baseOut = tmp.resolve("out-unchanged").toString();
        Result base = run(yaml("unchanged", unchanged), baseOut);
        CliHarness.assertSucceeded(base);

        String out = tmp.resolve("out-changed").toString();
        Result first = run(yaml("changed", changed), out);
        CliHarness.assertSucceeded(first);

        // the rows: on the last analysis chunk (200 rows in chunks of 50: index 3), the whole dataset
        List<Row> rows = schemaChangeRows(out);
        String lastKey = lastAnalysisChunkKey(out);
        assertThat(rows).hasSize(3);
        assertThat(rows.stream().map(SchemaChangeSparkTest::describe).toList())
                .containsExactly(
                        "extra|1.0|false|added in the analysis|3|" + lastKey,
                        "w|1.0|true|type changed from double to string|3|" + lastKey,
                        "z|1.0|true|missing from the analysis|3|" + lastKey);
        for (Row r : rows) {
            assertThat((String) r.getAs("segment")).isNull();
            assertThat((Long) r.getAs("chunk_rows")).isEqualTo(CHUNK);
        }
        // z and w are not monitored otherwise; k (int → double) is, and reports no change
        assertThat(results(out)
                        .where("column_name in ('z', 'w') and metric <> 'schema_change'")
                        .count())
                .isZero();
        assertThat(results(out).where("column_name = 'k' and metric = 'mean'").count())
                .isEqualTo(2 * ROWS / CHUNK);

        // one WARN line each, naming the column and the dataset
        assertThat(first.log())
                .containsOnlyOnce("reference column 'z' is not in the analysis data ('" + changed + "')");
        assertThat(first.log()).contains("feature 'w' is double in the reference but string in the analysis data");

        // the other columns' results are those of the unchanged analysis, value and alert
        assertThat(perColumn(out)).isEqualTo(perColumn(baseOut)).isNotEmpty();

        // the normal alert path: sent once to the webhook, recorded in the alerts table
        assertThat(sentSchemaChanges(out)).containsExactly("w", "z");
        assertThat(String.join("\n", bodies)).contains("schema_change");

        // a rerun: the same rows, no duplicates, nothing sent again
        long before = results(out).count();
        Result again = run(yaml("changed", changed), out);
        CliHarness.assertSucceeded(again);
        assertThat(results(out).count()).isEqualTo(before);
        assertThat(schemaChangeRows(out).stream()
                        .map(SchemaChangeSparkTest::describe)
                        .toList())
                .isEqualTo(rows.stream().map(SchemaChangeSparkTest::describe).toList());
        assertThat(results(out)
                        .groupBy("calculator", "metric", "column_name", "segment", "period", "chunk_key")
                        .count()
                        .where("count > 1")
                        .count())
                .isZero();
        assertThat(sentSchemaChanges(out)).containsExactly("w", "z");

        // the report shows them, and its alert-count ranking puts the two alerting columns first
        Path html = tmp.resolve("report.html");
        CliHarness.assertSucceeded(CliHarness.vigil("report", "--output", out, "--to", html.toString()));
        assertThat(Files.readString(html)).contains("schema_change");
        assertThat(spark
                        .read()
                        .format("delta")
                        .load(out + "/rankings")
                        .where("drift_metric = 'schema_change' and has_drifted")
                        .orderBy("column_name")
                        .collectAsList()
                        .stream()
                        .map(r -> r.<String>getAs("column_name") + ":" + r.<Long>getAs("number_of_alerts"))
                        .toList())
                .containsExactly("w:1", "z:1");
    }

    @Test
    void anUnchangedSchemaWritesNoRowAndNoWarning() throws Exception {
        String out = tmp.resolve("out-same").toString();
        Result r = run(yaml("same", unchanged), out);
        CliHarness.assertSucceeded(r);
        assertThat(schemaChangeRows(out)).isEmpty();
        assertThat(results(out)
                        .where("column_name in ('z', 'w', 'k') and metric = 'mean'")
                        .count())
                .isEqualTo(3 * 2 * ROWS / CHUNK);
        assertThat(r.log()).doesNotContain("schema_change").doesNotContain("not in the analysis data");
    }

    // ---------------------------------------------------------------- helpers

    static Dataset<Row> frame(String... extra) {
        String[] all = new String[BASE.length + extra.length];
        System.arraycopy(BASE, 0, all, 0, BASE.length);
        System.arraycopy(extra, 0, all, BASE.length, extra.length);
        return spark.range(ROWS).selectExpr(all);
    }

    static String parquet(String name, Dataset<Row> df) {
        String path = tmp.resolve("data").resolve(name + ".parquet").toString();
        df.coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
        return path;
    }

    /** Features defaulted: every column no role names. */
    static String yaml(String monitor, String analysis) {
        return """
        monitor: %s
        problem_type: binary_classification
        reference: {path: "%s", format: parquet}
        analysis: {path: "%s", format: parquet}
        columns:
          timestamp: timestamp
          id: id
          prediction: y_pred
          scores: y_pred_proba
          target: target
        chunking: {size: %d}
        calculators:
          data_quality: {metrics: [mean, missing_values, unseen_values]}
          univariate_drift: {continuous_methods: [jensen_shannon], categorical_methods: [jensen_shannon]}
        alerts: {webhook: {url: "http://127.0.0.1:%d/hook"}}
        """.formatted(
                monitor, reference, analysis, CHUNK, webhook.getAddress().getPort());
    }

    static Result run(String yaml, String output) throws Exception {
        Path config = Files.createTempFile(tmp.resolve("configs"), "monitor-", ".yaml");
        Files.writeString(config, yaml);
        return CliHarness.vigil("run", "--config", config.toString(), "--output", output);
    }

    static Dataset<Row> results(String output) {
        return spark.read().format("delta").load(output + "/results");
    }

    static List<Row> schemaChangeRows(String output) {
        return results(output)
                .where("calculator = 'data_quality' and metric = 'schema_change'")
                .orderBy("column_name")
                .collectAsList();
    }

    static String describe(Row r) {
        assertThat((String) r.getAs("period")).isEqualTo("analysis");
        return String.join(
                "|",
                r.<String>getAs("column_name"),
                String.valueOf(r.<Double>getAs("value")),
                String.valueOf(r.<Boolean>getAs("alert")),
                r.<String>getAs("note"),
                String.valueOf(r.<Integer>getAs("chunk_index")),
                r.<String>getAs("chunk_key"));
    }

    static String lastAnalysisChunkKey(String output) {
        return results(output)
                .where("period = 'analysis' and metric = 'mean' and column_name = 'x'")
                .orderBy(org.apache.spark.sql.functions.col("chunk_index").desc())
                .first()
                .getAs("chunk_key");
    }

    /** x, c and k's rows: key → value, thresholds and alert. */
    static Map<String, String> perColumn(String output) {
        Map<String, String> out = new TreeMap<>();
        for (Row r : results(output).where("column_name in ('x', 'c', 'k')").collectAsList()) {
            out.put(
                    String.join(
                            "|",
                            r.<String>getAs("calculator"),
                            r.<String>getAs("metric"),
                            r.<String>getAs("column_name"),
                            r.<String>getAs("period"),
                            r.<String>getAs("chunk_key")),
                    r.getAs("value") + "|" + r.getAs("lower_threshold") + "|" + r.getAs("upper_threshold") + "|"
                            + r.getAs("alert"));
        }
        return out;
    }

    static List<String> sentSchemaChanges(String output) {
        return spark
                .read()
                .format("delta")
                .load(output + "/alerts")
                .where("metric = 'schema_change'")
                .orderBy("column_name")
                .collectAsList()
                .stream()
                .map(r -> r.<String>getAs("column_name"))
                .toList();
    }
}
