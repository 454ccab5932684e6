package dev.vigil.multivariate;

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
import org.junit.jupiter.api.Test;

/**
 * PCA data-reconstruction drift against NannyML 0.13.1's outputs (car loan, chunks of 5000;
 * multiclass and regression, 6000): value, sampling error, confidence bounds and thresholds within
 * 1e-6 relative on every reference and analysis chunk; alerts and chunk keys identical.
 */
class ReconstructionConformanceSparkTest extends SparkTestBase {
  static final double TOLERANCE = 1e-6;

  static Map<String, ResultRow> run(String yaml) {
    Map<String, ResultRow> out = new HashMap<>();
    String config = yaml + "calculators: {multivariate_drift: null}\n";
    for (ResultRow r : compute(config)) {
      assertThat(r.calculator()).isEqualTo("multivariate_drift");
      assertThat(r.columnName()).isNull();
      if (r.segment() == null) {
        out.put(r.metric() + "|" + r.period() + "|" + r.chunkIndex(), r);
      }
    }
    return out;
  }

  static void compare(String oracleFile, Map<String, ResultRow> results) {
    List<Map<String, String>> oracle = OracleCsv.read(SharedData.oracle(oracleFile));
    List<String> bad = new ArrayList<>();
    for (Map<String, String> o : oracle) {
      String where = o.get("metric") + " " + o.get("period") + " " + o.get("chunk_index");
      ResultRow r =
          results.get(o.get("metric") + "|" + o.get("period") + "|" + o.get("chunk_index"));
      if (r == null) {
        bad.add(where + ": missing");
        continue;
      }
      check(bad, where + " value", OracleCsv.number(o.get("value")), r.value());
      check(
          bad,
          where + " sampling_error",
          OracleCsv.number(o.get("sampling_error")),
          r.samplingError());
      check(
          bad,
          where + " upper bound",
          OracleCsv.number(o.get("upper_confidence_boundary")),
          r.upperConfidenceBound());
      check(
          bad,
          where + " lower bound",
          OracleCsv.number(o.get("lower_confidence_boundary")),
          r.lowerConfidenceBound());
      check(bad, where + " upper", OracleCsv.number(o.get("upper_threshold")), r.upperThreshold());
      check(bad, where + " lower", OracleCsv.number(o.get("lower_threshold")), r.lowerThreshold());
      if (Boolean.parseBoolean(o.get("alert").toLowerCase()) != r.alert()) {
        bad.add(where + " alert: expected " + o.get("alert") + " got " + r.alert());
      }
      if (!o.get("chunk_key").equals(r.chunkKey())
          || Long.parseLong(o.get("start_index")) != r.chunkStartIndex()
          || Long.parseLong(o.get("end_index")) != r.chunkEndIndex()) {
        bad.add(where + " chunk: expected " + o.get("chunk_key") + " got " + r.chunkKey());
      }
    }
    assertThat(oracle).hasSize(20);
    assertThat(results).hasSize(20);
    assertThat(bad).as(bad.size() + " mismatches").isEmpty();
  }

  static void check(List<String> bad, String what, Double expected, Double actual) {
    boolean ok =
        expected == null
            ? actual == null
            : actual != null && Math.abs(expected - actual) <= TOLERANCE * Math.abs(expected);
    if (!ok) {
      bad.add(what + ": expected " + expected + " got " + actual);
    }
  }

  @Test
  void carLoan() {
    compare("carloan_data_reconstruction_drift_chunk_size_5000.csv", run(NannyDatasets.carLoan()));
  }

  @Test
  void multiclass() {
    compare(
        "multiclass_data_reconstruction_drift_chunk_size_6000.csv",
        run(NannyDatasets.multiclass()));
  }

  @Test
  void regression() {
    compare(
        "regression_data_reconstruction_drift_chunk_size_6000.csv",
        run(NannyDatasets.regression()));
  }
}
