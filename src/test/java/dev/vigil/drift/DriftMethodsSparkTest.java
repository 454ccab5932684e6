package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.drift.DriftMethod.Kind;
import dev.vigil.drift.DriftMethod.Statistic;
import dev.vigil.results.ResultRow;
import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.Histogram;
import dev.vigil.testing.Filled;
import dev.vigil.testing.OracleCsv;
import dev.vigil.testing.SparkTestBase;
import dev.vigil.thresholds.Bounds;
import dev.vigil.thresholds.MetricRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every registered method through the whole pipeline, configured by name: each result (value,
 * p-value, thresholds, alert) on every reference and analysis chunk is what the method computes
 * from the raw values of the chunk and the reference, on the exact path and on the binned one. A
 * small dataset: 40 reference and 40 analysis rows in chunks of 10; the analysis has values outside
 * the reference range and an unseen category.
 */
class DriftMethodsSparkTest extends SparkTestBase {
    static final int ROWS = 40;
    static final int CHUNK = 10;
    static final int N_BINS = 7;

    @TempDir
    static Path dir;

    static double x(String period, int i) {
        return period.equals("reference") ? i * 7 % 13 + 0.5 * (i % 3) : i * 5 % 17 - 2;
    }

    static String c(String period, int i) {
        return period.equals("reference") ? "abc".substring(i % 3, i % 3 + 1) : "abdd".substring(i % 4, i % 4 + 1);
    }

    @BeforeAll
    static void data() throws IOException {
        for (String period : List.of("reference", "analysis")) {
            StringBuilder csv = new StringBuilder("timestamp,id,x,c,y_pred,y_pred_proba\n");
            for (int i = 0; i < ROWS; i++) {
                csv.append("2024-01-01 00:%02d:00,%s%d,%s,%s,%d,%s\n"
                        .formatted(i, period, i, x(period, i), c(period, i), i % 2, (i % 10) / 10.0));
            }
            Files.writeString(dir.resolve(period + ".csv"), csv);
        }
    }

    static Map<String, ResultRow> run(String calculationMethod) {
        String yaml = """
        monitor: methods
        problem_type: binary_classification
        reference: {path: %s, format: csv}
        analysis: {path: %s, format: csv}
        columns: {timestamp: timestamp, id: id, features: [x, c], categorical: [c], prediction: y_pred, scores: y_pred_proba}
        chunking: {size: %d}
        calculators:
          univariate_drift:
            columns: [x, c]
            continuous_methods: %s
            categorical_methods: %s
            calculation_method: %s
            n_bins: %d
        """.formatted(
                        dir.resolve("reference.csv"),
                        dir.resolve("analysis.csv"),
                        CHUNK,
                        DriftMethods.keys(Kind.CONTINUOUS),
                        DriftMethods.keys(Kind.CATEGORICAL),
                        calculationMethod,
                        N_BINS);
        Map<String, ResultRow> out = new HashMap<>();
        for (ResultRow r : compute(yaml)) {
            if (r.calculator().equals(UnivariateDriftCalculator.NAME) && r.segment() == null) {
                out.put(r.metric() + "|" + r.columnName() + "|" + r.period() + "|" + r.chunkIndex(), r);
            }
        }
        return out;
    }

    @Test
    void everyMethodOnTheExactPath() {
        Map<String, ResultRow> results = run("auto");
        check(results, true);
        // analysis chunk 0: -2, -1, 1, 3, 4, 6, 8, 9, 11, 13 against the 40 reference values, by hand
        assertThat(results.get("total_variation|x|analysis|0").value()).isCloseTo(0.625, within(1e-15));
        // reference a 14/40, b 13/40, c 13/40; analysis chunk 0 a 3/10, b 3/10, d 4/10
        assertThat(results.get("total_variation|c|analysis|0").value()).isCloseTo(0.4, within(1e-15));
    }

    @Test
    void everyMethodOnTheBinnedPath() {
        Map<String, ResultRow> results = run("estimated");
        check(results, false);
        // 7 bins on [0, 13]: reference 6 6 6 5 6 6 5 /40, chunk 1 1 1 1 2 1 1 /10 and 2/10 below
        assertThat(results.get("total_variation|x|analysis|0").value()).isCloseTo(0.25, within(1e-15));
    }

    static void check(Map<String, ResultRow> results, boolean exact) {
        assertThat(results).hasSize(expectedRows());
        checkDriftShare(results);
        for (DriftMethod m : DriftMethods.ALL) {
            for (Kind kind : m.kinds()) {
                String column = kind == Kind.CONTINUOUS ? "x" : "c";
                List<Statistic> reference = new ArrayList<>();
                for (int k = 0; k < ROWS / CHUNK; k++) {
                    reference.add(expected(m, kind, "reference", k, exact));
                }
                MetricRule rule = m.rule(null);
                Bounds bounds = rule.bounds(
                        reference.stream().mapToDouble(Statistic::value).toArray());
                for (String period : List.of("reference", "analysis")) {
                    for (int k = 0; k < ROWS / CHUNK; k++) {
                        Statistic s = expected(m, kind, period, k, exact);
                        String what = m.key() + "|" + column + "|" + period + "|" + k;
                        ResultRow r = results.get(what);
                        assertThat(r).as(what).isNotNull();
                        assertThat(OracleCsv.close(s.value(), r.value(), 1e-12))
                                .as(what + " value " + r.value() + " vs " + s.value())
                                .isTrue();
                        if (Double.isNaN(s.pValue())) {
                            assertThat(r.pValue()).as(what + " p").isNull();
                        } else {
                            assertThat(r.pValue()).as(what + " p").isCloseTo(s.pValue(), within(1e-12));
                        }
                        assertThat(OracleCsv.close(bounds.upper(), r.upperThreshold(), 1e-12))
                                .as(what + " upper")
                                .isTrue();
                        assertThat(r.lowerThreshold()).as(what + " lower").isEqualTo(bounds.lower());
                        assertThat(r.alert()).as(what + " alert").isEqualTo(m.alert(rule, bounds, s));
                    }
                }
            }
        }
    }

    /** drift_share: per chunk, the share of x and c with an alert of any method. */
    static void checkDriftShare(Map<String, ResultRow> results) {
        for (String period : List.of("reference", "analysis")) {
            for (int k = 0; k < ROWS / CHUNK; k++) {
                int drifted = 0;
                for (String column : List.of("x", "c")) {
                    String suffix = "|" + column + "|" + period + "|" + k;
                    drifted += results.entrySet().stream()
                                    .anyMatch(e -> e.getKey().endsWith(suffix)
                                            && e.getValue().alert())
                            ? 1
                            : 0;
                }
                ResultRow share = results.get("drift_share|null|" + period + "|" + k);
                assertThat(share.value()).as(period + k).isEqualTo(drifted / 2.0);
                assertThat(share.upperThreshold()).isEqualTo(0.5);
                assertThat(share.alert()).isEqualTo(drifted >= 1);
            }
        }
    }

    static int expectedRows() {
        int series = 0;
        for (DriftMethod m : DriftMethods.ALL) {
            series += m.kinds().size();
        }
        return (series + 1) * 2 * (ROWS / CHUNK);
    }

    /** The method's statistic on chunk {@code k} of {@code period}, from the raw values. */
    static Statistic expected(DriftMethod m, Kind kind, String period, int k, boolean exact) {
        if (kind == Kind.CATEGORICAL) {
            TreeMap<String, Long> ref =
                    new TreeMap<>(categories("reference", 0, ROWS).counts());
            return m.categorical(
                    CategorySample.of(ref, categories(period, k * CHUNK, CHUNK).counts()));
        }
        double[] ref = values("reference", 0, ROWS);
        double[] chunk = values(period, k * CHUNK, CHUNK);
        if (exact && m.input().exactPath) {
            return m.continuousStatistic(ContinuousSample.exact(ROWS, ref, chunk));
        }
        double[] bins = m.input().bins(Filled.moments(ref), N_BINS);
        Histogram r = Histogram.of(bins[0], bins[1], (int) bins[2], ref);
        Histogram c = Histogram.of(bins[0], bins[1], (int) bins[2], chunk);
        return m.continuousStatistic(ContinuousSample.binned(ROWS, r, c));
    }

    static double[] values(String period, int from, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = x(period, from + i);
        }
        Arrays.sort(v);
        return v;
    }

    static CategoryCounts categories(String period, int from, int n) {
        String[] v = new String[n];
        for (int i = 0; i < n; i++) {
            v[i] = c(period, from + i);
        }
        return Filled.categories(v);
    }
}
