package dev.vigil.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.MonitorConfig;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Data-quality values, sampling errors, thresholds and alerts against NannyML 0.13.1's own outputs
 * on the car loan data (chunk_size 5000), reference and analysis chunks, 1e-9 relative. The medians
 * come from the exact path (5,000-row chunks), so they are held to the same tolerance.
 */
class DataQualityConformanceSparkTest extends SparkTestBase {
  static final double TOLERANCE = 1e-9;
  static Map<String, ResultRow> results;

  @BeforeAll
  static void runCarLoan() {
    String yaml = NannyDatasets.carLoan() + "calculators: {data_quality: {}}\n";
    MonitorConfig cfg = new ConfigLoader(k -> null).parse(yaml, "test", List.of());
    MonitorRun.Outcome out =
        new MonitorRun(session(), Clock.systemUTC()).compute(cfg, "conformance");
    results = new HashMap<>();
    for (ResultRow r : out.rows()) {
      if (r.segment() == null) {
        results.put(key(r.metric(), r.columnName(), r.period(), r.chunkIndex()), r);
      }
    }
  }

  static String key(String metric, String column, String period, int chunk) {
    return metric + "|" + column + "|" + period + "|" + chunk;
  }

  @ParameterizedTest(name = "{1} matches {0}")
  @CsvSource({
    "carloan_missing_values_chunk_size_5000.csv, missing_values, true",
    "carloan_unseen_values_chunk_size_5000.csv, unseen_values, false",
    "carloan_numerical_range_chunk_size_5000.csv, numerical_range, false",
    "carloan_summary_stats_avg_chunk_size_5000.csv, mean, true",
    "carloan_summary_stats_std_chunk_size_5000.csv, std, true",
    "carloan_summary_stats_median_chunk_size_5000.csv, median, true",
    "carloan_summary_stats_sum_chunk_size_5000.csv, sum, true",
    "carloan_summary_stats_row_count_chunk_size_5000.csv, row_count, false",
  })
  void matchesNannyMl(String file, String metric, boolean hasSamplingError) {
    List<Map<String, String>> oracle = OracleCsv.read(SharedData.oracle(file));
    List<String> mismatches = new ArrayList<>();
    for (Map<String, String> o : oracle) {
      String column = metric.equals("row_count") ? null : o.get("metric");
      int chunk = Integer.parseInt(o.get("chunk_index"));
      ResultRow r = results.get(key(metric, column, o.get("period"), chunk));
      String where = metric + "[" + column + "] " + o.get("period") + " chunk " + chunk;
      if (r == null) {
        mismatches.add(where + ": missing");
        continue;
      }
      check(mismatches, where + " value", OracleCsv.number(o.get("value")), r.value());
      if (hasSamplingError) {
        check(
            mismatches,
            where + " sampling_error",
            OracleCsv.number(o.get("sampling_error")),
            r.samplingError());
      }
      check(
          mismatches,
          where + " lower_threshold",
          OracleCsv.number(o.get("lower_threshold")),
          r.lowerThreshold());
      check(
          mismatches,
          where + " upper_threshold",
          OracleCsv.number(o.get("upper_threshold")),
          r.upperThreshold());
      if (Boolean.parseBoolean(o.get("alert").toLowerCase()) != r.alert()) {
        mismatches.add(where + " alert: expected " + o.get("alert") + " got " + r.alert());
      }
      if (!o.get("chunk_key").equals(r.chunkKey())
          || Long.parseLong(o.get("start_index")) != r.chunkStartIndex()
          || Long.parseLong(o.get("end_index")) != r.chunkEndIndex()) {
        mismatches.add(where + " chunk: expected " + o.get("chunk_key") + " got " + r.chunkKey());
      }
      if (!OracleCsv.time(o.get("start_date")).equals(r.chunkStartDate().toLocalDateTime())
          || !OracleCsv.time(o.get("end_date")).equals(r.chunkEndDate().toLocalDateTime())) {
        mismatches.add(
            where
                + " dates: expected "
                + o.get("start_date")
                + ".."
                + o.get("end_date")
                + " got "
                + r.chunkStartDate()
                + ".."
                + r.chunkEndDate());
      }
    }
    assertThat(oracle).isNotEmpty();
    assertThat(mismatches).isEmpty();
  }

  private static void check(List<String> mismatches, String what, Double expected, Double actual) {
    if (!OracleCsv.close(expected, actual, TOLERANCE)) {
      mismatches.add(what + ": expected " + expected + " got " + actual);
    }
  }
}
