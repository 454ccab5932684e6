package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.results.ResultRow;
import dev.vigil.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * False alerts without drift: 100 categorical (chi2) and 100 continuous (kolmogorov_smirnov on its
 * p-value) columns, the analysis drawn from the reference's distribution, 20 analysis chunks of
 * {@value #CHUNK} rows: 4,000 tests, every alert a false one. The bounds follow from the
 * definitions: without correction each test alerts with probability about α (binomial, the shared
 * reference adding little: its 2,000 rows against a chunk's 100); Bonferroni and Holm keep the chance
 * of any false alert in a chunk below α, so about α × 20 = 1 alerting chunk is expected; under the
 * complete null Benjamini-Hochberg's false discovery rate is that same chance. KS takes its exact
 * path (2,000 reference values), so its few {@code n_bins} are unused.
 */
class FalseAlertsSparkTest extends SparkTestBase {
    static final int COLUMNS = 100;
    static final int CHUNKS = 20;
    static final int CHUNK = 100;
    static final double ALPHA = 0.05;
    static final String[] CATEGORIES = {"a", "b", "c", "d"};
    static final double[] WEIGHTS = {0.4, 0.3, 0.2, 0.1};

    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws IOException {
        Random random = new Random(15);
        for (String period : List.of("reference", "analysis")) {
            StringBuilder csv = new StringBuilder("id");
            for (int c = 0; c < COLUMNS; c++) {
                csv.append(",x").append(c).append(",c").append(c);
            }
            csv.append('\n');
            for (int i = 0; i < CHUNKS * CHUNK; i++) {
                csv.append(period).append(i);
                for (int c = 0; c < COLUMNS; c++) {
                    csv.append(',').append(random.nextGaussian()).append(',').append(category(random));
                }
                csv.append('\n');
            }
            Files.writeString(dir.resolve(period + ".csv"), csv);
        }
    }

    static String category(Random random) {
        double u = random.nextDouble();
        int k = 0;
        while (u >= WEIGHTS[k] && k < WEIGHTS.length - 1) {
            u -= WEIGHTS[k];
            k++;
        }
        return CATEGORIES[k];
    }

    /** The analysis chunks' alerts of the p-value methods, as (column, chunk). */
    static List<String> falseAlerts(String correction) {
        List<String> features = new ArrayList<>();
        List<String> categorical = new ArrayList<>();
        for (int c = 0; c < COLUMNS; c++) {
            features.add("x" + c);
            features.add("c" + c);
            categorical.add("c" + c);
        }
        String yaml = """
        monitor: false_alerts
        problem_type: binary_classification
        reference: {path: %s, format: csv}
        analysis: {path: %s, format: csv}
        columns: {id: id, features: %s, categorical: %s}
        chunking: {size: %d}
        calculators:
          univariate_drift:
            continuous_methods: [kolmogorov_smirnov]
            categorical_methods: [chi2]
            kolmogorov_smirnov_alert: p_value
            n_bins: 10
            alpha: %s
            p_value_correction: %s
        """.formatted(
                        dir.resolve("reference.csv"),
                        dir.resolve("analysis.csv"),
                        features,
                        categorical,
                        CHUNK,
                        ALPHA,
                        correction);
        List<String> alerts = new ArrayList<>();
        int tests = 0;
        for (ResultRow r : compute(yaml)) {
            if (r.calculator().equals(UnivariateDriftCalculator.NAME)
                    && r.period().equals("analysis")
                    && r.columnName() != null) {
                tests++;
                assertThat(r.pValue()).as(r.metric() + " p-value").isNotNull();
                if (r.alert()) {
                    alerts.add(r.columnName() + "@" + r.chunkIndex());
                }
            }
        }
        assertThat(tests).isEqualTo(2 * COLUMNS * CHUNKS);
        return alerts;
    }

    static int chunksWithAnAlert(List<String> alerts) {
        Set<String> chunks = new HashSet<>();
        alerts.forEach(a -> chunks.add(a.substring(a.indexOf('@'))));
        return chunks.size();
    }

    @Test
    void correctionsBoundTheFalseAlerts() {
        int tests = 2 * COLUMNS * CHUNKS;
        List<String> none = falseAlerts("none");
        List<String> bonferroni = falseAlerts("bonferroni");
        List<String> bh = falseAlerts("benjamini_hochberg");
        System.out.printf(
                "false alerts over %d tests without drift: none %d (chi2 %d, kolmogorov_smirnov %d), bonferroni %d"
                        + " (%d chunks), benjamini_hochberg %d (%d chunks)%n",
                tests,
                none.size(),
                none.stream().filter(a -> a.startsWith("c")).count(),
                none.stream().filter(a -> a.startsWith("x")).count(),
                bonferroni.size(),
                chunksWithAnAlert(bonferroni),
                bh.size(),
                chunksWithAnAlert(bh));
        // none: Binomial(4000, 0.05), mean 200, sd 13.8; ±5 sd (the exact KS test is slightly conservative)
        double mean = tests * ALPHA;
        double sd = Math.sqrt(tests * ALPHA * (1 - ALPHA));
        assertThat((double) none.size()).isBetween(mean - 5 * sd, mean + 5 * sd);
        // bonferroni: at most α chance per chunk of any false alert, Poisson(≤ 1) chunks: P(> 5) < 0.001
        assertThat(chunksWithAnAlert(bonferroni)).isLessThanOrEqualTo(5);
        assertThat(bonferroni.size()).isLessThanOrEqualTo(10);
        // benjamini_hochberg under the complete null: the same chance per chunk; its alerts include
        // bonferroni's (a p-value below α/m is below k·α/m)
        assertThat(chunksWithAnAlert(bh)).isLessThanOrEqualTo(5);
        assertThat(bh).containsAll(bonferroni);
        assertThat(none).containsAll(bh);
    }
}
