package dev.vigil.performance;

import dev.vigil.results.ResultRow;
import dev.vigil.testing.NannyDatasets;
import dev.vigil.testing.OracleComparator;
import dev.vigil.testing.SharedData;
import dev.vigil.testing.SparkTestBase;
import dev.vigil.testing.Tolerance;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Realized performance against NannyML 0.13.1's outputs (car loan with delayed targets joined on
 * id, business value [[0,-200],[-100,1000]]; multiclass, one-vs-rest macro; regression): values,
 * thresholds and alerts within 1e-6 on every chunk, sampling errors within 1e-6 — except ROC AUC's
 * (NannyML orders tied scores by numpy's unstable sort: 1e-2 relative) and average precision's (a
 * bootstrap: within NannyML's own run-to-run spread, 25%).
 */
class RealizedPerformanceConformanceSparkTest extends SparkTestBase {
    /**
     * Average precision's sampling error is a bootstrap: NannyML's own unseeded runs gave 0.00401,
     * 0.00435 and 0.00507 for the oracle's 0.00416 (MANIFEST.md); Vigil's seeded bootstrap over score
     * counts must fall in that spread.
     */
    static final double AP_SE_TOLERANCE = 0.25;

    static Map<String, ResultRow> run(String yaml) {
        Map<String, ResultRow> out = new HashMap<>();
        for (ResultRow r : compute(yaml)) {
            if (r.segment() == null && r.calculator().equals("realized_performance")) {
                out.put(r.metric() + "|" + r.period() + "|" + r.chunkIndex(), r);
            }
        }
        return out;
    }

    static void compare(
            String file, Map<String, ResultRow> results, Set<String> looseSamplingError, Set<String> noSamplingError) {
        Tolerance strict = Tolerance.scaled(1e-6);
        OracleComparator.oracle(file)
                .keyColumns("metric", "period", "chunk_index")
                .number("value", "value", ResultRow::value, strict)
                .number("upper", "upper_threshold", ResultRow::upperThreshold, strict)
                .number("lower", "lower_threshold", ResultRow::lowerThreshold, strict)
                .number("sampling_error", "sampling_error", ResultRow::samplingError, o -> {
                    String metric = o.get("metric");
                    if (noSamplingError.contains(metric)) {
                        return null;
                    }
                    return metric.equals("average_precision")
                            ? Tolerance.scaled(AP_SE_TOLERANCE)
                            : looseSamplingError.contains(metric) ? Tolerance.scaled(1e-2) : strict;
                })
                .alert()
                .chunkKey()
                .compare(results);
    }

    @Test
    void carLoanWithDelayedTargets() {
        String yaml =
                NannyDatasets.carLoan() + """
        targets: {path: %s, format: csv, join_on: id}
        calculators:
          realized_performance:
            metrics: [roc_auc, f1, precision, recall, specificity, accuracy, average_precision, confusion_matrix, business_value]
            business_value_matrix: [[0, -200], [-100, 1000]]
        """.formatted(SharedData.dataset("synthetic_car_loan_analysis_target.csv"));
        compare("carloan_realized_performance_chunk_size_5000.csv", run(yaml), Set.of("roc_auc"), Set.of());
    }

    @Test
    void multiclassWithDelayedTargets() {
        String yaml = NannyDatasets.multiclass() + """
        targets: {path: %s, format: csv, join_on: id}
        calculators:
          realized_performance: {metrics: [roc_auc, f1, precision, recall, specificity, accuracy]}
        """.formatted(SharedData.dataset("mc_analysis_gt.csv"));
        compare("multiclass_realized_performance_chunk_size_6000.csv", run(yaml), Set.of("roc_auc"), Set.of());
    }

    @Test
    void regressionWithDelayedTargets() {
        String yaml = NannyDatasets.regression()
                + """
        targets: {path: %s, format: csv, join_on: id}
        calculators:
          realized_performance: {metrics: [mae, mape, mse, rmse, msle, rmsle]}
        """.formatted(SharedData.dataset("regression_synthetic_analysis_targets.csv"));
        compare("regression_realized_performance_chunk_size_6000.csv", run(yaml), Set.of(), Set.of());
    }
}
