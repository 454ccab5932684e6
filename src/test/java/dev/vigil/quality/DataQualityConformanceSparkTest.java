package dev.vigil.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.MonitorConfig;
import dev.vigil.pipeline.MonitorRun;
import dev.vigil.results.ResultRow;
import dev.vigil.testing.NannyDatasets;
import dev.vigil.testing.OracleComparator;
import dev.vigil.testing.SparkTestBase;
import dev.vigil.testing.Tolerance;
import dev.vigil.thresholds.FlatBands;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Data-quality values, sampling errors, confidence bounds, thresholds and alerts against NannyML 0.13.1's own outputs
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
        MonitorRun.Outcome out = new MonitorRun(session(), Clock.systemUTC()).compute(cfg, "conformance");
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
        Tolerance tolerance = Tolerance.close(TOLERANCE);
        // the oracle's "metric" column names the feature; row_count is model-level
        Function<Map<String, String>, String> column = o -> metric.equals("row_count") ? null : o.get("metric");
        OracleComparator.oracle(file)
                .key(o -> key(metric, column.apply(o), o.get("period"), Integer.parseInt(o.get("chunk_index"))))
                .where(o -> metric + "[" + column.apply(o) + "] " + o.get("period") + " chunk " + o.get("chunk_index"))
                .number("value", "value", ResultRow::value, tolerance)
                .number(
                        "sampling_error",
                        "sampling_error",
                        ResultRow::samplingError,
                        o -> hasSamplingError ? tolerance : null)
                .number(
                        "upper_confidence_bound",
                        "upper_confidence_boundary",
                        ResultRow::upperConfidenceBound,
                        o -> hasSamplingError ? tolerance : null)
                .number(
                        "lower_confidence_bound",
                        "lower_confidence_boundary",
                        ResultRow::lowerConfidenceBound,
                        o -> hasSamplingError ? tolerance : null)
                .number("lower_threshold", "lower_threshold", ResultRow::lowerThreshold, tolerance)
                .number("upper_threshold", "upper_threshold", ResultRow::upperThreshold, tolerance)
                .alert()
                .chunkKeyAndPositions()
                .chunkDates()
                .compare(results);
    }

    /**
     * The same run under Vigil's default rule for flat reference bands: where NannyML's band is
     * flat (row_count of equal chunks, the median of loan_length, 16 on every reference chunk), the
     * band is the value ± 3 sampling errors and the value itself never alerts; every other
     * threshold and alert is NannyML's.
     */
    @Test
    void vigilsFlatBandRuleChangesOnlyTheFlatBands() {
        String yaml =
                NannyDatasets.carLoan().replace("flat_bands: nannyml\n", "") + "calculators: {data_quality: {}}\n";
        MonitorConfig cfg = new ConfigLoader(k -> null).parse(yaml, "test", List.of());
        assertThat(cfg.flatBands()).isEqualTo(FlatBands.VIGIL);
        List<ResultRow> vigil = new MonitorRun(session(), Clock.systemUTC())
                .compute(cfg, "flat-bands")
                .rows();
        int flat = 0;
        int nannymlAlerts = 0;
        int vigilAlerts = 0;
        for (ResultRow v : vigil) {
            if (v.segment() != null) {
                continue;
            }
            ResultRow n = results.get(key(v.metric(), v.columnName(), v.period(), v.chunkIndex()));
            nannymlAlerts += n.alert() ? 1 : 0;
            vigilAlerts += v.alert() ? 1 : 0;
            String at = v.metric() + "[" + v.columnName() + "] " + v.period() + " " + v.chunkIndex();
            boolean flatBand = FlatBands.flat(n.lowerThreshold(), n.upperThreshold());
            if (!flatBand && !FlatBands.narrow(n.lowerThreshold(), n.upperThreshold(), v.samplingError())) {
                assertThat(v.lowerThreshold()).as(at).isEqualTo(n.lowerThreshold());
                assertThat(v.upperThreshold()).as(at).isEqualTo(n.upperThreshold());
                assertThat(v.alert()).as(at).isEqualTo(n.alert());
                continue;
            }
            flat++;
            double c = (n.lowerThreshold() + n.upperThreshold()) / 2;
            double half = v.samplingError() == null ? 0 : 3 * v.samplingError();
            assertThat(v.lowerThreshold()).as(at).isCloseTo(c - half, within(1e-9));
            assertThat(v.upperThreshold()).as(at).isCloseTo(c + half, within(1e-9));
            assertThat(v.alert()).as(at).isEqualTo(Math.abs(v.value() - c) > half + 1e-9 * Math.max(1, c + half));
            if (v.metric().equals("row_count")) {
                assertThat(n.alert()).as("NannyML alerts on every chunk " + at).isTrue();
                assertThat(v.alert()).as(at).isFalse();
            }
        }
        System.out.printf(
                "car loan data quality, whole population: %d rows on flat or nearly flat bands; alerts %d (NannyML's rule) -> %d (Vigil's)%n",
                flat, nannymlAlerts, vigilAlerts);
        assertThat(flat)
                .as("row_count and median[loan_length] on 10 + 10 chunks")
                .isGreaterThanOrEqualTo(40);
        assertThat(vigilAlerts).isLessThan(nannymlAlerts);
    }
}
