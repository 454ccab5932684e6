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
    }

    /** The results of a run, and the Spark jobs it took. */
    record Run(List<ResultRow> rows, int jobs) {}

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
        try (JobCounter jobs = new JobCounter(session())) {
            List<ResultRow> rows = compute(yaml);
            return new Run(rows, jobs.jobs());
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
        // the cost: per chunk one shuffle and encoder fit, and per fold MLlib's ~5 fixed jobs, one per
        // tree level and
        // tree, and the scoring; plus a few jobs for the whole run (reading, row positions, scans,
        // samples)
        int perFit = 5 + 3 * 2 + 1;
        System.out.printf(
                "domain classifier: %d Spark jobs for 5 chunks (bound %d)%n", run.jobs(), 5 * (5 * perFit + 3) + 12);
        assertThat(run.jobs()).isLessThanOrEqualTo(5 * (5 * perFit + 3) + 12);
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
        List<ResultRow> three =
                run("all-drifted-three-files", "{period: week}", settings).rows();
        assertThat(three)
                .extracting(ResultRow::value)
                .containsExactlyElementsOf(one.stream().map(ResultRow::value).toList());
    }
}
