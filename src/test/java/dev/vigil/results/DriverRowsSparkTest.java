package dev.vigil.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.MonitorConfig;
import dev.vigil.generate.SyntheticData;
import dev.vigil.pipeline.MonitorRun;
import dev.vigil.testing.LogCapture;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.logging.log4j.Level;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No task carries the reference profile (issue 14): rows made on the driver — a fit's profile blob,
 * a large MERGE of results — reach the executors as a broadcast variable, not inside Spark's tasks
 * ({@link DriverRows}). Spark's TaskSetManager warns about every task over 1000 KiB ("contains a
 * task of very large size"); the test logging configuration silences it, so these tests capture it.
 */
class DriverRowsSparkTest extends SparkTestBase {
    static final String TASKS = "org.apache.spark.scheduler.TaskSetManager";
    static final String LARGE_TASK = "contains a task of very large size";

    @TempDir
    static Path dir;

    static Row profileRow(byte[] blob) {
        return RowFactory.create(
                "m",
                1L,
                "fingerprint",
                "reference",
                10L,
                1,
                "calculators",
                (long) blob.length,
                blob,
                "v",
                "s",
                "run",
                new Timestamp(0),
                "config fingerprint",
                0);
    }

    @Test
    void aProfileOfSeveralMegabytesIsAppendedWithoutATaskCarryingIt() {
        byte[] blob = new byte[3 << 20];
        new Random(1).nextBytes(blob);
        List<Row> rows = List.of(profileRow(blob));
        StructType schema = OutputTables.REFERENCE_PROFILES.schema();
        try (LogCapture log = LogCapture.of(TASKS, Level.WARN)) {
            // the control: a local relation of the same row (what the write used before) puts it in the task
            spark.createDataFrame(rows, schema)
                    .write()
                    .format("delta")
                    .save(dir.resolve("control").toString());
            assertThat(log.text()).as("the capture works").contains(LARGE_TASK);
        }
        DeltaTables tables = new DeltaTables(spark, dir.resolve("out").toString());
        try (LogCapture log = LogCapture.of(TASKS, Level.WARN)) {
            tables.append(OutputTables.REFERENCE_PROFILES, rows);
            assertThat(log.text()).doesNotContain(LARGE_TASK);
        }
        Row back = tables.read(OutputTables.REFERENCE_PROFILES).first();
        assertThat((byte[]) back.getAs("profile")).isEqualTo(blob);
        assertThat(back).isEqualTo(rows.get(0));
    }

    @Test
    void manyRowsAreBroadcastInTheOrderAndSlicesOfALocalRelation() {
        StructType schema = StructType.fromDDL("i INT NOT NULL, s STRING");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            rows.add(RowFactory.create(i, i % 7 == 0 ? null : "value " + i + " of a result row's text columns"));
        }
        assertThat(DriverRows.bytes(rows)).isGreaterThan(DriverRows.BROADCAST_ABOVE_BYTES);
        try (DriverRows d = DriverRows.of(spark, rows, schema)) {
            assertThat(d.broadcast()).isTrue();
            // each slice in pieces of at most PIECE_ROWS, a broadcast each (2 slices of 25,000 here)
            int parallelism = spark.sparkContext().defaultParallelism();
            int perSlice = (rows.size() + parallelism - 1) / parallelism;
            assertThat(d.pieces())
                    .isEqualTo(parallelism * ((perSlice + DriverRows.PIECE_ROWS - 1) / DriverRows.PIECE_ROWS))
                    .isGreaterThan(parallelism);
            assertThat(d.frame().schema()).isEqualTo(schema);
            assertThat(d.frame().collectAsList()).as("the same rows, in order").isEqualTo(rows);
            assertThat(slices(d.frame()))
                    .as("cut as a local relation is")
                    .isEqualTo(slices(spark.createDataFrame(rows, schema)))
                    .hasSize(spark.sparkContext().defaultParallelism());
        }
    }

    /** A driver-side value a view turns into a row. */
    record Value(int i, String s) implements java.io.Serializable {
        static Row row(Value v) {
            return RowFactory.create(v.i(), v.s());
        }
    }

    @Test
    void aViewsRowsAreMadeInTheTasksFromItsBroadcastValues() {
        StructType schema = StructType.fromDDL("i INT NOT NULL, s STRING");
        List<Value> values = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            values.add(new Value(i, i % 5 == 0 ? null : "value " + i + " of a result row's text columns"));
            rows.add(Value.row(values.get(i)));
        }
        RowView<Value> view = RowView.of(values, Value::row);
        assertThat(view).isEqualTo(rows);
        try (DriverRows d = DriverRows.of(spark, view, schema)) {
            assertThat(d.broadcast()).isTrue();
            assertThat(d.frame().collectAsList()).as("the same rows, in order").isEqualTo(rows);
            assertThat(slices(d.frame())).isEqualTo(slices(spark.createDataFrame(rows, schema)));
        }
    }

    /** The rows in each partition the DataFrame's plan makes. */
    static List<Integer> slices(Dataset<Row> df) {
        Function<List<InternalRow>, Integer> size = List::size;
        return df.queryExecution().toRdd().toJavaRDD().glom().map(size).collect();
    }

    @Test
    void fewRowsStayALocalRelation() {
        StructType schema = StructType.fromDDL("i INT, s STRING");
        try (DriverRows d = DriverRows.of(spark, List.of(RowFactory.create(1, "a")), schema)) {
            assertThat(d.broadcast()).isFalse();
            assertThat(d.frame().collectAsList()).containsExactly(RowFactory.create(1, "a"));
        }
        try (DriverRows d = DriverRows.of(spark, List.of(), schema)) {
            assertThat(d.broadcast()).isFalse();
            assertThat(d.frame().count()).isZero();
        }
    }

    /**
     * A fit whose profile is over Spark's recommended task size (every fit of the demo's 50,000 rows
     * used to warn, its 7 MB profile inside one task) sends no large task, and a run MERGEs its
     * results without one either.
     */
    @Test
    void aFitWithAProfileOverTheRecommendedTaskSizeSendsNoLargeTask() {
        SyntheticData.Options o = new SyntheticData.Options(4_000, 12_000, 8, 3, 0.5, "parquet");
        SyntheticData.write(spark, dir.resolve("data").toString(), o, 2);
        String output = dir.resolve("fit").toString();
        String yaml = """
        monitor: large_profile
        reference: {path: %1$s/reference, format: parquet}
        analysis: {path: %1$s/analysis, format: parquet}
        targets: {path: %1$s/analysis_targets, format: parquet, join_on: id}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba, target: repaid,
                  segments: [region]}
        chunking: {size: 2000}
        calculators:
          univariate_drift: {continuous_methods: [kolmogorov_smirnov, wasserstein, jensen_shannon]}
          data_quality: {metrics: [missing_values, mean, median, row_count]}
          realized_performance: {metrics: [roc_auc, f1]}
        output: {path: %2$s}
        """.formatted(dir.resolve("data"), output);
        MonitorConfig config = new ConfigLoader(k -> null).parse(yaml, "large_profile", List.of());
        try (LogCapture log = LogCapture.of(TASKS, Level.WARN)) {
            new MonitorRun(spark, Clock.systemUTC()).run(config, true);
            assertThat(log.text()).doesNotContain(LARGE_TASK);
        }
        long bytes = spark.read()
                .format("delta")
                .load(OutputTables.REFERENCE_PROFILES.path(output))
                .first()
                .getAs("profile_bytes");
        assertThat(bytes).as("a profile the fit used to send inside a task").isGreaterThan(1000L * 1024);
    }
}
