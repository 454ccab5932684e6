package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.ConfigLoader;
import dev.vigil.pipeline.MonitorRun;
import dev.vigil.results.ResultRow;
import dev.vigil.testing.OracleCsv;
import dev.vigil.testing.SharedData;
import dev.vigil.testing.SparkTestBase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Univariate drift against NannyML 0.13.1's outputs: car loan (chunks of 5000), multiclass and regression
 * (6000); every method's value within 1e-6 (relative for values above 1) on every reference and analysis
 * chunk, thresholds likewise, alerts and chunk keys identical.
 */
class UnivariateDriftConformanceSparkTest extends SparkTestBase {
  static final double TOLERANCE = 1e-6;
  static final String METHODS = """
      calculators:
        univariate_drift:
          continuous_methods: [kolmogorov_smirnov, jensen_shannon, wasserstein, hellinger]
          categorical_methods: [chi2, jensen_shannon, hellinger, l_infinity]
      """;

  static Map<String, ResultRow> run(String yaml) {
    Map<String, ResultRow> out = new HashMap<>();
    for (ResultRow r : new MonitorRun(session(), Clock.systemUTC())
        .compute(new ConfigLoader(k -> null).parse(yaml + METHODS, "t", List.of()), "t").rows()) {
      if (r.segment() == null) {
        out.put(r.columnName() + "|" + r.metric() + "|" + r.period() + "|" + r.chunkIndex(), r);
      }
    }
    return out;
  }

  static void compare(String oracleFile, Map<String, ResultRow> results) {
    List<Map<String, String>> oracle = OracleCsv.read(SharedData.oracle(oracleFile));
    List<String> bad = new ArrayList<>();
    for (Map<String, String> o : oracle) {
      String where = o.get("column_name") + " " + o.get("method") + " " + o.get("period") + " " + o.get("chunk_index");
      ResultRow r = results.get(o.get("column_name") + "|" + o.get("method") + "|" + o.get("period") + "|"
          + o.get("chunk_index"));
      if (r == null) {
        bad.add(where + ": missing");
        continue;
      }
      check(bad, where + " value", OracleCsv.number(o.get("value")), r.value());
      check(bad, where + " upper", OracleCsv.number(o.get("upper_threshold")), r.upperThreshold());
      check(bad, where + " lower", OracleCsv.number(o.get("lower_threshold")), r.lowerThreshold());
      if (Boolean.parseBoolean(o.get("alert").toLowerCase()) != r.alert()) {
        bad.add(where + " alert: expected " + o.get("alert") + " got " + r.alert());
      }
      if (!o.get("chunk_key").equals(r.chunkKey()) || Long.parseLong(o.get("start_index")) != r.chunkStartIndex()
          || Long.parseLong(o.get("end_index")) != r.chunkEndIndex()) {
        bad.add(where + " chunk: expected " + o.get("chunk_key") + " got " + r.chunkKey());
      }
    }
    assertThat(oracle).isNotEmpty();
    assertThat(bad).as(bad.size() + " mismatches").isEmpty();
  }

  static void check(List<String> bad, String what, Double expected, Double actual) {
    boolean ok = expected == null ? actual == null
        : actual != null && Math.abs(expected - actual) <= TOLERANCE * Math.max(1, Math.abs(expected));
    if (!ok) {
      bad.add(what + ": expected " + expected + " got " + actual);
    }
  }

  @Test
  void carLoan() {
    compare("carloan_univariate_drift_chunk_size_5000.csv", run("""
        monitor: car_loan
        reference: {path: %s, format: csv}
        analysis: {path: %s, format: csv}
        columns:
          timestamp: timestamp
          id: id
          features: [car_value, salary_range, debt_to_income_ratio, loan_length, repaid_loan_on_prev_car, size_of_downpayment, driver_tenure]
          prediction: y_pred
          scores: y_pred_proba
          target: repaid
        chunking: {size: 5000}
        """.formatted(SharedData.dataset("synthetic_car_loan_reference.csv"),
        SharedData.dataset("synthetic_car_loan_analysis.csv"))));
  }

  @Test
  void multiclass() {
    compare("multiclass_univariate_drift_chunk_size_6000.csv", run("""
        monitor: credit_card
        problem_type: multiclass_classification
        reference: {path: %s, format: csv}
        analysis: {path: %s, format: csv}
        columns:
          timestamp: timestamp
          id: id
          features: [acq_channel, app_behavioral_score, requested_credit_limit, app_channel, credit_bureau_score, stated_income, is_customer]
          prediction: y_pred
          scores: {prepaid_card: y_pred_proba_prepaid_card, highstreet_card: y_pred_proba_highstreet_card, upmarket_card: y_pred_proba_upmarket_card}
          target: y_true
        chunking: {size: 6000}
        """.formatted(SharedData.dataset("mc_reference.csv"), SharedData.dataset("mc_analysis.csv"))));
  }

  @Test
  void regression() {
    compare("regression_univariate_drift_chunk_size_6000.csv", run("""
        monitor: car_price
        problem_type: regression
        reference: {path: %s, format: csv}
        analysis: {path: %s, format: csv}
        columns:
          timestamp: timestamp
          id: id
          features: [car_age, km_driven, price_new, accident_count, door_count, fuel, transmission]
          prediction: y_pred
          target: y_true
        chunking: {size: 6000}
        """.formatted(SharedData.dataset("regression_synthetic_reference.csv"),
        SharedData.dataset("regression_synthetic_analysis.csv"))));
  }
}
