package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.generate.SyntheticData;
import dev.vigil.results.ResultRow;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * anderson_darling, cramer_von_mises, energy_distance and kullback_leibler configured by name
 * through the univariate drift calculator on generated data whose second half drifts (num_0 shifted
 * by 1.5σ, cat_0's shares changed): a reference of 12,000 rows puts the continuous methods on their
 * binned path (10,000 bins); every chunk gets a finite value (and, for the first two, a p-value),
 * and every drifted chunk alerts. (An undrifted analysis chunk may alert too: the thresholds come
 * from reference chunks measured against the reference that contains them, NannyML's rule, which
 * makes their rank statistics smaller than an independent chunk's.)
 */
class ScipyDriftMethodsSparkTest extends SparkTestBase {
    static final List<String> CONTINUOUS =
            List.of("anderson_darling", "cramer_von_mises", "energy_distance", "kullback_leibler");

    @TempDir
    static Path dir;

    @Test
    void theFourMethodsMeasureAndAlertOnTheDriftedChunks() {
        SyntheticData.write(
                session(), dir.toString(), new SyntheticData.Options(12_000, 12_000, 4, 11, 0.5, "parquet"));
        List<ResultRow> rows = compute("""
        monitor: scipy_methods
        problem_type: binary_classification
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba}
        chunking: {size: 2000}
        calculators:
          univariate_drift:
            columns: [num_0, cat_0]
            continuous_methods: [anderson_darling, cramer_von_mises, energy_distance, kullback_leibler]
            categorical_methods: [kullback_leibler]
        """.formatted(dir.resolve("reference"), dir.resolve("analysis")));
        List<ResultRow> drift = rows.stream()
                .filter(r -> r.calculator().equals(UnivariateDriftCalculator.NAME)
                        && r.segment() == null
                        && r.columnName() != null)
                .toList();
        assertThat(drift).hasSize((CONTINUOUS.size() + 1) * 12);
        for (ResultRow r : drift) {
            String what = r.metric() + " " + r.columnName() + " " + r.period() + " " + r.chunkIndex();
            assertThat(r.value()).as(what).isNotNull();
            assertThat(Double.isFinite(r.value())).as(what).isTrue();
            assertThat(r.upperThreshold()).as(what).isNotNull();
            boolean withP = r.metric().equals("anderson_darling") || r.metric().equals("cramer_von_mises");
            assertThat(r.pValue() != null).as(what + " p-value").isEqualTo(withP);
            if (r.period().equals("analysis")) {
                System.out.printf(
                        "%s: value %.4g, upper threshold %.4g, p %s, alert %s%n",
                        what, r.value(), r.upperThreshold(), r.pValue(), r.alert());
                if (r.chunkIndex() >= 3) {
                    assertThat(r.alert()).as(what + " alert").isTrue();
                }
            }
        }
    }
}
