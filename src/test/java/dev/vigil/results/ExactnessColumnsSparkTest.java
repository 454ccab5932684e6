package dev.vigil.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.generate.SyntheticData;
import dev.vigil.quality.DataQualityCalculator;
import dev.vigil.stats.Quantiles;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The results' {@code approximate} and {@code error_bound} on both sides of the switch points a
 * run meets: the reference just under and at NannyML's 10,000 rows (KS and Wasserstein exact or on
 * 10,000 bins), and chunks of exactly and one over the {@value Quantiles#CHUNK_CAPACITY} values a
 * chunk state keeps by default, and over a configured {@code columns.max_exact_values} (the median
 * exact or from its relative-error sketch, its bound α/(1 − α) × the value's magnitude; KS and
 * Wasserstein leaving their exact path). Exact rows carry no bound; counts, moments, label metrics
 * and NannyML's definitions on bins stay exact everywhere.
 */
class ExactnessColumnsSparkTest extends SparkTestBase {
    @TempDir
    static Path dir;

    /** A run on generated data, two analysis chunks of {@code chunkRows} rows each. */
    private static List<ResultRow> run(String name, int referenceRows, int chunkRows) {
        return run(name, referenceRows, chunkRows, "");
    }

    /** As {@link #run(String, int, int)}, with more {@code columns} keys (", key: value"). */
    private static List<ResultRow> run(String name, int referenceRows, int chunkRows, String columns) {
        Path d = dir.resolve(name);
        SyntheticData.write(
                session(), d.toString(), new SyntheticData.Options(2 * chunkRows, referenceRows, 3, 3, 0.5, "parquet"));
        return compute("""
        monitor: exactness
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        targets: {path: %s, format: parquet, join_on: id}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba, target: repaid%s}
        chunking: {size: %d}
        calculators:
          univariate_drift: {columns: [num_0], continuous_methods: [kolmogorov_smirnov, wasserstein, jensen_shannon]}
          data_quality: {metrics: [mean, std, median, missing_values], columns: [num_0]}
          profile: {metrics: [median, stddev], quantiles: [0.05, 0.95], columns: [num_0]}
          realized_performance: {metrics: [roc_auc, f1]}
        """.formatted(
                                d.resolve("reference"),
                                d.resolve("analysis"),
                                d.resolve("analysis_targets"),
                                columns,
                                chunkRows))
                .stream()
                .filter(r -> r.period().equals("analysis") && r.segment() == null)
                .toList();
    }

    /**
     * Approximate, with the sketch's bound: α/(1 − α) × the magnitude of the values read (within 1%
     * of the value's own), plus the magnitude the sketch counts as zero.
     */
    private static boolean withinTheRelativeBound(ResultRow r) {
        return r.approximate()
                && r.errorBound() > 0
                && r.errorBound() <= 1.01 * Quantiles.RELATIVE_ERROR * Math.abs(r.value()) + 1e-300;
    }

    private static boolean isProfile(ResultRow r) {
        return r.calculator().equals(DataQualityCalculator.PROFILE);
    }

    private static final List<String> BINNED = List.of("kolmogorov_smirnov", "wasserstein");

    /** Always exact: counts, moments, label metrics and NannyML's own definitions on bins. */
    private static final List<String> EXACT =
            List.of("jensen_shannon", "mean", "std", "missing_values", "f1", "roc_auc");

    @Test
    void approximateAndItsBoundOnBothSidesOfEachSwitchPoint() {
        int capacity = Quantiles.CHUNK_CAPACITY;
        // under both limits: 9,999 reference rows, chunks of exactly the capacity
        List<ResultRow> exact = run("exact", 9_999, capacity);
        // the chunks one value over the capacity: the median from its sketch, KS and Wasserstein binned
        List<ResultRow> overChunk = run("over_chunk", 9_999, capacity + 1);
        // the reference at NannyML's 10,000 rows: KS and Wasserstein binned, the median exact
        List<ResultRow> overReference = run("over_reference", 10_000, capacity);
        // a configured limit of 2,000 values: chunks of 2,000 exact, of 2,001 sketched
        List<ResultRow> configuredExact = run("configured_exact", 9_999, 2_000, ", max_exact_values: 2000");
        List<ResultRow> configuredOver = run("configured_over", 9_999, 2_001, ", max_exact_values: 2000");
        for (List<ResultRow> rows : List.of(exact, overChunk, overReference, configuredExact, configuredOver)) {
            assertThat(rows).extracting(ResultRow::metric).contains("median", "kolmogorov_smirnov", "roc_auc");
            assertThat(rows.stream().filter(r -> EXACT.contains(r.metric())))
                    .isNotEmpty()
                    .allMatch(r -> !r.approximate() && r.errorBound() == null && r.value() != null);
        }
        assertThat(exact).allMatch(r -> !r.approximate() && r.errorBound() == null);
        assertThat(configuredExact).allMatch(r -> !r.approximate() && r.errorBound() == null);

        for (List<ResultRow> rows : List.of(overChunk, configuredOver)) {
            List<ResultRow> medians = rows.stream()
                    .filter(r -> r.metric().equals("median") && !isProfile(r))
                    .toList();
            assertThat(medians).hasSize(2).allMatch(ExactnessColumnsSparkTest::withinTheRelativeBound);
            for (ResultRow m : medians) {
                double std = rows.stream()
                        .filter(r -> r.metric().equals("stddev") && r.chunkIndex() == m.chunkIndex())
                        .findFirst()
                        .orElseThrow()
                        .value();
                System.out.printf(
                        "chunk of %d values: median %.5f, error bound %.3g = %.3g × the chunk's std%n",
                        rows == overChunk ? capacity + 1 : 2_001, m.value(), m.errorBound(), m.errorBound() / std);
                // relative to the median's magnitude (near 0 here): far below the chunk's spread
                assertThat(m.errorBound()).isLessThan(0.1 * std);
            }
            // the profile's median and quantiles: from the same sketch, each with its bound
            assertThat(rows.stream().filter(r -> isProfile(r) && !r.metric().equals("stddev")))
                    .extracting(ResultRow::metric)
                    .containsOnly("median", "quantile_0.05", "quantile_0.95")
                    .hasSize(6);
            assertThat(rows.stream().filter(r -> isProfile(r) && !r.metric().equals("stddev")))
                    .allMatch(ExactnessColumnsSparkTest::withinTheRelativeBound);
        }
        assertThat(overReference.stream().filter(r -> r.metric().equals("median") && !isProfile(r)))
                .hasSize(2)
                .allMatch(r -> !r.approximate() && r.errorBound() == null);
        for (List<ResultRow> rows : List.of(overChunk, overReference, configuredOver)) {
            assertThat(rows.stream().filter(r -> BINNED.contains(r.metric())))
                    .hasSize(4)
                    .allMatch(r -> r.approximate() && r.errorBound() != null && r.errorBound() > 0);
        }
        double ksBound = overReference.stream()
                .filter(r -> r.metric().equals("kolmogorov_smirnov"))
                .mapToDouble(ResultRow::errorBound)
                .max()
                .orElseThrow();
        System.out.printf("10,000 bins: largest KS error bound %.5f%n", ksBound);
        assertThat(ksBound).isLessThan(0.01);
    }
}
