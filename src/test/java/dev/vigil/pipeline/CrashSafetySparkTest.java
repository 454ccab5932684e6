package dev.vigil.pipeline;

import static dev.vigil.testing.ResultTables.vigil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.results.ResultSchema;
import dev.vigil.testing.ChildVigil;
import dev.vigil.testing.ResultTables;
import dev.vigil.testing.SparkTestBase;
import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: the real CLI in a separate JVM is killed with SIGKILL while it writes its results,
 * at four points, one after another into the same output (while {@code results} is being created,
 * while the rows are MERGEd into it, after {@code results} and before {@code distributions}, after
 * {@code distributions} and before {@code runs}). After every kill each table that exists is a
 * readable Delta table holding either none or all of a run's rows (a MERGE is one commit: no
 * half-written chunk, no duplicate key). A rerun then leaves exactly the rows of a clean run into
 * another directory (run_id and computed_at aside), and {@code runs} only records runs that
 * finished.
 */
class CrashSafetySparkTest extends SparkTestBase {
    @TempDir
    static Path dir;

    static Path config;
    static Map<List<Object>, Row> cleanResults;
    static Map<List<Object>, Row> cleanDistributions;

    @BeforeAll
    static void generateAndRunClean() throws Exception {
        session();
        vigil(
                "generate",
                "--rows",
                "4000",
                "--reference-rows",
                "4000",
                "--features",
                "4",
                "--seed",
                "11",
                "--out",
                dir.resolve("data").toString());
        config = dir.resolve("monitor.yaml");
        Files.writeString(config, """
        monitor: crash
        reference: {path: %1$s/reference, format: parquet}
        analysis: {path: %1$s/analysis, format: parquet}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba}
        chunking: {size: 1000}
        output: {path: %2$s}
        """.formatted(dir.resolve("data"), dir.resolve("clean")));
        vigil("run", "--config", config.toString());
        cleanResults = ResultTables.byKey(spark, dir.resolve("clean/results").toString(), ResultSchema.KEY);
        cleanDistributions =
                ResultTables.byKey(spark, dir.resolve("clean/distributions").toString(), ResultSchema.DISTRIBUTION_KEY);
        assertThat(cleanResults).isNotEmpty();
        assertThat(cleanDistributions).isNotEmpty();
    }

    @Test
    void killedRunsLeaveReadableTablesAndARerunLeavesExactlyTheCleanRows() throws Exception {
        String out = dir.resolve("crashed").toString();
        List<Pattern> killPoints = List.of(
                Pattern.compile("writing \\d+ result rows to "), // results being created
                // rows being MERGEd into it (on a first write, the table is created with them: then the
                // same point as the next)
                Pattern.compile("(created \\S+/results|merged \\d+ rows into \\S+/results)$"),
                // distributions being written: results hold the rows (merged now, or already there from the
                // killed run before, which a first write may have completed)
                Pattern.compile("(merged \\d+ rows into \\S+/results|/results: its \\d+ rows are all there unchanged;"
                        + " nothing to commit)$"),
                // runs being appended
                Pattern.compile("(merged \\d+ rows into \\S+/distributions|/distributions: its \\d+ rows are all there"
                        + " unchanged; nothing to commit)$"));
        int finishedBeforeKill = 0;
        List<String> states = new ArrayList<>();
        for (int i = 0; i < killPoints.size(); i++) {
            try (ChildVigil child = ChildVigil.start(
                    "crash-" + i, Map.of(), List.of(), "run", "--config", config.toString(), "--output", out)) {
                boolean reached = child.awaitLine(killPoints.get(i), 300);
                assertThat(reached)
                        .as("kill point %s never logged; output:\n%s", killPoints.get(i), child.output())
                        .isTrue();
                child.kill();
                if (child.count(Pattern.compile("^monitor crash: run ")) > 0) {
                    finishedBeforeKill++; // printed its summary: it finished (runs written) before the kill
                    // landed
                }
            }
            states.add("after kill " + i + ": " + checkConsistent(out));
        }
        System.out.println("CrashSafetySparkTest: " + states);

        String rerun = vigil("run", "--config", config.toString(), "--output", out);
        ResultTables.assertSameRows(
                cleanResults, ResultTables.byKey(spark, out + "/results", ResultSchema.KEY), ResultSchema.RESULTS);
        ResultTables.assertSameRows(
                cleanDistributions,
                ResultTables.byKey(spark, out + "/distributions", ResultSchema.DISTRIBUTION_KEY),
                ResultSchema.DISTRIBUTIONS);

        String runId = rerun.lines()
                .filter(l -> l.startsWith("monitor crash: run "))
                .findFirst()
                .orElseThrow()
                .substring("monitor crash: run ".length())
                .trim();
        List<Row> runs = spark.read().format("delta").load(out + "/runs").collectAsList();
        assertThat(runs).allSatisfy(r -> assertThat(r.<String>getAs("status")).isEqualTo("succeeded"));
        assertThat(runs).extracting(r -> r.<String>getAs("run_id")).contains(runId);
        assertThat(runs).hasSize(1 + finishedBeforeKill);
    }

    /**
     * What a run killed while creating its tables can leave: {@code _delta_log} directories without a
     * commit and data files no commit names. The next run creates the tables (Delta's CREATE TABLE IF
     * NOT EXISTS alone would take the bare log directory for a table and create nothing) and ignores
     * the orphan files.
     */
    @Test
    void aCreationKilledMidwayDoesNotBlockTheNextRun() throws Exception {
        Path out = dir.resolve("half-created");
        for (String table : List.of("results", "distributions", "runs")) {
            Files.createDirectories(out.resolve(table).resolve("_delta_log"));
            Files.writeString(out.resolve(table).resolve("part-00000-orphan.snappy.parquet"), "not a parquet file");
        }
        vigil("run", "--config", config.toString(), "--output", out.toString());
        ResultTables.assertSameRows(
                cleanResults, ResultTables.byKey(spark, out + "/results", ResultSchema.KEY), ResultSchema.RESULTS);
        assertThat(spark.read().format("delta").load(out + "/runs").count()).isEqualTo(1);
    }

    /**
     * Tables written by an earlier Vigil version are unpartitioned; runs keep MERGEing into them as
     * they are (only new tables are partitioned by monitor).
     */
    @Test
    void anUnpartitionedResultsTableFromAnEarlierVersionKeepsWorking() throws Exception {
        String out = dir.resolve("legacy").toString();
        spark.read()
                .format("delta")
                .load(dir.resolve("clean/results").toString())
                .write()
                .format("delta")
                .save(out + "/results"); // no partitionBy: the earlier layout
        vigil("run", "--config", config.toString(), "--output", out);
        ResultTables.assertSameRows(
                cleanResults, ResultTables.byKey(spark, out + "/results", ResultSchema.KEY), ResultSchema.RESULTS);
        assertThat(partitionColumns(out + "/results")).isEmpty();
        assertThat(partitionColumns(dir.resolve("clean/results").toString())).containsExactly("monitor");
    }

    private static List<Object> partitionColumns(String path) {
        Row detail = spark.sql("DESCRIBE DETAIL delta.`" + path + "`").first();
        return detail.getList(detail.fieldIndex("partitionColumns"));
    }

    /**
     * Each table that has a commit is readable, has no duplicate key, and holds none or all of the
     * clean run's keys; returns what the kill left, for the test's output.
     */
    private static String checkConsistent(String out) {
        StringBuilder state = new StringBuilder();
        for (String table : List.of("results", "distributions", "runs")) {
            String path = out + "/" + table;
            if (!DeltaTable.isDeltaTable(spark, path)) {
                state.append(table).append("=none ");
                continue;
            }
            long n = spark.read().format("delta").load(path).count();
            state.append(table).append('=').append(n).append(' ');
            if (table.equals("runs")) {
                assertThat(spark.read()
                                .format("delta")
                                .load(path)
                                .filter("status <> 'succeeded'")
                                .count())
                        .isZero();
                continue;
            }
            List<String> key = table.equals("results") ? ResultSchema.KEY : ResultSchema.DISTRIBUTION_KEY;
            Set<List<Object>> expected = (table.equals("results") ? cleanResults : cleanDistributions).keySet();
            Set<List<Object>> keys = ResultTables.byKey(spark, path, key).keySet(); // fails on a duplicate key
            assertThat(keys.isEmpty() || keys.equals(expected))
                    .as("%s holds %d of the run's %d keys: a partial write", table, keys.size(), expected.size())
                    .isTrue();
        }
        return state.toString().trim();
    }
}
