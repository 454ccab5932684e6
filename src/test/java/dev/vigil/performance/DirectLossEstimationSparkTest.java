package dev.vigil.performance;

import static org.apache.spark.sql.functions.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.calculators.Calculators;
import dev.vigil.calculators.ChunkStates;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.chunking.Chunker;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.MonitorConfig;
import dev.vigil.internal.UserException;
import dev.vigil.ml.SparkLearner;
import dev.vigil.pipeline.MonitorRun;
import dev.vigil.results.ResultRow;
import dev.vigil.scan.Scanner;
import dev.vigil.testing.JobCounter;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DLE end to end on synthetic data whose loss is planted: y = ŷ + noise with the noise 6 times
 * larger where the category is 'b', and the analysis chunks' share of 'b' ramps from 10% to 90%.
 * Missing numbers, missing categories, an unseen category and missing predictions are in the data,
 * and a categorical feature with 200 values (more than MLlib's trees take as categories: used as
 * its frequency rank). Few small trees keep it fast.
 */
class DirectLossEstimationSparkTest extends SparkTestBase {
    static final int ROWS = 6000;
    static final int CHUNK = 1000;
    static final double[] SHARE_B = {0.1, 0.3, 0.5, 0.7, 0.9, 0.3};
    static final List<String> METRICS = List.of("mae", "mape", "mse", "rmse", "msle", "rmsle");

    @TempDir
    static Path dir;

    static Map<String, ResultRow> results;

    /**
     * Rows [0, ROWS): 'b' with the given share per chunk of CHUNK rows; 'z' (unseen) in 2% when
     * {@code unseen}.
     */
    static Dataset<Row> data(long seed, double[] shareOfB, boolean unseen) {
        Column chunk = floor(col("id").divide(CHUNK)).cast("int");
        Column share = lit(shareOfB[0]);
        for (int i = 1; i < shareOfB.length; i++) {
            share = when(chunk.equalTo(i), lit(shareOfB[i])).otherwise(share);
        }
        Column u = rand(seed);
        Column category = when(u.lt(0.01), lit(null).cast("string"))
                .when(u.lt(unseen ? 0.03 : 0.01), lit("z"))
                .when(u.lt(share), lit("b"))
                .otherwise(lit("a"));
        Column x = when(rand(seed + 1).lt(0.02), lit(null).cast("double"))
                .otherwise(rand(seed + 2).multiply(10));
        Column noise = randn(seed + 3).multiply(when(col("c").equalTo("b"), 6.0).otherwise(1.0));
        return session()
                .range(0, ROWS, 1, 2)
                .withColumn("ts", timestamp_seconds(col("id").multiply(60).plus(1_700_000_000L)))
                .withColumn("c", category)
                .withColumn("x", x)
                .withColumn("w", rand(seed + 4))
                .withColumn("k", concat(lit("k"), pmod(col("id"), lit(200)).cast("string")))
                .withColumn(
                        "y_true",
                        greatest(
                                lit(0.5),
                                lit(40.0).plus(coalesce(col("x"), lit(5.0))).plus(noise)))
                .withColumn(
                        "y_pred",
                        when(rand(seed + 5).lt(0.01), lit(null).cast("double"))
                                .otherwise(lit(40.0).plus(coalesce(col("x"), lit(5.0)))));
    }

    static String yaml(String estimatedPerformance) {
        return """
        monitor: planted
        problem_type: regression
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        columns: {timestamp: ts, id: id, features: [x, w, c, k], prediction: y_pred, target: y_true}
        chunking: {size: %d}
        calculators:
          realized_performance: {}
          estimated_performance: %s
        """.formatted(dir.resolve("ref"), dir.resolve("ana"), CHUNK, estimatedPerformance);
    }

    @BeforeAll
    static void run() {
        data(1, new double[] {0.3}, false).write().parquet(dir.resolve("ref").toString());
        data(101, SHARE_B, true).write().parquet(dir.resolve("ana").toString());
        MonitorConfig cfg = new ConfigLoader(k -> null)
                .parse(yaml("{hyperparameters: {n_estimators: 5, max_depth: 4}}"), "test", List.of());
        results = new HashMap<>();
        for (ResultRow r :
                new MonitorRun(session(), Clock.systemUTC()).compute(cfg, "t").rows()) {
            if (r.segment() == null && r.calculator().endsWith("performance")) {
                results.put(r.calculator() + "|" + r.metric() + "|" + r.period() + "|" + r.chunkIndex(), r);
            }
        }
    }

    /**
     * The DLE models survive the stored reference profile: the second run of the same configuration
     * loads the fitted calculators (MLlib models included) from reference_profiles and gives the same
     * estimates.
     */
    @Test
    void storedProfileGivesTheSameEstimates() {
        MonitorConfig cfg = new ConfigLoader(k -> null)
                .withOutputPath(dir.resolve("out").toString())
                .parse(yaml("{hyperparameters: {n_estimators: 5, max_depth: 4}}"), "test", List.of());
        MonitorRun run = new MonitorRun(session(), Clock.systemUTC());
        run.run(cfg);
        List<ResultRow> second = run.run(cfg).rows();
        assertThat(session()
                        .read()
                        .format("delta")
                        .load(dir.resolve("out/reference_profiles").toString())
                        .count())
                .as("the second run reused the first run's profile")
                .isEqualTo(1);
        int compared = 0;
        for (ResultRow r : second) {
            ResultRow first = results.get(r.calculator() + "|" + r.metric() + "|" + r.period() + "|" + r.chunkIndex());
            if (r.segment() == null && r.calculator().equals("estimated_performance")) {
                assertThat(r.value())
                        .as(r.metric() + " " + r.period() + " " + r.chunkIndex())
                        .isCloseTo(first.value(), within(1e-9 * Math.abs(first.value())));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(METRICS.size() * (ROWS / CHUNK) * 2);
    }

    static ResultRow estimated(String metric, String period, int chunk) {
        return results.get("estimated_performance|" + metric + "|" + period + "|" + chunk);
    }

    static ResultRow realized(String metric, String period, int chunk) {
        return results.get("realized_performance|" + metric + "|" + period + "|" + chunk);
    }

    @Test
    void estimatesFollowThePlantedLoss() {
        double previous = 0;
        for (int i = 0; i < 5; i++) {
            ResultRow e = estimated("mae", "analysis", i);
            System.err.printf(
                    "planted chunk %d: share b %.1f, mae realized %.3f estimated %.3f; rmse realized %.3f"
                            + " estimated %.3f%n",
                    i,
                    SHARE_B[i],
                    e.realized(),
                    e.value(),
                    estimated("rmse", "analysis", i).realized(),
                    estimated("rmse", "analysis", i).value());
            assertThat(e.value())
                    .as("chunk %d: the estimate grows with the share of noisy rows", i)
                    .isGreaterThan(previous);
            previous = e.value();
            for (String m : List.of("mae", "rmse")) {
                ResultRow r = estimated(m, "analysis", i);
                assertThat(r.value()).as(m + " chunk " + i).isCloseTo(r.realized(), within(0.15 * r.realized()));
            }
        }
        // the ramp from 10% to 90% noisy rows triples the loss; the estimate sees it
        assertThat(estimated("mae", "analysis", 4).value())
                .isGreaterThan(2.5 * estimated("mae", "analysis", 0).value());
    }

    @Test
    void everyMetricOnEveryChunkOfBothPeriods() {
        for (String period : List.of("reference", "analysis")) {
            for (int i = 0; i < 6; i++) {
                for (String m : METRICS) {
                    ResultRow r = estimated(m, period, i);
                    assertThat(r).as(m + " " + period + " " + i).isNotNull();
                    assertThat(r.value())
                            .as(m + " " + period + " " + i)
                            .isNotNull()
                            .isPositive();
                    assertThat(r.columnName()).isNull();
                }
            }
        }
        assertThat(results.keySet().stream()
                        .filter(k -> k.startsWith("estimated_performance|"))
                        .count())
                .isEqualTo(2 * 6 * METRICS.size());
    }

    @Test
    void thresholdsSamplingErrorsAndRealizedAreRealizedPerformances() {
        for (String period : List.of("reference", "analysis")) {
            for (int i = 0; i < 6; i++) {
                for (String m : METRICS) {
                    ResultRow e = estimated(m, period, i);
                    ResultRow r = realized(m, period, i);
                    String where = m + " " + period + " " + i;
                    assertThat(e.realized()).as(where).isEqualTo(r.value());
                    assertThat(e.lowerThreshold()).as(where).isEqualTo(r.lowerThreshold());
                    assertThat(e.upperThreshold()).as(where).isEqualTo(r.upperThreshold());
                    // NannyML's n is the rows with a prediction; every row here has a target, so it is
                    // realized's n
                    assertThat(e.samplingError())
                            .as(where)
                            .isCloseTo(r.samplingError(), within(1e-12 * r.samplingError()));
                    assertThat(e.upperConfidenceBound()).as(where).isEqualTo(e.value() + 3 * e.samplingError());
                    assertThat(e.lowerConfidenceBound())
                            .as(where)
                            .isEqualTo(Math.max(0, e.value() - 3 * e.samplingError()));
                    boolean outside = e.upperThreshold() != null && e.value() > e.upperThreshold()
                            || e.lowerThreshold() != null && e.value() < e.lowerThreshold();
                    assertThat(e.alert()).as(where).isEqualTo(outside);
                }
            }
        }
    }

    @Test
    void rootMetricsAreRootsOfTheMeanSquaredOnes() {
        for (int i = 0; i < 6; i++) {
            assertThat(estimated("rmse", "analysis", i).value())
                    .isCloseTo(Math.sqrt(estimated("mse", "analysis", i).value()), within(1e-9));
            assertThat(estimated("rmsle", "analysis", i).value())
                    .isCloseTo(Math.sqrt(estimated("msle", "analysis", i).value()), within(1e-12));
        }
    }

    /**
     * The fitted models' columns are a narrow projection: scanning the analysis with them costs the
     * jobs of a scan without them, and every predicted loss is a number at least 0 (unseen and
     * missing inputs included).
     */
    @Test
    void predictedLossesRideInTheAnalysisScan() {
        MonitorConfig cfg = new ConfigLoader(k -> null)
                .parse(
                        yaml("{metrics: [mae, mape], hyperparameters: {n_estimators: 2, max_depth: 3}}"),
                        "test",
                        List.of());
        var cols = cfg.columns();
        DirectLossEstimationCalculator dle = new DirectLossEstimationCalculator(
                cfg.calculator(Calculators.get(EstimatedPerformanceType.class)),
                cols.target(),
                cols.prediction(),
                List.of("x", "w"),
                List.of("c", "k"),
                Map.of());
        Chunker chunker = new Chunker(cfg.chunking(), cols.timestamp());
        Scanner scanner = new Scanner(cols.timestamp(), List.of());
        Dataset<Row> ref = derive(
                dle, chunker.assign(session().read().parquet(dir.resolve("ref").toString()), "reference"));
        List<ChunkStates> refGroups = scanner.scan(ref, dle.referenceSpecs(), "reference");
        FittedCalculator fitted = dle.fit(
                ChunkTable.of(chunker.describe(refGroups, "reference"), refGroups), SparkLearner.onReference(ref));
        Dataset<Row> ana = derive(
                dle, chunker.assign(session().read().parquet(dir.resolve("ana").toString()), "analysis"));

        int plain;
        try (JobCounter jobs = new JobCounter(session())) {
            scanner.scan(ana, dle.referenceSpecs(), "analysis");
            plain = jobs.jobs();
        }
        Dataset<Row> transformed = SparkLearner.withModelColumns(List.of(fitted), ana);
        try (JobCounter jobs = new JobCounter(session())) {
            scanner.scan(transformed, fitted.analysisSpecs(), "analysis");
            assertThat(jobs.jobs()).as("jobs: " + jobs.callSites()).isEqualTo(plain);
        }
        Set<String> outputs = Set.of(
                DirectLossEstimationCalculator.output(RegressionProblem.Loss.AE),
                DirectLossEstimationCalculator.output(RegressionProblem.Loss.APE));
        assertThat(transformed.columns()).contains(outputs.toArray(String[]::new));
        assertThat(transformed.columns()).hasSize(ana.columns().length + outputs.size());
        for (String o : outputs) {
            Row stats = transformed.agg(count(col(o)), min(col(o))).first();
            assertThat(stats.getLong(0)).as(o + " is never null").isEqualTo(ROWS);
            assertThat(stats.getDouble(1)).as(o + " is clipped at 0").isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aReferenceWithoutTargetsIsAUserError() {
        data(7, new double[] {0.3}, false)
                .withColumn("y_true", lit(null).cast("double"))
                .write()
                .parquet(dir.resolve("ref_no_targets").toString());
        String yaml = yaml("{metrics: [mae]}")
                .replace(
                        dir.resolve("ref").toString(),
                        dir.resolve("ref_no_targets").toString());
        MonitorConfig cfg = new ConfigLoader(k -> null).parse(yaml, "test", List.of());
        assertThatThrownBy(() -> new MonitorRun(session(), Clock.systemUTC()).compute(cfg, "t"))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(
                        "reference data has no row with both a target ('y_true') and a prediction ('y_pred')");
    }

    static Dataset<Row> derive(DirectLossEstimationCalculator c, Dataset<Row> df) {
        for (var e : c.derivedColumns().entrySet()) {
            df = df.withColumn(e.getKey(), expr(e.getValue()));
        }
        return df;
    }
}
