package dev.vigil.results;

import static dev.vigil.testing.ResultTables.vigil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.ChildVigil;
import dev.vigil.testing.ResultTables;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code output: {schema: ...}} against a real metastore: Spark's Hive support with an embedded
 * Derby database, in child JVMs (the shared test session has the in-memory catalog; embedded Derby
 * admits one JVM at a time, so they run one after the other). The first child runs a monitor into
 * managed tables (schema only) and into external ones (schema and path); the second, a fresh JVM on
 * the same metastore, finds every declared table and the BI views registered (the views answer),
 * runs the managed monitor again (a MERGE into the existing catalog tables: no duplicate), and runs
 * {@code vigil report}, {@code vigil export} and {@code vigil views} with the configuration. The
 * tables' data, read here by their locations, equals a path-based run of the same monitor.
 */
@Tag("slow")
class CatalogTablesSparkTest extends SparkTestBase {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    static Path managed;
    static Path external;
    static Path pathConfig;
    static List<String> first;
    static List<String> second;
    static String[] secondScript;

    static final String MONITOR = """
    monitor: catalog_monitor
    reference: {path: %1$s/reference, format: parquet}
    analysis: {path: %1$s/analysis, format: parquet}
    columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba}
    chunking: {size: 500}
    """;

    @BeforeAll
    static void runInTheMetastore() throws Exception {
        session();
        Path data = dir.resolve("data");
        vigil(
                "generate",
                "--rows",
                "2000",
                "--reference-rows",
                "2000",
                "--features",
                "3",
                "--seed",
                "11",
                "--out",
                data.toString());
        String monitor = MONITOR.formatted(data);
        managed = config("managed.yaml", monitor + "output: {schema: monitoring}\n");
        external = config(
                "external.yaml", monitor + "output: {schema: monitoring_ext, path: " + dir.resolve("ext") + "}\n");
        pathConfig = config("path.yaml", monitor + "output: {path: " + dir.resolve("paths") + "}\n");
        vigil("run", "--config", pathConfig.toString());

        long t0 = System.nanoTime();
        first = child("first", "run --config " + managed, "run --config " + external);
        long t1 = System.nanoTime();
        secondScript = new String[] {
            "sql:SHOW TABLES IN monitoring", // 0
            "sql:SHOW TABLES IN monitoring_ext", // 1
            "sql:SELECT count(*) FROM monitoring.vigil_latest_values", // 2
            "sql:SELECT count(*) FROM monitoring.vigil_current_alerts", // 3
            "sql:SELECT count(*) FROM monitoring.vigil_drift_metrics", // 4
            "sql:DESCRIBE DETAIL monitoring.results", // 5
            "sql:DESCRIBE DETAIL monitoring_ext.results", // 6
            "sql:SELECT count(*) FROM monitoring.results", // 7
            "run --config " + managed, // 8: again, into the existing tables
            "sql:SELECT count(*), count(DISTINCT run_id), count(DISTINCT status) FROM monitoring.runs", // 9
            "sql:SELECT count(*) FROM (SELECT 1 FROM monitoring.results GROUP BY monitor, calculator, metric,"
                    + " column_name, segment, period, chunk_key HAVING count(*) > 1)", // 10
            "report --config " + managed + " --to " + dir.resolve("report.html"), // 11
            "sql:SELECT count(*) FROM monitoring.rankings", // 12
            "export --config " + managed + " --to " + dir.resolve("results.csv"), // 13
            "views --config " + managed, // 14
            "sql:SELECT count(*) FROM monitoring.vigil_latest_values", // 15
            "run --config " + external + " --output " + dir.resolve("elsewhere"), // 16: not where it is registered
            "sql:SHOW TABLES IN monitoring_ext", // 17
        };
        second = child("second", secondScript);
        System.out.printf(
                "CatalogTablesSparkTest: first child %.1f s, second child %.1f s%n",
                (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
    }

    static Path config(String name, String yaml) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    /** Runs the probe in a child JVM on the test's metastore and warehouse; returns its output lines. */
    static List<String> child(String name, String... script) throws Exception {
        Path warehouse = dir.resolve("warehouse");
        List<String> jvm = List.of(
                "-Dspark.master=local[2]",
                "-Dspark.ui.enabled=false",
                "-Dspark.driver.host=127.0.0.1",
                "-Dspark.driver.bindAddress=127.0.0.1",
                "-Dspark.sql.shuffle.partitions=2",
                "-Dspark.databricks.delta.snapshotPartitions=2",
                "-Dspark.sql.catalogImplementation=hive",
                "-Dspark.sql.warehouse.dir=" + warehouse,
                "-Dspark.hadoop.javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName="
                        + dir.resolve("metastore_db")
                        + ";create=true",
                "-Dspark.hadoop.datanucleus.schema.autoCreateAll=true",
                "-Dspark.hadoop.hive.metastore.schema.verification=false",
                "-Dspark.hadoop.hive.exec.scratchdir=" + dir.resolve("hive-scratch"),
                "-Dderby.stream.error.file=" + dir.resolve("derby.log"),
                "-Xmx1500m");
        try (ChildVigil c = ChildVigil.startMain(
                name, Map.of(), jvm, System.getProperty("java.class.path"), CatalogProbe.class.getName(), script)) {
            int code = c.waitFor(300);
            assertThat(code).as(c.output()).isZero();
            c.output()
                    .lines()
                    .filter(l -> l.startsWith("#")
                            || l.startsWith("vigil: ")
                            || l.contains("Exception:")
                            || l.contains("DeltaTables")
                            || l.contains("BiViews"))
                    .forEach(l -> System.out.println("  " + name + ": " + l));
            return c.output().lines().toList();
        }
    }

    /** The lines the probe printed for script entry {@code i} (without the {@code #i } prefix). */
    static List<String> of(List<String> lines, int i) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("#" + i + " ")) {
                out.add(l.substring(("#" + i + " ").length()));
            }
        }
        return out;
    }

    static List<String> rows(List<String> lines, int i) {
        List<String> out = of(lines, i);
        assertThat(out).as("entry %d: %s", i, out).noneMatch(l -> l.startsWith("failed"));
        return out.stream()
                .filter(l -> l.startsWith("row "))
                .map(l -> l.substring(4))
                .toList();
    }

    static String exit(List<String> lines, int i) {
        return of(lines, i).stream()
                .filter(l -> l.startsWith("exit "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no exit code for entry " + i));
    }

    /** The location column of a DESCRIBE DETAIL row (format, id, name, description, location, ...). */
    static String location(int entry) {
        return rows(second, entry).get(0).split("\\|")[4];
    }

    /** SHOW TABLES rows are {@code namespace|table|isTemporary}: the table names. */
    static List<String> tableNames(List<String> rows) {
        return rows.stream().map(r -> r.split("\\|")[1]).toList();
    }

    @Test
    void everyTableAndViewIsRegisteredAndTheViewsAnswer() {
        assertThat(exit(first, 0)).isEqualTo("exit 0");
        assertThat(exit(first, 1)).isEqualTo("exit 0");
        List<String> expected =
                new ArrayList<>(OutputTables.ALL.stream().map(OutputTable::name).toList());
        expected.addAll(BiViews.names());
        assertThat(tableNames(rows(second, 0))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(tableNames(rows(second, 1))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Long.parseLong(rows(second, 2).get(0))).isPositive();
        assertThat(rows(second, 3)).hasSize(1);
        assertThat(Long.parseLong(rows(second, 4).get(0))).isPositive();
    }

    @Test
    void managedAndExternalTablesHoldWhatAPathRunWrites() {
        String managedResults = location(5);
        assertThat(managedResults).startsWith("file:" + dir.resolve("warehouse"));
        String externalResults = location(6);
        assertThat(externalResults).isEqualTo("file:" + dir.resolve("ext/results"));
        var expected = ResultTables.byKey(spark, dir.resolve("paths/results").toString(), ResultSchema.KEY);
        assertThat(Long.parseLong(rows(second, 7).get(0))).isEqualTo(expected.size());
        for (String location : List.of(managedResults, externalResults)) {
            ResultTables.assertSameRows(
                    expected, ResultTables.byKey(spark, location, ResultSchema.KEY), ResultSchema.RESULTS);
        }
        var distributions =
                ResultTables.byKey(spark, dir.resolve("paths/distributions").toString(), ResultSchema.DISTRIBUTION_KEY);
        ResultTables.assertSameRows(
                distributions,
                ResultTables.byKey(
                        spark, managedResults.replaceAll("/results$", "/distributions"), ResultSchema.DISTRIBUTION_KEY),
                ResultSchema.DISTRIBUTIONS);
    }

    @Test
    void aSecondRunMergesIntoTheCatalogTablesWithoutDuplicates() {
        assertThat(exit(second, 8)).isEqualTo("exit 0");
        assertThat(rows(second, 9)).containsExactly("2|2|1");
        assertThat(rows(second, 10)).containsExactly("0");
        var expected = ResultTables.byKey(spark, dir.resolve("paths/results").toString(), ResultSchema.KEY);
        ResultTables.assertSameRows(
                expected, ResultTables.byKey(spark, location(5), ResultSchema.KEY), ResultSchema.RESULTS);
    }

    @Test
    void reportExportAndViewsReadTheCatalogThroughTheConfiguration() throws Exception {
        assertThat(exit(second, 11)).isEqualTo("exit 0");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("catalog_monitor");
        assertThat(Long.parseLong(rows(second, 12).get(0))).isPositive();
        assertThat(exit(second, 13)).isEqualTo("exit 0");
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertThat(csv.get(0)).isEqualTo(String.join(",", OutputTables.RESULTS.columns()));
        assertThat(csv).hasSize(1 + Integer.parseInt(rows(second, 7).get(0)));
        assertThat(exit(second, 14)).isEqualTo("exit 0");
        assertThat(of(second, 14)).isNotEmpty();
        assertThat(Long.parseLong(rows(second, 15).get(0))).isPositive();
    }

    @Test
    void anExternalTableRegisteredElsewhereIsRefusedNamingOutputPath() {
        assertThat(exit(second, 16)).isEqualTo("exit 2");
        String all = String.join("\n", second);
        Matcher m = Pattern.compile("vigil: error: output\\.path: the table monitoring_ext\\.\\w+ is registered at")
                .matcher(all);
        assertThat(m.find()).as(all).isTrue();
        assertThat(Files.exists(dir.resolve("elsewhere/results"))).isFalse();
        assertThat(tableNames(rows(second, 17)))
                .hasSize(tableNames(rows(second, 1)).size());
    }

    @Test
    void noRowOfRunsIsAFailure() {
        List<Row> runs = spark.read()
                .format("delta")
                .load(location(5).replaceAll("/results$", "/runs"))
                .collectAsList();
        assertThat(runs)
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.<String>getAs("status")).isEqualTo("succeeded"));
    }
}
