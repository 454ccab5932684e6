package dev.vigil.multivariate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.generate.SyntheticData;
import dev.vigil.results.ResultRow;
import dev.vigil.testing.JobCounter;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The domain classifier on Vigil's synthetic data (drift in the last third of the analysis: num_0
 * shifts by 1.5 std, cat_0 moves towards "high", ...), through the whole pipeline with a small,
 * fast model: it flags the drifted analysis chunks and none of the stable ones, and its values do
 * not depend on how the input is split into files.
 */
class DomainClassifierSparkTest extends SparkTestBase {
    private static final long REFERENCE_ROWS = 2000;
    private static final long ANALYSIS_ROWS = 3000;
    private static final String SMALL_MODEL = "n_estimators: 3, max_depth: 2";

    @TempDir
    static Path dir;

    @BeforeAll
    static void data() {
        SyntheticData.write(
                session(),
                dir.resolve("drift-at-two-thirds").toString(),
                new SyntheticData.Options(ANALYSIS_ROWS, REFERENCE_ROWS, 5, 11, 2.0 / 3, "parquet"),
                1);
        SyntheticData.Options drifted = new SyntheticData.Options(1000, REFERENCE_ROWS, 5, 11, 0.0, "parquet");
        SyntheticData.write(session(), dir.resolve("all-drifted-one-file").toString(), drifted, 1);
        SyntheticData.write(session(), dir.resolve("all-drifted-three-files").toString(), drifted, 3);
        // two segments; in the analysis only segment b drifts (x0 shifted by 2 std, c0 towards "z")
        for (String period : List.of("reference", "analysis")) {
            boolean analysis = period.equals("analysis");
            session()
                    .range(0, 2000, 1, 2)
                    .selectExpr(
                            "id",
                            "timestamp_seconds(1700000000 + id * 60) as ts",
                            "if(id % 2 = 0, 'a', 'b') as seg",
                            "randn(" + (analysis ? 7 : 3) + ") + if(" + analysis + " and id % 2 = 1, 2.0, 0.0) as x0",
                            "randn(" + (analysis ? 8 : 4) + ") as x1",
                            "if(rand(" + (analysis ? 9 : 5) + ") < if(" + analysis
                                    + " and id % 2 = 1, 0.7, 0.2), 'z', 'y') as c0",
                            "cast(rand(6) > 0.5 as int) as pred",
                            "rand(6) as score")
                    .write()
                    .parquet(dir.resolve("segments").resolve(period).toString());
        }
    }

    /** The results of a run, the Spark jobs it took and its wall time. */
    record Run(List<ResultRow> rows, int jobs, double seconds) {}

    static Run run(String data, String chunking, String settings) {
        String yaml = """
        monitor: dc
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba, target: repaid,
                  features: [num_0, num_1, num_2, num_3, cat_0]}
        chunking: %s
        calculators:
          multivariate_drift: {method: domain_classifier, %s}
        """.formatted(
                dir.resolve(data).resolve("reference"), dir.resolve(data).resolve("analysis"), chunking, settings);
        return runYaml(yaml);
    }

    static Run runYaml(String yaml) {
        try (JobCounter jobs = new JobCounter(session())) {
            long t0 = System.nanoTime();
            List<ResultRow> rows = compute(yaml);
            return new Run(rows, jobs.jobs(), (System.nanoTime() - t0) / 1e9);
        }
    }

    private static void print(List<ResultRow> rows) {
        rows.forEach(r -> System.out.printf(
                "domain_classifier_auroc %s %s %s: %.4f alert=%s%n",
                r.period(), r.chunkIndex(), r.chunkKey(), r.value(), r.alert()));
    }

    /**
     * Chunks of 1000 rows: 2 reference chunks, 3 analysis chunks of which the last is drifted. Stable
     * chunks stay near 0.5, inside NannyML's constant thresholds 0.45/0.65; drifted ones are far
     * above 0.65 and alert.
     */
    @Test
    void flagsTheDriftedChunksAndNotTheStableOnes() {
        Run run = run("drift-at-two-thirds", "{size: 1000}", SMALL_MODEL);
        List<ResultRow> rows = run.rows();
        print(rows);
        // the cost: a fixed few jobs for the whole run (reading, row positions, scans, the reference
        // count, the one training job), whatever the number of chunks (jobsDoNotGrowWithChunks)
        System.out.printf("domain classifier: %d Spark jobs for 5 chunks%n", run.jobs());
        assertThat(run.jobs()).isLessThanOrEqualTo(20);
        assertThat(rows).hasSize(5);
        for (ResultRow r : rows) {
            assertThat(r.calculator()).isEqualTo("multivariate_drift");
            assertThat(r.metric()).isEqualTo("domain_classifier_auroc");
            assertThat(r.columnName()).isNull();
            assertThat(r.segment()).isNull();
            assertThat(r.samplingError()).isNull();
            assertThat(r.pValue()).isNull();
            assertThat(r.lowerConfidenceBound()).isNull();
            assertThat(r.lowerThreshold()).isEqualTo(0.45);
            assertThat(r.upperThreshold()).isEqualTo(0.65);
            assertThat(r.chunkRows()).isEqualTo(1000);
            // nothing sampled (2000 reference rows, chunks of 1000, under max_training_rows): exact
            assertThat(r.approximate()).as("approximate").isFalse();
            assertThat(r.errorBound()).isNull();
            boolean drifted = r.period().equals("analysis") && r.chunkIndex() == 2;
            String what = r.period() + " chunk " + r.chunkKey();
            if (drifted) {
                assertThat(r.value()).as(what).isGreaterThan(0.75);
                assertThat(r.alert()).as(what).isTrue();
            } else {
                assertThat(r.value()).as(what).isBetween(0.45, 0.56);
                assertThat(r.alert()).as(what).isFalse();
            }
        }
        assertThat(rows.stream().filter(r -> r.period().equals("reference")).map(ResultRow::chunkKey))
                .containsExactly("[0:999]", "[1000:1999]");
    }

    /**
     * Week periods put the whole reference (2000 rows) in one chunk and a wholly drifted analysis
     * (1000 rows) in another; the reference is sampled to 1000 rows; 3 folds. The reference chunk has
     * no reference rows outside it to compare with: one class only, value 0.5 (NannyML's rule). The
     * same data written as three files instead of one gives the same values to the last bit: samples,
     * folds and the training sets' row order come from row positions, not from Spark's splits.
     */
    @Test
    void sampledPeriodChunksAreIndependentOfTheInputFiles() {
        String settings = SMALL_MODEL + ", cv_folds_num: 3, max_training_rows: 1000";
        List<ResultRow> one =
                run("all-drifted-one-file", "{period: week}", settings).rows();
        print(one);
        assertThat(one).extracting(ResultRow::period).containsExactly("reference", "analysis");
        assertThat(one.get(0).value()).isEqualTo(0.5);
        assertThat(one.get(0).alert()).isFalse();
        assertThat(one.get(1).value()).isGreaterThan(0.75);
        assertThat(one.get(1).alert()).isTrue();
        // the reference (2000 rows) was sampled to 1000: both values are approximate, no known bound
        assertThat(one).allSatisfy(r -> {
            assertThat(r.approximate()).as(r.period() + " approximate").isTrue();
            assertThat(r.errorBound()).isNull();
        });
        List<ResultRow> three =
                run("all-drifted-three-files", "{period: week}", settings).rows();
        assertThat(three)
                .extracting(ResultRow::value)
                .containsExactlyElementsOf(one.stream().map(ResultRow::value).toList());
    }

    /**
     * The Spark jobs of a run do not grow with the number of chunks: 3 analysis chunks (2 reference)
     * and 300 (200 reference) take the same jobs, every (segment, chunk)'s models being trained in one
     * job, one group per task. A tiny model (3 trees of 4 leaves, 2 folds, 50 training rows) keeps it
     * fast.
     */
    @Test
    void jobsDoNotGrowWithChunks() {
        String tiny = "n_estimators: 3, num_leaves: 4, min_child_samples: 5, cv_folds_num: 2, max_training_rows: 50";
        Run three = run("drift-at-two-thirds", "{size: 1000}", tiny);
        Run many = run("drift-at-two-thirds", "{size: 10}", tiny);
        long analysisChunks =
                many.rows().stream().filter(r -> r.period().equals("analysis")).count();
        System.out.printf(
                "domain classifier jobs: 3 analysis chunks %d jobs (%.1f s), %d analysis chunks %d jobs (%.1f s)%n",
                three.jobs(), three.seconds(), analysisChunks, many.jobs(), many.seconds());
        assertThat(three.rows().stream().filter(r -> r.period().equals("analysis")))
                .hasSize(3);
        assertThat(analysisChunks).isEqualTo(300);
        assertThat(many.rows()).hasSize(500);
        assertThat(many.rows()).allSatisfy(r -> assertThat(r.value()).isBetween(0.0, 1.0));
        assertThat(many.jobs()).isEqualTo(three.jobs());
    }

    /**
     * Per segment: each segment's chunks get their own value (trained in the same job as the whole
     * population's); only segment b drifts in the analysis, and only its values (and the whole
     * population's, which holds it) rise.
     */
    @Test
    void segmentsGetTheirOwnValuesAndOnlyTheDriftedOneDrifts() {
        String yaml = """
        monitor: dc-segments
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        columns: {timestamp: ts, id: id, prediction: pred, scores: score, features: [x0, x1, c0], segments: [seg]}
        chunking: {size: 1000}
        calculators:
          multivariate_drift: {method: domain_classifier, %s}
        """.formatted(
                        dir.resolve("segments").resolve("reference"),
                        dir.resolve("segments").resolve("analysis"),
                        SMALL_MODEL);
        Run run = runYaml(yaml);
        print(run.rows());
        run.rows()
                .forEach(r -> System.out.printf(
                        "segment %s %s %d: %.4f%n", r.segment(), r.period(), r.chunkIndex(), r.value()));
        assertThat(run.rows()).hasSize(3 * 4); // (whole, a, b) x (2 reference + 2 analysis chunks)
        for (ResultRow r : run.rows()) {
            String what = r.segment() + " " + r.period() + " " + r.chunkKey();
            boolean drifted = r.period().equals("analysis") && !"seg=a".equals(r.segment());
            if (r.segment() != null) {
                assertThat(r.chunkRows()).as(what).isEqualTo(500);
            }
            if (drifted) {
                assertThat(r.value()).as(what).isGreaterThan(0.7);
                assertThat(r.alert()).as(what).isTrue();
            } else {
                assertThat(r.value()).as(what).isBetween(0.4, 0.6);
            }
        }
        assertThat(run.rows().stream().map(ResultRow::segment).distinct())
                .containsExactlyInAnyOrder(null, "seg=a", "seg=b");
        System.out.printf("domain classifier with 2 segments: %d Spark jobs%n", run.jobs());
        assertThat(run.jobs()).isLessThanOrEqualTo(20);
    }
}
