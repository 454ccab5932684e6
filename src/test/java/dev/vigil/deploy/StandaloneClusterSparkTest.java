package dev.vigil.deploy;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.cli.Main;
import dev.vigil.generate.SyntheticData;
import dev.vigil.results.OutputTable;
import dev.vigil.results.OutputTables;
import dev.vigil.results.ResultSchema;
import dev.vigil.testing.SparkTestBase;
import dev.vigil.testing.StandaloneCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vigil on a real multi-JVM Spark standalone cluster (issue 14): a Master and two Workers (1 core, 1
 * GiB each) started by the test as separate JVMs on loopback, the CLI submitted with {@code
 * SparkSubmit --master spark://127.0.0.1:PORT --deploy-mode client}, Delta given as {@code --jars}
 * (see {@link StandaloneCluster}: the Spark installation is assembled from Maven's jars, and the
 * application is {@code target/classes} as a jar plus the dependencies the shade plugin would put
 * into the cluster jar, as {@code --jars}, since {@code mvn test} runs before the shaded jar
 * exists). Each case runs the same commands in local mode (in this JVM, the tests' local[2]
 * session: as many cores as the cluster's two executors, and the same shuffle partitions, so both
 * read the same splits) and compares the Delta tables row by row:
 *
 * <ul>
 *   <li>a full run with every calculator on (univariate drift with every method, multivariate
 *       drift, realized and estimated performance with every binary metric, data quality with
 *       every metric), by segment;
 *   <li>production mode: {@code fit}, then a production run of day one ({@code --run-date}: it
 *       uses the stored profile, and reads only its own partition: {@code incremental: true}), then
 *       the incremental run of day two, whose partitions are cut at noon so the second day's chunk
 *       merges states of both runs (the {@code chunk_states} table).
 * </ul>
 *
 * Every submission must finish with exit 0; its executors must really have run tasks (the event log's
 * task ends, on both executors, none on the driver; and the executors' own logs in the Workers' work
 * folders); Vigil's progress lines must reach the driver's log at INFO under spark-submit (the
 * cluster's logging, Spark's defaults here, knows nothing of Vigil); and no task may be over Spark's
 * recommended size ({@code contains a task of very large size}: the reference profile used to
 * travel inside a task). The cluster is started once for the class and every process it started is
 * stopped afterwards, failures included; none may be left.
 */
@Tag("slow")
class StandaloneClusterSparkTest extends SparkTestBase {
    static final int ROWS_PER_DAY = 1440; // the generator's rows are 60 s apart
    /**
     * Six days of reference (2024-01-01 to 01-06): enough rows for a profile over Spark's recommended
     * task size (1000 KiB), which a fit used to send inside one task.
     */
    static final int REFERENCE_DAYS = 6;

    static final String DAY1 = "2024-01-07";
    static final String DAY2 = "2024-01-08";
    static final long DAY1_START = 1_704_585_600L; // 2024-01-07T00:00:00Z

    /**
     * The tolerance for doubles: the same computations in the same order give the same bits, but a
     * floating sum's merge order may differ (the shuffle delivers the partitions' states in the order
     * they arrive, in local mode as on a cluster), which changes its last bit, and two cluster runs
     * differ from each other that way too. Measured here: none or a handful of values per run, never
     * more than the last bits. The same tolerance decides that a MERGE leaves a row unchanged
     * (DeltaMerge.SAME_VALUE_TOLERANCE).
     */
    static final double LAST_BITS = 1e-12;

    @TempDir
    static Path dir;

    static StandaloneCluster cluster;

    @BeforeAll
    static void generateAndStartTheCluster() throws Exception {
        session();
        SyntheticData.Options o = new SyntheticData.Options(
                2L * ROWS_PER_DAY, (long) REFERENCE_DAYS * ROWS_PER_DAY, 4, 7, 0.5, "parquet");
        SyntheticData.reference(spark, o, 1)
                .write()
                .mode(SaveMode.Overwrite)
                .parquet(dir.resolve("reference").toString());
        Dataset<Row> analysis = SyntheticData.analysisWithTargets(spark, o, 1).cache();
        assertThat(analysis.agg(org.apache.spark.sql.functions.min("timestamp"))
                        .first()
                        .getTimestamp(0)
                        .toInstant()
                        .getEpochSecond())
                .isEqualTo(DAY1_START);
        // the partitions of the daily runs, cut at noon of day two
        partition(analysis, DAY1, 0, 36);
        partition(analysis, DAY2, 36, 48);
        analysis.select("id", "repaid").write().parquet(dir.resolve("targets").toString());
        analysis.unpersist();
        cluster = StandaloneCluster.start(dir.resolve("cluster"), 2);
    }

    static void partition(Dataset<Row> analysis, String day, int fromHour, int toHour) {
        var seconds = col("timestamp").cast(DataTypes.LongType);
        analysis.where(seconds.geq(DAY1_START + fromHour * 3600L).and(seconds.lt(DAY1_START + toHour * 3600L)))
                .drop("repaid")
                .write()
                .parquet(dir.resolve("analysis").resolve("date=" + day).toString());
    }

    @AfterAll
    static void stopTheCluster() throws Exception {
        if (cluster == null) {
            return;
        }
        cluster.close();
        List<String> left = cluster.leftovers();
        for (int i = 0; i < 30 && !left.isEmpty(); i++) {
            Thread.sleep(1000);
            left = cluster.leftovers();
        }
        assertThat(left).as("processes the test started that are still running").isEmpty();
    }

    @Test
    void aFullRunWithEveryCalculatorEqualsTheSameRunInLocalMode() throws Exception {
        String yaml = """
        monitor: cluster_full
        reference: {path: %1$s/reference, format: parquet}
        analysis: {path: %1$s/analysis, format: parquet}
        targets: {path: %1$s/targets, format: parquet, join_on: id}
        columns:
          timestamp: timestamp
          id: id
          features: [num_0, num_1, num_2, cat_0]
          prediction: y_pred
          scores: y_pred_proba
          target: repaid
          segments: [region]
        chunking: {size: 480}
        calculators:
          univariate_drift:
            continuous_methods: [kolmogorov_smirnov, jensen_shannon, wasserstein, hellinger, psi, total_variation]
            categorical_methods: [chi2, jensen_shannon, hellinger, l_infinity, psi, total_variation]
          multivariate_drift: {n_components: 0.65}
          data_quality: {metrics: [missing_values, unseen_values, numerical_range, mean, std, median, sum, row_count]}
          realized_performance:
            metrics: [roc_auc, f1, precision, recall, specificity, accuracy, average_precision, confusion_matrix, business_value]
            business_value_matrix: [[0, -200], [-100, 1000]]
          estimated_performance:
            metrics: [roc_auc, f1, precision, recall, specificity, accuracy, average_precision, confusion_matrix, business_value]
            business_value_matrix: [[0, -200], [-100, 1000]]
        output: {path: %2$s}
        """;
        Path localCfg = config("full-local", yaml);
        Path clusterCfg = config("full-cluster", yaml);
        local("run", "--config", localCfg.toString());
        StandaloneCluster.Submitted run = submitted("full", "run", "--config", clusterCfg.toString());
        assertThat(run.log()).containsPattern("\\bINFO\\s+Chunker: reference: ");
        assertThat(run.tasksByExecutor().keySet())
                .as("tasks ran on both executors")
                .hasSizeGreaterThanOrEqualTo(2);

        assertSameTables(output("full-local"), output("full-cluster"));
        Map<List<Object>, Row> results = rows(output("full-cluster"), OutputTables.RESULTS);
        for (String calculator : List.of(
                "univariate_drift",
                "multivariate_drift",
                "data_quality",
                "realized_performance",
                "estimated_performance")) {
            assertThat(results.keySet().stream().filter(k -> k.get(1).equals(calculator)))
                    .as(calculator)
                    .isNotEmpty();
        }
    }

    @Test
    void fitThenProductionAndIncrementalRunsEqualTheSameRunsInLocalMode() throws Exception {
        String yaml = """
        monitor: cluster_daily
        reference: {path: %1$s/reference, format: parquet}
        analysis: {path: "%1$s/analysis/date={{run_date}}", format: parquet}
        targets: {path: %1$s/targets, format: parquet, join_on: id}
        columns:
          timestamp: timestamp
          id: id
          features: [num_0, num_1, num_2, cat_0]
          prediction: y_pred
          scores: y_pred_proba
          target: repaid
          segments: [region]
        chunking: {period: day}
        incremental: true
        calculators:
          univariate_drift: {continuous_methods: [kolmogorov_smirnov, jensen_shannon], categorical_methods: [chi2, jensen_shannon]}
          multivariate_drift: {n_components: 0.65}
          data_quality: {metrics: [missing_values, unseen_values, mean, std, median, row_count]}
          realized_performance: {metrics: [roc_auc, f1, accuracy, confusion_matrix]}
          estimated_performance: {metrics: [roc_auc, f1]}
        output: {path: %2$s}
        """;
        Path localCfg = config("daily-local", yaml);
        Path clusterCfg = config("daily-cluster", yaml);
        String local = output("daily-local");
        String onCluster = output("daily-cluster");

        local("fit", "--config", localCfg.toString(), "--run-date", DAY1);
        local("run", "--config", localCfg.toString(), "--run-date", DAY1);
        Map<OutputTable, Map<List<Object>, Row>> localDay1 = tables(local);
        local("run", "--config", localCfg.toString(), "--run-date", DAY2);

        StandaloneCluster.Submitted fit =
                submitted("fit", "fit", "--config", clusterCfg.toString(), "--run-date", DAY1);
        assertThat(fit.log()).containsPattern("\\bINFO\\s+ProfileStore: stored reference profile v1 of cluster_daily");
        assertSameProfiles(local, onCluster);
        long profileBytes = spark.read()
                .format("delta")
                .load(OutputTables.REFERENCE_PROFILES.path(onCluster))
                .first()
                .getAs("profile_bytes");
        assertThat(profileBytes)
                .as("a profile that used to travel inside one task, over the recommended 1000 KiB")
                .isGreaterThan(1000L * 1024);

        StandaloneCluster.Submitted day1 =
                submitted("day1", "run", "--config", clusterCfg.toString(), "--run-date", DAY1);
        assertThat(day1.log())
                .as("a production run: the stored profile, Vigil's line at INFO in the driver log")
                .containsPattern("\\bINFO\\s+ProfileStage: using stored reference profile v1 of cluster_daily");
        assertSameTables(localDay1, tables(onCluster));

        StandaloneCluster.Submitted day2 =
                submitted("day2", "run", "--config", clusterCfg.toString(), "--run-date", DAY2);
        assertThat(day2.log()).containsPattern("\\bINFO\\s+ProfileStage: using stored reference profile v1");
        assertSameTables(local, onCluster);
        Map<List<Object>, Row> results = rows(onCluster, OutputTables.RESULTS);
        assertThat(results.values().stream()
                        .filter(r -> r.getAs("period").equals("analysis"))
                        .map(r -> (String) r.getAs("chunk_key"))
                        .distinct()
                        .sorted())
                .containsExactly(DAY1, DAY2);
        assertThat(spark.read()
                        .format("delta")
                        .load(OutputTables.CHUNK_STATES.path(onCluster))
                        .select("source")
                        .distinct()
                        .count())
                .as("one stored source per daily run")
                .isEqualTo(2);
    }

    /**
     * The calculators that train MLlib models on the cluster: the domain classifier (multivariate
     * drift) and DLE (estimated regression performance, here the score read as a regression of the
     * 0/1 target). Their trees are fitted by executors, on the same splits as in local mode.
     */
    @Test
    void mllibRunsEqualTheSameRunInLocalMode() throws Exception {
        String yaml = """
        monitor: cluster_mllib
        problem_type: regression
        reference: {path: %1$s/reference, format: parquet}
        analysis: {path: %1$s/analysis, format: parquet}
        targets: {path: %1$s/targets, format: parquet, join_on: id}
        columns:
          timestamp: timestamp
          id: id
          features: [num_0, num_1, num_2, cat_0]
          prediction: y_pred_proba
          target: repaid
        chunking: {size: 4320}
        calculators:
          univariate_drift: {continuous_methods: [jensen_shannon], categorical_methods: [jensen_shannon]}
          multivariate_drift: {method: domain_classifier, n_estimators: 5, max_depth: 3, cv_folds_num: 2, max_training_rows: 1000}
          estimated_performance:
            metrics: [mae, mse, rmse]
            hyperparameters: {n_estimators: 5, max_depth: 3}
        output: {path: %2$s}
        """;
        Path localCfg = config("mllib-local", yaml);
        Path clusterCfg = config("mllib-cluster", yaml);
        local("run", "--config", localCfg.toString());
        StandaloneCluster.Submitted run = submitted("mllib", "run", "--config", clusterCfg.toString());
        assertThat(String.join("\n", cluster.executorLogs(run.appId())))
                .as("the trees' work ran on the executors")
                .containsPattern("Finished task \\S+ in stage");
        assertSameTables(output("mllib-local"), output("mllib-cluster"));
        Map<List<Object>, Row> results = rows(output("mllib-cluster"), OutputTables.RESULTS);
        for (String calculator : List.of("multivariate_drift", "estimated_performance")) {
            assertThat(results.values().stream()
                            .filter(r -> r.getAs("calculator").equals(calculator))
                            .filter(r -> r.getAs("value") != null))
                    .as(calculator + " values")
                    .isNotEmpty();
        }
    }

    // ---------------------------------------------------------------- running

    static Path config(String name, String yaml) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml.formatted(dir, output(name)));
        return file;
    }

    static String output(String name) {
        return dir.resolve("out").resolve(name).toString();
    }

    /** The command in local mode, in this JVM (the tests' local[2] session). */
    static void local(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out), new PrintStream(err));
        assertThat(code)
                .as(String.join(" ", args) + "\n" + out.toString(StandardCharsets.UTF_8)
                        + err.toString(StandardCharsets.UTF_8))
                .isZero();
    }

    /**
     * The command on the cluster: it succeeded, its executors ran its tasks (none ran on the driver),
     * the executors' logs say so too, and no task was over Spark's recommended size.
     */
    static StandaloneCluster.Submitted submitted(String name, String... args) throws Exception {
        long start = System.nanoTime();
        StandaloneCluster.Submitted s = cluster.submit(name, args);
        System.out.printf(
                "cluster %s (%s): exit %d in %.1f s, tasks by executor %s%n",
                name, s.appId(), s.code(), (System.nanoTime() - start) / 1e9, s.tasksByExecutor());
        assertThat(s.code()).as(s.log()).isZero();
        Map<String, Integer> tasks = s.tasksByExecutor();
        assertThat(tasks).as("tasks by executor").isNotEmpty().doesNotContainKey("driver");
        List<String> executorLogs = cluster.executorLogs(s.appId());
        assertThat(executorLogs).as("executor logs of " + s.appId()).isNotEmpty();
        assertThat(String.join("\n", executorLogs)).containsPattern("Finished task \\S+ in stage");
        assertThat(s.log()).doesNotContain("contains a task of very large size");
        return s;
    }

    // ---------------------------------------------------------------- comparing

    /** The tables both runs write and a comparison can expect to be equal. */
    static final List<OutputTable> COMPARED = List.of(OutputTables.RESULTS, OutputTables.DISTRIBUTIONS);

    static Map<OutputTable, Map<List<Object>, Row>> tables(String output) {
        Map<OutputTable, Map<List<Object>, Row>> out = new LinkedHashMap<>();
        for (OutputTable t : COMPARED) {
            out.put(t, rows(output, t));
        }
        return out;
    }

    static Map<List<Object>, Row> rows(String output, OutputTable table) {
        Map<List<Object>, Row> out = new LinkedHashMap<>();
        for (Row r : spark.read().format("delta").load(table.path(output)).collectAsList()) {
            List<Object> key = new ArrayList<>();
            for (String k : table.key()) {
                key.add(r.getAs(k));
            }
            assertThat(out.put(key, r)).as("duplicate key %s", key).isNull();
        }
        return out;
    }

    static void assertSameTables(String local, String onCluster) {
        assertSameTables(tables(local), tables(onCluster));
    }

    /**
     * Every row of every compared table equal, apart from the run's id and time; doubles to the last
     * bits ({@link #LAST_BITS}). Prints how many doubles were not bit for bit equal.
     */
    static void assertSameTables(
            Map<OutputTable, Map<List<Object>, Row>> local, Map<OutputTable, Map<List<Object>, Row>> onCluster) {
        for (OutputTable t : COMPARED) {
            Map<List<Object>, Row> a = local.get(t);
            Map<List<Object>, Row> b = onCluster.get(t);
            assertThat(b.keySet()).as(t.name() + " keys").isEqualTo(a.keySet());
            assertThat(a).as(t.name()).isNotEmpty();
            List<String> different = new ArrayList<>();
            int notBitEqual = 0;
            int doubles = 0;
            for (var e : a.entrySet()) {
                Row x = e.getValue();
                Row y = b.get(e.getKey());
                for (StructField f : t.schema().fields()) {
                    if (ResultSchema.RUN_COLUMNS.contains(f.name())) {
                        continue;
                    }
                    Object u = x.getAs(f.name());
                    Object v = y.getAs(f.name());
                    if (u instanceof Double du && v instanceof Double dv) {
                        doubles++;
                        if (Double.doubleToLongBits(du) != Double.doubleToLongBits(dv)) {
                            notBitEqual++;
                            double tolerance = LAST_BITS * Math.max(Math.abs(du), Math.abs(dv));
                            if (!(Math.abs(du - dv) <= tolerance)) {
                                different.add(e.getKey() + " " + f.name() + ": local " + du + ", cluster " + dv);
                            }
                        }
                    } else if (!Objects.equals(u, v)) {
                        different.add(e.getKey() + " " + f.name() + ": local " + u + ", cluster " + v);
                    }
                }
            }
            System.out.printf(
                    "%s: %d rows equal; %d of %d doubles not bit for bit equal (within %.0e relative)%n",
                    t.name(), a.size(), notBitEqual, doubles, LAST_BITS);
            assertThat(different).as(t.name() + ": values that differ").isEmpty();
        }
    }

    /** The stored profiles say the same: version, fingerprint, reference rows and chunks, calculators. */
    static void assertSameProfiles(String local, String onCluster) {
        List<String> columns =
                List.of("monitor", "version", "fingerprint", "reference_rows", "reference_chunks", "calculators");
        Dataset<Row> a = spark.read().format("delta").load(OutputTables.REFERENCE_PROFILES.path(local));
        Dataset<Row> b = spark.read().format("delta").load(OutputTables.REFERENCE_PROFILES.path(onCluster));
        assertThat(b.selectExpr(columns.toArray(String[]::new)).collectAsList())
                .isEqualTo(a.selectExpr(columns.toArray(String[]::new)).collectAsList())
                .hasSize(1);
    }
}
