package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.stats.Histogram;
import dev.vigil.thresholds.Bounds;
import dev.vigil.thresholds.MetricRule;
import dev.vigil.thresholds.Threshold;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Total variation distance on small samples, every expected value computed by hand. */
class TotalVariationTest {
    static final TotalVariation TV = new TotalVariation();

    @Test
    void categoricalIsHalfTheL1DistanceOverTheUnionOfCategories() {
        // reference a 2/8, b 2/8, c 4/8; chunk a 1/4, c 1/4, d 2/4:
        // |1/4 − 1/4| + |1/4 − 0| + |1/2 − 1/4| + |0 − 1/2| = 1, halved
        CategorySample s =
                CategorySample.of(new TreeMap<>(Map.of("a", 2L, "b", 2L, "c", 4L)), Map.of("a", 1L, "c", 1L, "d", 2L));
        assertThat(TV.categorical(s).value()).isCloseTo(0.5, within(1e-15));
        assertThat(TV.categorical(s).pValue()).isNaN();
        CategorySample same = CategorySample.of(new TreeMap<>(Map.of("a", 1L, "b", 3L)), Map.of("a", 2L, "b", 6L));
        assertThat(TV.categorical(same).value()).isZero();
        CategorySample disjoint = CategorySample.of(new TreeMap<>(Map.of("a", 5L)), Map.of("b", 2L));
        assertThat(TV.categorical(disjoint).value()).isEqualTo(1.0);
    }

    @Test
    void exactPathComparesTheEmpiricalDistributionsOverTheDistinctValues() {
        // 1: 1/4 vs 0, 2: 2/4 vs 1/4, 3: 1/4 vs 2/4, 5: 0 vs 1/4: each 1/4 apart, halved
        double[] ref = {1, 2, 2, 3};
        ContinuousSample s = ContinuousSample.exact(4, ref, new double[] {2, 3, 3, 5});
        assertThat(TV.continuous(s)).isCloseTo(0.5, within(1e-15));
        // 1: 1/4 vs 1/6, 2: 1/2 vs 1/3, 3: 1/4 vs 1/2: 1/12 + 2/12 + 3/12, halved
        assertThat(TV.continuous(ContinuousSample.exact(4, ref, new double[] {1, 2, 2, 3, 3, 3})))
                .isCloseTo(0.25, within(1e-15));
        assertThat(TV.continuous(ContinuousSample.exact(4, ref, new double[] {1, 1, 2, 2, 2, 2, 3, 3})))
                .isZero();
        assertThat(TV.continuous(ContinuousSample.exact(4, ref, new double[] {7, 8})))
                .isEqualTo(1.0);
    }

    @Test
    void binnedPathUsesTheKsBinsAndTheValuesOutsideThemAsTwoMoreBins() {
        // bins [1,2) [2,3) [3,4) [4,5]: reference 1, 2, 3, 4, 5 → .2 .2 .2 .4; chunk 0 | 2.5 | 3.5 3.7
        // |
        // nothing | 7 → .0 .2 .4 .0, below .2, above .2: .2 + 0 + .2 + .4 + .2 + .2 = 1.2, halved
        Histogram ref = Histogram.of(1, 5, 4, 1, 2, 3, 4, 5);
        Histogram chunk = Histogram.of(1, 5, 4, 0, 2.5, 3.5, 3.7, 7);
        assertThat(TV.continuous(ContinuousSample.binned(5, ref, chunk))).isCloseTo(0.6, within(1e-15));
        Histogram same = Histogram.of(1, 5, 4, 1.5, 2.5, 3.5, 4.5, 4.9);
        assertThat(TV.continuous(ContinuousSample.binned(5, ref, same))).isZero();
    }

    @Test
    void readsTheKsHistogramOnBothKindsAndIsRegistered() {
        assertThat(TV.input()).isSameAs(ContinuousInput.KS_HISTOGRAM);
        assertThat(DriftMethods.get("total_variation")).isInstanceOf(TotalVariation.class);
        assertThat(UnivariateDriftConfig.CONTINUOUS_METHODS).contains("total_variation");
        assertThat(UnivariateDriftConfig.CATEGORICAL_METHODS).contains("total_variation");
    }

    @Test
    void thresholdIsMeanPlusThreeSigmaUpperOnlyClippedToZeroAndOne() {
        MetricRule rule = TV.rule(null);
        // mean .2, population σ .1: upper .5, no lower
        Bounds b = rule.bounds(new double[] {0.1, 0.3, 0.1, 0.3});
        assertThat(b.lower()).isNull();
        assertThat(b.upper()).isCloseTo(0.5, within(1e-15));
        assertThat(rule.bounds(new double[] {0.1, 0.9}).upper()).isEqualTo(1.0);
        assertThat(rule.bounds(new double[] {0.1, Double.NaN})).isEqualTo(Bounds.NONE);
        assertThat(TV.alert(rule, b, DriftMethod.Statistic.of(0.51))).isTrue();
        assertThat(TV.alert(rule, b, DriftMethod.Statistic.of(0.49))).isFalse();
        assertThat(TV.alert(rule, b, DriftMethod.Statistic.of(Double.NaN))).isFalse();
        Threshold constant = new Threshold.Constant(0.0, 0.3);
        assertThat(TV.rule(constant).bounds(new double[] {0.1})).isEqualTo(new Bounds(0.0, 0.3));
    }
}
