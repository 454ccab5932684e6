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
      String file,
      Map<String, ResultRow> results,
      Set<String> looseSamplingError,
      Set<String> noSamplingError) {
    List<Map<String, String>> oracle = OracleCsv.read(SharedData.oracle(file));
    List<String> bad = new ArrayList<>();
    for (Map<String, String> o : oracle) {
      String metric = o.get("metric");
      String where = metric + " " + o.get("period") + " " + o.get("chunk_index");
      ResultRow r = results.get(metric + "|" + o.get("period") + "|" + o.get("chunk_index"));
      if (r == null) {
        bad.add(where + ": missing");
        continue;
      }
      check(bad, where + " value", OracleCsv.number(o.get("value")), r.value(), 1e-6);
      check(
          bad,
          where + " upper",
          OracleCsv.number(o.get("upper_threshold")),
          r.upperThreshold(),
          1e-6);
      check(
          bad,
          where + " lower",
          OracleCsv.number(o.get("lower_threshold")),
          r.lowerThreshold(),
          1e-6);
      if (!noSamplingError.contains(metric)) {
        check(
            bad,
            where + " sampling_error",
            OracleCsv.number(o.get("sampling_error")),
            r.samplingError(),
            metric.equals("average_precision")
                ? AP_SE_TOLERANCE
                : looseSamplingError.contains(metric) ? 1e-2 : 1e-6);
      }
      if (Boolean.parseBoolean(o.get("alert").toLowerCase()) != r.alert()) {
        bad.add(where + " alert: expected " + o.get("alert") + " got " + r.alert());
      }
      if (!o.get("chunk_key").equals(r.chunkKey())) {
        bad.add(where + " chunk: expected " + o.get("chunk_key") + " got " + r.chunkKey());
      }
    }
    assertThat(oracle).isNotEmpty();
    assertThat(bad).as(bad.size() + " mismatches").isEmpty();
  }

  static void check(List<String> bad, String what, Double expected, Double actual, double tol) {
    boolean ok =
        expected == null
            ? actual == null
            : actual != null
                && Math.abs(expected - actual) <= tol * Math.max(1, Math.abs(expected));
    if (!ok) {
      bad.add(what + ": expected " + expected + " got " + actual);
    }
  }

  @Test
  void carLoanWithDelayedTargets() {
    String yaml =
        NannyDatasets.carLoan()
            + """
        targets: {path: %s, format: csv, join_on: id}
        calculators:
          realized_performance:
            metrics: [roc_auc, f1, precision, recall, specificity, accuracy, average_precision, confusion_matrix, business_value]
            business_value_matrix: [[0, -200], [-100, 1000]]
        """
                .formatted(SharedData.dataset("synthetic_car_loan_analysis_target.csv"));
    compare(
        "carloan_realized_performance_chunk_size_5000.csv", run(yaml), Set.of("roc_auc"), Set.of());
  }

  @Test
  void multiclassWithDelayedTargets() {
    String yaml =
        NannyDatasets.multiclass()
            + """
        targets: {path: %s, format: csv, join_on: id}
        calculators:
          realized_performance: {metrics: [roc_auc, f1, precision, recall, specificity, accuracy]}
        """
                .formatted(SharedData.dataset("mc_analysis_gt.csv"));
    compare(
        "multiclass_realized_performance_chunk_size_6000.csv",
        run(yaml),
        Set.of("roc_auc"),
        Set.of());
  }

  @Test
  void regressionWithDelayedTargets() {
    String yaml =
        NannyDatasets.regression()
            + """
        targets: {path: %s, format: csv, join_on: id}
        calculators:
          realized_performance: {metrics: [mae, mape, mse, rmse, msle, rmsle]}
        """
                .formatted(SharedData.dataset("regression_synthetic_analysis_targets.csv"));
    compare("regression_realized_performance_chunk_size_6000.csv", run(yaml), Set.of(), Set.of());
  }
}
