package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.calculators.Calculators;
import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.ChunkStates;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.drift.DriftMethod.Kind;
import dev.vigil.drift.DriftMethod.Statistic;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.testing.Filled;
import dev.vigil.thresholds.Bounds;
import dev.vigil.thresholds.MetricRule;
import dev.vigil.thresholds.Threshold;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registry and what the calculator asks of the methods: names, threshold rules, and which
 * states a configuration of methods needs (shared as before the registry).
 */
class DriftMethodsTest {

    @Test
    void namesPerKindInTheConfigurationsOrder() {
        assertThat(DriftMethods.keys(Kind.CONTINUOUS))
                .containsExactly(
                        "kolmogorov_smirnov",
                        "jensen_shannon",
                        "wasserstein",
                        "hellinger",
                        "psi",
                        "total_variation",
                        "anderson_darling",
                        "cramer_von_mises",
                        "energy_distance",
                        "kullback_leibler");
        assertThat(DriftMethods.keys(Kind.CATEGORICAL))
                .containsExactly(
                        "chi2",
                        "jensen_shannon",
                        "hellinger",
                        "l_infinity",
                        "psi",
                        "total_variation",
                        "kullback_leibler");
        assertThat(new HashSet<>(DriftMethods.keys())).hasSameSizeAs(DriftMethods.keys());
        assertThat(DriftMethods.exactPathMethods())
                .isEqualTo(
                        "kolmogorov_smirnov, wasserstein, total_variation, anderson_darling, cramer_von_mises and energy_distance");
        assertThat(Calculators.get(UnivariateDriftType.class).thresholdMetrics(null))
                .containsExactlyElementsOf(java.util.stream.Stream.concat(
                                DriftMethods.keys().stream(), java.util.stream.Stream.of("drift_share"))
                        .sorted()
                        .toList());
        assertThatThrownBy(() -> DriftMethods.get("ks")).hasMessageContaining("ks");
    }

    @Test
    void distancesHaveNannyMlsUpperOnlyThresholdClippedAtZeroAndKsAtOne() {
        double[] refChunks = {0.1, 0.9};
        for (DriftMethod m : DriftMethods.ALL) {
            if (m instanceof Chi2) {
                continue;
            }
            Bounds b = m.rule(null).bounds(refChunks);
            assertThat(b.lower()).as(m.key()).isNull();
            boolean unitRange = m.key().equals("kolmogorov_smirnov") || m.key().equals("total_variation");
            assertThat(b.upper()).as(m.key()).isEqualTo(unitRange ? 1.0 : 0.5 + 3 * 0.4);
            assertThat(m.rule(null).bounds(new double[] {0.1, Double.NaN})).isEqualTo(Bounds.NONE);
            Bounds constant = m.rule(new Threshold.Constant(-1.0, 0.2)).bounds(refChunks);
            assertThat(constant).as(m.key()).isEqualTo(new Bounds(0.0, 0.2));
        }
    }

    @Test
    void chi2AlertsOnItsPValueAndHasNoThresholdsEvenConfigured() {
        DriftMethod chi2 = DriftMethods.get("chi2");
        MetricRule rule = chi2.rule(new Threshold.Constant(0.0, 1.0));
        Bounds b = rule.bounds(new double[] {1, 2, 3});
        assertThat(b).isEqualTo(Bounds.NONE);
        assertThat(chi2.alert(rule, b, new Statistic(100, 0.049))).isTrue();
        assertThat(chi2.alert(rule, b, new Statistic(100, 0.05))).isFalse();
        assertThat(chi2.alert(rule, b, new Statistic(Double.NaN, Double.NaN))).isFalse();
    }

    static ChunkTable reference(double... values) {
        Specs.MomentsOf spec = new Specs.MomentsOf("x");
        long n = values.length;
        ChunkInfo chunk = new ChunkInfo(0, 0, "[0:" + (n - 1) + "]", 0, n - 1, null, null, n);
        ChunkStates states = new ChunkStates(null, 0L, n, 0L, n - 1, null, null, Map.of(spec, Filled.moments(values)));
        return ChunkTable.of(List.of(chunk), List.of(states));
    }

    static List<String> specs(ChunkTable reference, String calculationMethod, String... methods) {
        UnivariateDriftConfig config = new UnivariateDriftConfig(
                null,
                List.of(methods),
                List.of(),
                UnivariateDriftConfig.CalculationMethod.valueOf(calculationMethod.toUpperCase()),
                10_000,
                0.05,
                PValueCorrection.NONE,
                UnivariateDriftConfig.KsAlert.THRESHOLD,
                0.5);
        UnivariateDriftCalculator calc = new UnivariateDriftCalculator(List.of("x"), List.of(), config, Map.of());
        return calc.refinementSpecs(reference).stream()
                .map(DriftMethodsTest::name)
                .toList();
    }

    static String name(StateSpec s) {
        return s instanceof Specs.HistogramOf h ? h.purpose() : s.getClass().getSimpleName();
    }

    @Test
    void methodsReadingTheSameStateShareIt() {
        ChunkTable varying = reference(1, 2, 3, 5, 8);
        assertThat(specs(varying, "auto", "jensen_shannon", "hellinger", "psi")).containsExactly("doane");
        assertThat(specs(varying, "auto", "kolmogorov_smirnov", "wasserstein", "total_variation"))
                .containsExactly("doane", "cdf", "QuantilesOf");
        assertThat(specs(varying, "auto", "total_variation")).containsExactly("doane", "cdf", "QuantilesOf");
        assertThat(specs(varying, "estimated", "kolmogorov_smirnov")).containsExactly("doane", "cdf");
        // a constant reference: Wasserstein's bins are widened, so KS's (and total_variation's) differ
        ChunkTable constant = reference(4, 4, 4);
        assertThat(specs(constant, "auto", "kolmogorov_smirnov", "wasserstein", "total_variation"))
                .containsExactly("doane", "ks", "wasserstein", "QuantilesOf");
        assertThat(specs(constant, "auto", "total_variation")).containsExactly("doane", "ks", "QuantilesOf");
        assertThat(specs(constant, "estimated", "wasserstein")).containsExactly("doane", "wasserstein");
    }
}
