package dev.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Learner;
import dev.vigil.calculators.Measurement;
import dev.vigil.thresholds.Threshold;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Realized performance end to end without Spark: binary rows folded into states ({@link
 * StateTables}), fitted on reference chunks, each metric's values, thresholds (NannyML's mean ± 3σ
 * clipped to the limits, or the configured override; {@code confusion_matrix}'s for every cell) and
 * alerts.
 */
class RealizedPerformanceTest {
    /** Rows of (target, prediction, score) as the derived columns hold them. */
    static List<Map<String, Object>> rows(int[][] ypn) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int[] r : ypn) {
            for (int k = 0; k < r[2]; k++) {
                Map<String, Object> row = new HashMap<>();
                row.put(BinaryProblem.CELL, String.valueOf(2 * r[0] + r[1]));
                row.put(r[0] == 1 ? BinaryProblem.POS : BinaryProblem.NEG, 0.2 + 0.6 * r[1]);
                out.add(row);
            }
        }
        return out;
    }

    static final BinaryProblem PROBLEM = new BinaryProblem("y", "p", "s");

    /** {target, prediction, rows} per chunk: accuracies 0.8, 0.7, 0.9. */
    static final ChunkTable REFERENCE = StateTables.of(
            PROBLEM.specs(),
            List.of(
                    rows(new int[][] {{1, 1, 4}, {0, 0, 4}, {1, 0, 1}, {0, 1, 1}}),
                    rows(new int[][] {{1, 1, 3}, {0, 0, 4}, {1, 0, 2}, {0, 1, 1}}),
                    rows(new int[][] {{1, 1, 5}, {0, 0, 4}, {1, 0, 1}})));

    static Map<String, Measurement> byMetric(List<Measurement> ms, int chunk) {
        Map<String, Measurement> out = new HashMap<>();
        ms.stream().filter(m -> m.chunkIndex() == chunk).forEach(m -> out.put(m.metric(), m));
        return out;
    }

    @Test
    void valuesThresholdsAndAlertsUnderEachMetricsRule() {
        RealizedPerformanceConfig config =
                new RealizedPerformanceConfig(List.of("accuracy", "confusion_matrix"), null, false, null);
        Map<String, Threshold> overrides = Map.of("confusion_matrix", new Threshold.Constant(null, 4.0));
        FittedCalculator fit =
                new RealizedPerformanceCalculator(PROBLEM, config, overrides).fit(REFERENCE, Learner.NONE);
        Map<String, Measurement> first = byMetric(fit.reference(), 0);
        assertThat(first.keySet())
                .containsExactlyInAnyOrder(
                        "accuracy", "true_positive", "true_negative", "false_positive", "false_negative");
        assertThat(first.get("accuracy").value()).isEqualTo(0.8);
        // mean 0.8 ± 3 · std(0.8, 0.7, 0.9), clipped to [0, 1]
        double std = Math.sqrt((0.0 + 0.01 + 0.01) / 3);
        assertThat(first.get("accuracy").lowerThreshold()).isCloseTo(0.8 - 3 * std, within(1e-12));
        assertThat(first.get("accuracy").upperThreshold()).isEqualTo(1.0);
        // accuracy's sampling error: √(q(1−q)) / √n with q the whole reference's 24/30
        double q = 24 / 30.0;
        assertThat(first.get("accuracy").samplingError())
                .isCloseTo(Math.sqrt(q * (1 - q)) / Math.sqrt(10), within(1e-15));
        // confusion_matrix's override is every cell's
        assertThat(first.get("true_positive").upperThreshold()).isEqualTo(4.0);
        assertThat(first.get("true_positive").lowerThreshold()).isNull();
        assertThat(first.get("true_positive").alert()).isFalse();
        assertThat(byMetric(fit.reference(), 2).get("true_positive").alert()).isTrue();
        assertThat(byMetric(fit.reference(), 2).get("false_positive").value()).isZero();
    }

    @Test
    void anEmptyAnalysisChunkHasNoValues() {
        RealizedPerformanceConfig config =
                new RealizedPerformanceConfig(List.of("roc_auc", "f1", "accuracy"), null, false, null);
        FittedCalculator fit =
                new RealizedPerformanceCalculator(PROBLEM, config, Map.of()).fit(REFERENCE, Learner.NONE);
        ChunkTable analysis = StateTables.of(PROBLEM.specs(), List.of(List.of()));
        for (Measurement m : fit.calculate(analysis)) {
            assertThat(m.value()).as(m.metric()).isNull();
            assertThat(m.samplingError()).as(m.metric()).isNull();
            assertThat(m.alert()).as(m.metric()).isFalse();
        }
    }
}
