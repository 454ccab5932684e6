package dev.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.RealizedPerformanceConfig;
import dev.vigil.pipeline.MonitorRun;
import dev.vigil.results.ResultRow;
import dev.vigil.testing.NannyDatasets;
import dev.vigil.testing.OracleCsv;
import dev.vigil.testing.SharedData;
import dev.vigil.testing.SparkTestBase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * CBPE on monthly chunks (the oracle covers size chunks only) against a recomputation from the car-loan CSV rows
 * in plain Java: the reference rows' per-score counts give the isotonic calibrator, each month's rows the
 * per-score counts by prediction, NannyML's formulas the estimates.
 */
class CbpeChunkingsSparkTest extends SparkTestBase {
  static final List<String> METRICS = List.of("roc_auc", "f1", "precision", "recall", "specificity", "accuracy",
      "average_precision", "true_positive");

  @Test
  void monthlyChunksMatchARecomputationFromRows() {
    String yaml = NannyDatasets.carLoan().replace("chunking: {size: 5000}", "chunking: {period: month}") + """
        calculators:
          estimated_performance: {metrics: [roc_auc, f1, precision, recall, specificity, accuracy, average_precision, confusion_matrix], calibration: always}
        """;
    Map<String, ResultRow> vigil = new HashMap<>();
    for (ResultRow r : new MonitorRun(session(), Clock.systemUTC())
        .compute(new ConfigLoader(k -> null).parse(yaml, "t", List.of()), "t").rows()) {
      vigil.put(r.metric() + "|" + r.period() + "|" + r.chunkKey(), r);
    }
    List<Map<String, String>> ref = OracleCsv.read(SharedData.dataset("synthetic_car_loan_reference.csv"));
    List<Map<String, String>> ana = OracleCsv.read(SharedData.dataset("synthetic_car_loan_analysis.csv"));
    TreeMap<Double, long[]> calibration = new TreeMap<>();
    for (Map<String, String> r : ref) {
      long[] g = calibration.computeIfAbsent(Double.parseDouble(r.get("y_pred_proba")), k -> new long[2]);
      g[0] += Double.parseDouble(r.get("repaid")) == 1 ? 1 : 0;
      g[1]++;
    }
    Isotonic iso = Isotonic.fit(calibration);
    RealizedPerformanceConfig counts = new RealizedPerformanceConfig(METRICS, null, false, null);
    List<String> bad = new ArrayList<>();
    int compared = 0;
    for (var period : List.of(Map.entry("reference", ref), Map.entry("analysis", ana))) {
      Map<String, TreeMap<Double, long[]>> months = new TreeMap<>();
      for (Map<String, String> r : period.getValue()) {
        months.computeIfAbsent(r.get("timestamp").substring(0, 7), k -> new TreeMap<>())
            .computeIfAbsent(Double.parseDouble(r.get("y_pred_proba")), k -> new long[2])[Integer.parseInt(r.get("y_pred"))]++;
      }
      for (var month : months.entrySet()) {
        Cbpe.Expected e = Cbpe.expected(month.getValue(), iso::predict);
        for (String m : METRICS) {
          double expected = switch (m) {
            case "roc_auc" -> Cbpe.rocAuc(month.getValue(), iso::predict);
            case "average_precision" -> Cbpe.averagePrecision(month.getValue(), iso::predict);
            default -> Cbpe.metric(m, e, counts);
          };
          ResultRow r = vigil.get(m + "|" + period.getKey() + "|" + month.getKey());
          compared++;
          if (r == null || r.value() == null || Math.abs(r.value() - expected) > 1e-9 * Math.abs(expected)) {
            bad.add(m + " " + period.getKey() + " " + month.getKey() + ": expected " + expected + " got "
                + (r == null ? "no row" : r.value()));
          }
        }
      }
    }
    assertThat(compared).isGreaterThan(100);
    assertThat(bad).as(bad.size() + " mismatches").isEmpty();
  }
}
