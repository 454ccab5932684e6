package dev.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.results.ResultRow;
import dev.vigil.testing.NannyDatasets;
import dev.vigil.testing.OracleCsv;
import dev.vigil.testing.SharedData;
import dev.vigil.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * CBPE on monthly chunks (the oracle covers size chunks only) against a recomputation from the
 * car-loan CSV rows in plain Java: the reference rows' per-score counts give the isotonic
 * calibrator, each month's rows the per-score counts by prediction, NannyML's formulas the
 * estimates; the realized accuracy beside them is counted from the rows and their targets (joined
 * on the id for the analysis).
 */
class CbpeChunkingsSparkTest extends SparkTestBase {
    static final List<String> METRICS = List.of(
            "roc_auc", "f1", "precision", "recall", "specificity", "accuracy", "average_precision", "true_positive");

    @Test
    void monthlyChunksMatchARecomputationFromRows() {
        String yaml =
                NannyDatasets.carLoanWithTargets().replace("chunking: {size: 5000}", "chunking: {period: month}") + """
        calculators:
          estimated_performance: {metrics: [roc_auc, f1, precision, recall, specificity, accuracy, average_precision, confusion_matrix], calibration: always}
        """;
        Map<String, ResultRow> vigil = new HashMap<>();
        for (ResultRow r : compute(yaml)) {
            if (r.calculator().equals(EstimatedPerformanceCalculator.NAME)) {
                vigil.put(r.metric() + "|" + r.period() + "|" + r.chunkKey(), r);
            }
        }
        List<Map<String, String>> ref = OracleCsv.read(SharedData.dataset("synthetic_car_loan_reference.csv"));
        List<Map<String, String>> ana = OracleCsv.read(SharedData.dataset("synthetic_car_loan_analysis.csv"));
        Map<String, String> targets = new HashMap<>();
        OracleCsv.read(SharedData.dataset("synthetic_car_loan_analysis_target.csv"))
                .forEach(r -> targets.put(r.get("id"), r.get("repaid")));
        TreeMap<Double, long[]> calibration = new TreeMap<>();
        for (Map<String, String> r : ref) {
            long[] g = calibration.computeIfAbsent(Double.parseDouble(r.get("y_pred_proba")), k -> new long[2]);
            g[0] += Double.parseDouble(r.get("repaid")) == 1 ? 1 : 0;
            g[1]++;
        }
        Isotonic iso = Isotonic.fit(calibration);
        List<String> bad = new ArrayList<>();
        int compared = 0;
        for (var period : List.of(Map.entry("reference", ref), Map.entry("analysis", ana))) {
            Map<String, TreeMap<Double, long[]>> months = new TreeMap<>();
            Map<String, long[]> hits = new TreeMap<>();
            for (Map<String, String> r : period.getValue()) {
                String month = r.get("timestamp").substring(0, 7);
                months.computeIfAbsent(month, k -> new TreeMap<>())
                        .computeIfAbsent(Double.parseDouble(r.get("y_pred_proba")), k -> new long[2])[
                        Integer.parseInt(r.get("y_pred"))]++;
                String y = r.containsKey("repaid") ? r.get("repaid") : targets.get(r.get("id"));
                long[] h = hits.computeIfAbsent(month, k -> new long[2]);
                h[0] += Double.parseDouble(y) == Double.parseDouble(r.get("y_pred")) ? 1 : 0;
                h[1]++;
            }
            // the realized accuracy beside each monthly estimate, counted from the rows and their
            // (joined) targets
            for (var month : hits.entrySet()) {
                ResultRow r = vigil.get("accuracy|" + period.getKey() + "|" + month.getKey());
                double expected = (double) month.getValue()[0] / month.getValue()[1];
                compared++;
                if (r == null || r.realized() == null || Math.abs(r.realized() - expected) > 1e-12) {
                    bad.add("realized accuracy "
                            + period.getKey()
                            + " "
                            + month.getKey()
                            + ": expected "
                            + expected
                            + " got "
                            + (r == null ? "no row" : r.realized()));
                }
            }
            for (var month : months.entrySet()) {
                Cbpe.Groups g = Cbpe.Groups.of(month.getValue(), iso::predict);
                Cbpe.Chunk chunk = new Cbpe.Chunk(g, Cbpe.expected(g), true);
                for (String m : METRICS) {
                    double expected = m.equals("true_positive")
                            ? StateTables.binary("confusion_matrix", m, StateTables.settings(null))
                                    .estimate(chunk)
                            : StateTables.binary(m).estimate(chunk);
                    ResultRow r = vigil.get(m + "|" + period.getKey() + "|" + month.getKey());
                    compared++;
                    if (r == null || r.value() == null || Math.abs(r.value() - expected) > 1e-9 * Math.abs(expected)) {
                        bad.add(m
                                + " "
                                + period.getKey()
                                + " "
                                + month.getKey()
                                + ": expected "
                                + expected
                                + " got "
                                + (r == null ? "no row" : r.value()));
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(100);
        assertThat(bad).as(bad.size() + " mismatches").isEmpty();
    }
}
