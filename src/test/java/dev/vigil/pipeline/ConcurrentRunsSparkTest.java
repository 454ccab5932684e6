package dev.vigil.pipeline;

import static dev.vigil.testing.ResultTables.vigil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.results.ResultSchema;
import dev.vigil.testing.ChildVigil;
import dev.vigil.testing.ResultTables;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four runs of the real CLI in separate JVMs at the same time into one output directory: three
 * monitors, one of them twice. Every monitor's results and distributions land completely and
 * exactly once (equal to a clean single run), {@code runs} has one succeeded row per run, and no
 * run failed: losing a Delta commit race (creating the same table, MERGEing into it) is retried,
 * not fatal.
 */
class ConcurrentRunsSparkTest extends SparkTestBase {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    @Test
    void concurrentMonitorsAllLandExactlyOnce() throws Exception {
        session();
        vigil(
                "generate",
                "--rows",
                "3000",
                "--reference-rows",
                "3000",
                "--features",
                "4",
                "--seed",
                "5",
                "--out",
                dir.resolve("data").toString());
        Path config = dir.resolve("monitor.yaml");
        Files.writeString(config, """
        monitor: m1
        reference: {path: %1$s/reference, format: parquet}
        analysis: {path: %1$s/analysis, format: parquet}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba}
        chunking: {size: 1000}
        output: {path: %2$s}
        """.formatted(dir.resolve("data"), dir.resolve("clean")));
        String shared = dir.resolve("shared").toString();
        List<String> monitors = List.of("m1", "m2", "m3", "m1");
        List<ChildVigil> children = new ArrayList<>();
        try {
            for (int i = 0; i < monitors.size(); i++) {
                children.add(ChildVigil.start(
                        "concurrent-" + i,
                        Map.of(),
                        List.of(),
                        "run",
                        "--config",
                        config.toString(),
                        "--output",
                        shared,
                        "--set",
                        "monitor=" + monitors.get(i)));
            }
            // the clean run in this JVM meanwhile: the expected rows
            vigil("run", "--config", config.toString());
            long retries = 0;
            for (ChildVigil c : children) {
                // generous: four JVMs share the machine (2 cores in CI), each one a whole run
                assertThat(c.waitFor(600)).as(c.output()).isZero();
                retries += c.count(Pattern.compile("concurrent Delta commit .*, retry"));
                c.output()
                        .lines()
                        .filter(l ->
                                l.contains("DeltaResultSink") || l.contains("DeltaRetry") || l.startsWith("monitor "))
                        .forEach(l -> System.out.println("  " + l));
            }
            System.out.println("ConcurrentRunsSparkTest: "
                    + retries
                    + " Delta commit retries across "
                    + children.size()
                    + " runs");
        } finally {
            for (ChildVigil c : children) {
                c.close();
            }
        }

        Map<List<Object>, Row> clean =
                ResultTables.byKey(spark, dir.resolve("clean/results").toString(), ResultSchema.KEY);
        Map<List<Object>, Row> cleanDist =
                ResultTables.byKey(spark, dir.resolve("clean/distributions").toString(), ResultSchema.DISTRIBUTION_KEY);
        Map<List<Object>, Row> all =
                ResultTables.byKey(spark, shared + "/results", ResultSchema.KEY); // fails on a duplicate
        Map<List<Object>, Row> allDist =
                ResultTables.byKey(spark, shared + "/distributions", ResultSchema.DISTRIBUTION_KEY);
        assertThat(all).hasSize(3 * clean.size());
        assertThat(allDist).hasSize(3 * cleanDist.size());
        for (String m : List.of("m1", "m2", "m3")) {
            ResultTables.assertSameRows(
                    ResultTables.renamed(clean, ResultSchema.KEY, m), only(all, m), ResultSchema.RESULTS);
            ResultTables.assertSameRows(
                    ResultTables.renamed(cleanDist, ResultSchema.DISTRIBUTION_KEY, m),
                    only(allDist, m),
                    ResultSchema.DISTRIBUTIONS);
        }
        List<Row> runs = spark.read().format("delta").load(shared + "/runs").collectAsList();
        assertThat(runs)
                .hasSize(4)
                .allSatisfy(r -> assertThat(r.<String>getAs("status")).isEqualTo("succeeded"));
        assertThat(runs).extracting(r -> r.<String>getAs("monitor")).containsExactlyInAnyOrder("m1", "m1", "m2", "m3");
        assertThat(runs).extracting(r -> r.<String>getAs("run_id")).doesNotHaveDuplicates();
    }

    private static Map<List<Object>, Row> only(Map<List<Object>, Row> rows, String monitor) {
        Map<List<Object>, Row> out = new HashMap<>();
        rows.forEach((k, v) -> {
            if (monitor.equals(v.getAs("monitor"))) {
                out.put(k, v);
            }
        });
        return out;
    }
}
