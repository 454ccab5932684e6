package dev.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.cli.Main;
import dev.vigil.results.ResultSchema;
import dev.vigil.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the CLI on generated data: the results table has exactly the CONTRACT §3
 * columns, a rerun leaves it identical (run_id and computed_at included), runs gets one row per
 * run, export writes one CSV with the header, segments are computed in the same run.
 */
class DeltaRunSparkTest extends SparkTestBase {
    @TempDir
    static Path dir;

    static Path config;

    static int vigil(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return code;
    }

    @BeforeAll
    static void generateAndConfigure() throws Exception {
        session();
        vigil(
                "generate",
                "--rows",
                "6000",
                "--reference-rows",
                "6000",
                "--features",
                "6",
                "--seed",
                "7",
                "--out",
                dir.resolve("data").toString());
        config = dir.resolve("monitor.yaml");
        Files.writeString(config, """
        monitor: e2e
        reference: {path: %1$s/reference, format: parquet}
        analysis: {path: %1$s/analysis, format: parquet}
        targets: {path: %1$s/analysis_targets, format: parquet, join_on: id}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba, target: repaid, segments: [region]}
        chunking: {size: 1000}
        output: {path: %2$s}
        """.formatted(dir.resolve("data"), dir.resolve("out")));
    }

    /** The newest version of a table under the output path. */
    private static long version(String table) {
        return spark.sql("DESCRIBE HISTORY delta.`" + dir.resolve("out/" + table) + "` LIMIT 1")
                .first()
                .<Long>getAs("version");
    }

    @Test
    void rerunLeavesTablesIdenticalAndExportMatchesContract() throws Exception {
        vigil("run", "--config", config.toString());
        Dataset<Row> first =
                spark.read().format("delta").load(dir.resolve("out/results").toString());
        assertThat(first.schema().fieldNames()).containsExactly(ResultSchema.RESULTS.fieldNames());
        List<Row> before = first.orderBy(ResultSchema.KEY.stream()
                        .map(org.apache.spark.sql.functions::col)
                        .toArray(Column[]::new))
                .collectAsList();
        assertThat(before).isNotEmpty();
        // segments: every result also per region value
        assertThat(first.filter("segment = 'region=north'").count()).isPositive();
        assertThat(first.filter("segment is null").count()).isPositive();

        long resultsVersion = version("results");
        long distributionsVersion = version("distributions");
        vigil("run", "--config", config.toString());
        // an identical rerun changes no row, so it commits nothing to either table
        assertThat(version("results"))
                .as("results version after an identical rerun")
                .isEqualTo(resultsVersion);
        assertThat(version("distributions"))
                .as("distributions version after an identical rerun")
                .isEqualTo(distributionsVersion);
        List<Row> after = spark.read()
                .format("delta")
                .load(dir.resolve("out/results").toString())
                .orderBy(ResultSchema.KEY.stream()
                        .map(org.apache.spark.sql.functions::col)
                        .toArray(Column[]::new))
                .collectAsList();
        assertThat(after).containsExactlyElementsOf(before);

        // distributions: per column and chunk, proportions summing to 1 for every (column, segment,
        // period, chunk)
        Dataset<Row> dist = spark.read()
                .format("delta")
                .load(dir.resolve("out/distributions").toString());
        assertThat(dist.schema().fieldNames()).containsExactly(ResultSchema.DISTRIBUTIONS.fieldNames());
        assertThat(dist.filter("kind = 'continuous' and column_name = 'num_0' and period = 'analysis'")
                        .count())
                .isPositive();
        assertThat(dist.filter("kind = 'categorical' and column_name = 'cat_0'").count())
                .isPositive();
        assertThat(dist.groupBy("column_name", "segment", "period", "chunk_key")
                        .agg(org.apache.spark.sql.functions.sum("proportion").as("p"))
                        .filter("abs(p - 1) > 1e-9")
                        .count())
                .isZero();
        assertThat(dist.filter("run_id <> '" + before.get(0).getAs("run_id") + "'")
                        .count())
                .isZero();

        Dataset<Row> runs =
                spark.read().format("delta").load(dir.resolve("out/runs").toString());
        assertThat(runs.count()).isEqualTo(2);
        assertThat(runs.filter("status = 'succeeded' and rows_analysis = 6000 and chunks = 6")
                        .count())
                .isEqualTo(2);
        assertThat(runs.schema().fieldNames()).containsExactly(ResultSchema.RUNS.fieldNames());

        Path csv = dir.resolve("results.csv");
        vigil("export", "--output", dir.resolve("out").toString(), "--format", "csv", "--to", csv.toString());
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(String.join(",", ResultSchema.RESULTS.fieldNames()));
        assertThat(lines).hasSize(before.size() + 1);
    }
}
