package dev.vigil.scan;

import static org.apache.spark.sql.functions.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.chunking.Chunker;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.MonitorConfig;
import dev.vigil.pipeline.Inputs;
import dev.vigil.pipeline.MonitorRun;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.testing.JobCounter;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pass budget: the Spark jobs a whole run costs — data quality, univariate drift with every
 * method, multivariate drift, realized and estimated performance — and the analysis side of it do
 * not depend on the number of columns or chunks: 2 vs 60 columns, 3 vs 300 chunks.
 */
class OnePassSparkTest extends SparkTestBase {
    static final int ROWS = 3000;

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeData() {
        List<Column> cols = new ArrayList<>();
        cols.add(col("id"));
        cols.add(timestamp_seconds(col("id").multiply(60).plus(1_700_000_000L)).as("ts"));
        for (int i = 0; i < 50; i++) {
            cols.add(rand(i).multiply(i + 1).as("x" + i));
        }
        for (int i = 0; i < 10; i++) {
            cols.add(concat(lit("v"), floor(rand(100 + i).multiply(5)).cast("string"))
                    .as("c" + i));
        }
        cols.add(round(rand(999), 2).as("score"));
        cols.add(when(rand(999).geq(0.5), 1).otherwise(0).as("pred"));
        cols.add(when(rand(1000).lt(rand(999)), 1).otherwise(0).as("target"));
        Dataset<Row> df = session().range(0, ROWS, 1, 3).select(cols.toArray(Column[]::new));
        df.write().parquet(dir.resolve("ref").toString());
        df.write().parquet(dir.resolve("ana").toString());
    }

    /** Jobs of a whole run (reference and analysis) and of the analysis side alone. */
    static int[] jobs(int columns, int chunkSize) {
        return jobs(columns, chunkSize, "");
    }

    /** The same, with {@code segments} added to the columns section (e.g. ", segments: [c0]"). */
    static int[] jobs(int columns, int chunkSize, String segments) {
        return jobs(columns, chunkSize, segments, "");
    }

    /** The same, with {@code calculators} (YAML lines under calculators:) added. */
    static int[] jobs(int columns, int chunkSize, String segments, String calculators) {
        List<String> features = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            features.add(i % 6 == 5 ? "c" + (i / 6 % 10) : "x" + (i % 50));
        }
        String yaml = """
        monitor: jobs
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        columns: {timestamp: ts, id: id, features: %s, prediction: pred, scores: score, target: target%s}
        chunking: {size: %d}
        calculators:
          data_quality: {}
          multivariate_drift: {}
          realized_performance: {metrics: [roc_auc, f1, confusion_matrix]}
          estimated_performance: {metrics: [roc_auc, f1, confusion_matrix]}
          univariate_drift:
            continuous_methods: [kolmogorov_smirnov, jensen_shannon, wasserstein, hellinger, psi]
            categorical_methods: [chi2, jensen_shannon, hellinger, l_infinity, psi]
        %s
        """.formatted(
                        dir.resolve("ref"),
                        dir.resolve("ana"),
                        features.stream().distinct().toList(),
                        segments,
                        chunkSize,
                        calculators);
        MonitorConfig cfg = new ConfigLoader(k -> null).parse(yaml, "test", List.of());
        MonitorRun run = new MonitorRun(session(), Clock.systemUTC());
        run.compute(cfg, "warm-up");
        try (JobCounter all = new JobCounter(session())) {
            MonitorRun.Outcome out = run.compute(cfg, "count");
            assertThat(out.analysisChunks()).isEqualTo((ROWS + chunkSize - 1) / chunkSize);
            int total = all.jobs();
            return new int[] {total, AnalysisJobs.count(session(), cfg)};
        }
    }

    @Test
    void jobsDoNotGrowWithColumnsOrChunks() {
        int[] small = jobs(2, 1000); // 2 columns, 3 chunks
        int[] wide = jobs(60, 1000); // 60 columns, 3 chunks
        int[] fine = jobs(2, 10); // 2 columns, 300 chunks
        int[] both = jobs(60, 10); // 60 columns, 300 chunks
        assertThat(wide).containsExactly(small);
        assertThat(fine).containsExactly(small);
        assertThat(both).containsExactly(small);
        // analysis side: one row-index job and one aggregation (which AQE may run as two jobs: map
        // stage + result)
        assertThat(small[1]).isBetween(2, 3);
    }

    /**
     * Crossed segments and predicate slices are filled in the same scans as a single segment column:
     * adding [c0, c1] and a slice to segments [c0] adds no Spark job (the segment values' one
     * aggregation is there for [c0] already).
     */
    @Test
    void crossedSegmentsAndSlicesAddNoJobs() {
        int[] none = jobs(2, 1000);
        int[] one = jobs(2, 1000, ", segments: [c0]");
        int[] crossed = jobs(
                2, 1000, ", segments: [c0, [c0, c1], [c1, c2, c3]], slices: {high: \"x0 > 0.5\", low: \"x1 < 0.2\"}");
        System.out.printf(
                "jobs (whole run, analysis side): no segments %s, [c0] %s, crossed + slices %s%n",
                java.util.Arrays.toString(none), java.util.Arrays.toString(one), java.util.Arrays.toString(crossed));
        assertThat(crossed).containsExactly(one);
    }

    /**
     * Fairness compares each segment with the rest of its chunk from the states the scan holds for
     * the segment and the whole population (rest = whole − segment): adding it, realized and
     * estimated, to a segmented monitor adds no Spark job.
     */
    @Test
    void fairnessAddsNoJobs() {
        int[] segmented = jobs(2, 1000, ", segments: [c0]");
        int[] fair = jobs(2, 1000, ", segments: [c0]", "  fairness: {}");
        System.out.printf(
                "jobs (whole run, analysis side): segments [c0] %s, with fairness %s%n",
                java.util.Arrays.toString(segmented), java.util.Arrays.toString(fair));
        assertThat(fair).containsExactly(segmented);
    }

    /** Counts the jobs of the analysis side only: row index + the one scan. */
    static final class AnalysisJobs {
        static int count(SparkSession spark, MonitorConfig cfg) {
            Inputs inputs = new MonitorRun(spark, Clock.systemUTC()).prepare(cfg);
            Chunker chunker = new Chunker(cfg.chunking(), cfg.columns().timestamp());
            Scanner scanner = new Scanner(cfg.columns().timestamp(), List.of());
            List<StateSpec> specs = new ArrayList<>();
            for (String c : inputs.columns().continuous()) {
                specs.add(new Specs.MomentsOf(c));
                specs.add(new Specs.QuantilesOf(c));
                specs.add(new Specs.NullsOf(c, StateSpec.Input.NUMERIC));
            }
            for (String c : inputs.columns().categorical()) {
                specs.add(new Specs.CategoriesOf(c));
            }
            try (JobCounter counter = new JobCounter(spark)) {
                scanner.scan(chunker.assign(inputs.analysis(), "analysis"), specs, "analysis");
                System.err.println("analysis jobs: " + counter.callSites());
                return counter.jobs();
            }
        }
    }
}
