package dev.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.results.ResultRow;
import dev.vigil.testing.NannyDatasets;
import dev.vigil.testing.OracleCsv;
import dev.vigil.testing.SharedData;
import dev.vigil.testing.SparkTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The multiclass confusion matrix (not in the oracle files): realized cells equal the (target,
 * prediction) counts of each chunk's CSV rows, their sampling error is NannyML's std·√n of the
 * reference cell indicator, and the CBPE cells of a chunk (expected counts) add up to its rows.
 */
class MulticlassConfusionSparkTest extends SparkTestBase {
    static final List<String> CLASSES = List.of("highstreet_card", "prepaid_card", "upmarket_card");

    @Test
    void cellsAreCountsAndExpectedCountsAddUp() {
        String yaml = NannyDatasets.multiclass() + """
        targets: {path: %s, format: csv, join_on: id}
        calculators:
          realized_performance: {metrics: [confusion_matrix]}
          estimated_performance: {metrics: [confusion_matrix]}
        """.formatted(SharedData.dataset("mc_analysis_gt.csv"));
        Map<String, ResultRow> out = new HashMap<>();
        for (ResultRow r : compute(yaml)) {
            if (r.segment() == null) {
                out.put(r.calculator() + "|" + r.metric() + "|" + r.period() + "|" + r.chunkIndex(), r);
            }
        }
        List<Map<String, String>> ref = OracleCsv.read(SharedData.dataset("mc_reference.csv"));
        List<Map<String, String>> ana = OracleCsv.read(SharedData.dataset("mc_analysis.csv"));
        Map<String, String> truth = new HashMap<>();
        OracleCsv.read(SharedData.dataset("mc_analysis_gt.csv")).forEach(r -> truth.put(r.get("id"), r.get("y_true")));
        Map<String, Long> refCounts = new HashMap<>();
        ref.forEach(r -> refCounts.merge(r.get("y_true") + "|" + r.get("y_pred"), 1L, Long::sum));
        for (int chunk = 0; chunk < 10; chunk++) {
            Map<String, Long> counts = new HashMap<>();
            for (Map<String, String> r : ana.subList(chunk * 6000, (chunk + 1) * 6000)) {
                counts.merge(truth.get(r.get("id")) + "|" + r.get("y_pred"), 1L, Long::sum);
            }
            double expectedTotal = 0;
            for (String a : CLASSES) {
                for (String b : CLASSES) {
                    String cell = "true_" + a + "_pred_" + b;
                    ResultRow realized = out.get("realized_performance|" + cell + "|analysis|" + chunk);
                    assertThat(realized.value()).as(cell + " chunk " + chunk).isEqualTo((double)
                            counts.getOrDefault(a + "|" + b, 0L));
                    double q = refCounts.getOrDefault(a + "|" + b, 0L) / (double) ref.size();
                    assertThat(realized.samplingError())
                            .isCloseTo(Math.sqrt(q * (1 - q)) * Math.sqrt(6000), within(1e-9));
                    ResultRow estimated = out.get("estimated_performance|" + cell + "|analysis|" + chunk);
                    assertThat(estimated.realized()).isEqualTo(realized.value());
                    expectedTotal += estimated.value();
                }
            }
            assertThat(expectedTotal).as("chunk " + chunk).isCloseTo(6000, within(1e-6));
        }
    }
}
