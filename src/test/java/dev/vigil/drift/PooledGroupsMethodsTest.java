package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.drift.ContinuousSample.Groups;
import dev.vigil.drift.DriftMethod.Statistic;
import dev.vigil.stats.Histogram;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * anderson_darling, cramer_von_mises, energy_distance and kullback_leibler on small samples, the
 * expected values computed by hand (ScipyDriftMethodsTest compares them with scipy).
 */
class PooledGroupsMethodsTest {

    @Test
    void groupsAreTheDistinctValuesOrTheBinsWithTheChunksTails() {
        Groups exact = ContinuousSample.exact(4, new double[] {1, 2, 2, 3}, new double[] {2, 5})
                .groups();
        assertThat(exact.at()).containsExactly(1, 2, 3, 5);
        assertThat(exact.reference()).containsExactly(1, 2, 1, 0);
        assertThat(exact.chunk()).containsExactly(0, 1, 0, 1);
        assertThat(exact.referenceMidCounts()).containsExactly(0.5, 2, 3.5, 4);
        // bins [0,1) [1,2]: reference 0, 0.5, 2; chunk -1, -3 below, 1.5, 4 above
        Histogram r = Histogram.of(0, 2, 2, 0, 0.5, 2);
        Histogram c = Histogram.of(0, 2, 2, -1, -3, 1.5, 4);
        Groups binned = ContinuousSample.binned(3, r, c).groups();
        assertThat(binned.at()).containsExactly(-2, 0.5, 1.5, 4);
        assertThat(binned.reference()).containsExactly(0, 2, 1, 0);
        assertThat(binned.chunk()).containsExactly(2, 0, 1, 1);
    }

    @Test
    void energyDistanceIsRootTwiceTheIntegratedSquaredCdfDifference() {
        // {0, 1} vs {1, 2}: F − G is 1/2 on [0, 1) and on [1, 2): ∫ = 1/2, √(2·1/2) = 1
        ContinuousSample s = ContinuousSample.exact(2, new double[] {0, 1}, new double[] {1, 2});
        assertThat(new EnergyDistance().continuous(s)).isCloseTo(1.0, within(1e-15));
        assertThat(new EnergyDistance().continuousStatistic(s).pValue()).isNaN();
    }

    @Test
    void cramerVonMisesWithItsExactPValue() {
        // ranks x 1, 2 and y 3, 4: U = 2·0 + 2·(2² + 2²) = 16, T = 16/16 − 15/24 = 0.375; the two
        // orderings with x wholly first or wholly last reach U = 16: p = 2/6
        Statistic s = new CramerVonMises()
                .continuousStatistic(ContinuousSample.exact(2, new double[] {1, 2}, new double[] {3, 4}));
        assertThat(s.value()).isCloseTo(0.375, within(1e-15));
        assertThat(s.pValue()).isCloseTo(1.0 / 3, within(1e-15));
        // a tie across the samples: x {1, 2}, y {2, 3}: midranks x 1, 2.5 and y 2.5, 4: U = 2·(0 + 0.25) +
        // 2·(1.5² + 2²) = 13, T = 13/16 − 15/24 = 0.1875
        assertThat(new CramerVonMises().continuous(ContinuousSample.exact(2, new double[] {1, 2}, new double[] {2, 3})))
                .isCloseTo(0.1875, within(1e-15));
        assertThat(new CramerVonMises().continuous(ContinuousSample.exact(1, new double[] {1}, new double[] {2, 3})))
                .isNaN();
    }

    @Test
    void pythonsFloorDivision() {
        assertThat(CramerVonMises.floorDiv(7, 2)).isEqualTo(3);
        assertThat(CramerVonMises.floorDiv(-7, 2)).isEqualTo(-4);
        assertThat(CramerVonMises.floorDiv(6, 2)).isEqualTo(3);
        assertThat(CramerVonMises.floorDiv(-0.5, 6)).isEqualTo(-1);
    }

    @Test
    void andersonDarlingPValueIsCappedAndASingleValueIsNaN() {
        assertThat(AndersonDarling.pValue(-1)).isEqualTo(0.25);
        assertThat(AndersonDarling.pValue(10)).isEqualTo(0.001);
        double mid = AndersonDarling.pValue(2.0);
        assertThat(mid).isBetween(0.025, 0.05);
        assertThat(new AndersonDarling()
                        .continuous(ContinuousSample.exact(3, new double[] {1, 1, 1}, new double[] {1, 1})))
                .isNaN();
        // symmetric in the two samples
        double[] x = {0.1, 0.4, 0.9, 1.3};
        double[] y = {0.2, 1.5, 2.0};
        assertThat(new AndersonDarling().continuous(ContinuousSample.exact(4, x, y)))
                .isCloseTo(new AndersonDarling().continuous(ContinuousSample.exact(3, y, x)), within(1e-12));
    }

    @Test
    void kullbackLeiblerOnPsisSmoothedShares() {
        KullbackLeibler kl = new KullbackLeibler();
        // p (1/2, 1/2), q (1/4, 3/4): ½ln2 + ½ln(2/3)
        assertThat(kl.distance(new double[] {0.5, 0.5}, new double[] {0.25, 0.75}))
                .isCloseTo(0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3), within(1e-15));
        // reference a 2, b 2; chunk a 4 and d 4 unseen: p (1/2, 1/2, 0), q (1/2, 0, 1/2) smoothed to
        // (1/2, 1/2, 1e-4) and (1/2, 1e-4, 1/2), each over 1.0001
        CategorySample s = CategorySample.of(new TreeMap<>(Map.of("a", 2L, "b", 2L)), Map.of("a", 4L, "d", 4L));
        double t = 1.0001;
        double expected = 0.5 / t * Math.log(1.0) + 0.5 / t * Math.log(0.5 / 1e-4) + 1e-4 / t * Math.log(1e-4 / 0.5);
        assertThat(kl.categorical(s).value()).isCloseTo(expected, within(1e-12));
    }
}
