package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.stats.Histogram;
import dev.vigil.stats.Moments;
import dev.vigil.testing.Filled;
import org.junit.jupiter.api.Test;

/** Golden numbers from scipy 1.17 / numpy 2.4 (computed once, written inline) and by hand. */
class DriftMathTest {
    static final double[] A = {1, 2, 3, 4, 5};
    static final double[] B = {2.5, 3.5, 3.5, 6, 7};

    @Test
    void exactKsAndWassersteinAreScipys() {
        assertThat(new KolmogorovSmirnov().exact(A, B)).isCloseTo(0.4, within(1e-15));
        assertThat(new Wasserstein().exact(A, B)).isCloseTo(1.5, within(1e-15));
        assertThat(new KolmogorovSmirnov().exact(A, A)).isZero();
    }

    @Test
    void jensenShannonIsScipysDistanceBase2() {
        assertThat(new JensenShannon().distance(new double[] {0.2, 0.5, 0.3}, new double[] {0.1, 0.6, 0.3}))
                .isCloseTo(0.12465555976169065, within(1e-15));
        assertThat(new JensenShannon().distance(new double[] {1, 0}, new double[] {0, 1}))
                .isCloseTo(1.0, within(1e-15));
    }

    @Test
    void hellingerAndLInfinityByHand() {
        assertThat(new Hellinger().distance(new double[] {1, 0}, new double[] {0, 1}))
                .isCloseTo(1.0, within(1e-15));
        assertThat(new Hellinger().distance(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}))
                .isZero();
        // NannyML's docs example: reference [a,a,b,b,c,c], analysis [a,b,c,d] gives L∞ = 1/3 − 1/4
        assertThat(LInfinity.distance(
                        new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0, 0}, new double[] {0.25, 0.25, 0.25, 0.25}))
                .isCloseTo(0.25, within(1e-15));
    }

    @Test
    void chi2IsScipysContingencyTestWithYatesForOneDegree() {
        DriftMethod.Statistic t = Chi2.test(new long[] {10, 30, 5}, new long[] {20, 25, 15});
        assertThat(t.value()).isCloseTo(6.783459595959595, within(1e-12));
        assertThat(t.pValue()).isCloseTo(0.033650418100872846, within(1e-12));
        DriftMethod.Statistic yates = Chi2.test(new long[] {12, 7}, new long[] {5, 9});
        assertThat(yates.value()).isCloseTo(1.455996378814684, within(1e-12));
        assertThat(yates.pValue()).isCloseTo(0.22756821457580642, within(1e-12));
        assertThat(Chi2.test(new long[] {5}, new long[] {3}).pValue()).isEqualTo(1.0);
    }

    @Test
    void doaneEdgesAreNumpys() {
        double[] x = {1.0, 2, 2, 3, 3, 3, 4, 4, 5, 9, 12, 15.5};
        Moments m = Filled.moments(x);
        double[] bins = DriftMath.doaneBins(m.n(), m.min(), m.max(), m.populationStd(), m.skewness());
        double[] edges = DriftMath.linspace(bins[0], bins[1], (int) bins[2]);
        assertThat(m.skewness()).isCloseTo(1.2818459625356708, within(1e-12));
        assertThat(edges).hasSize(8);
        assertThat(edges[1]).isCloseTo(3.07142857, within(1e-8));
        assertThat(edges[7]).isEqualTo(15.5);
        assertThat(DriftMath.doaneBins(5, 2, 2, 0, Double.NaN)).containsExactly(1.5, 2.5, 1);
    }

    @Test
    void leftoverBinHoldsWhatTheReferenceBinsMiss() {
        double[][] pq = DriftMath.withLeftover(new double[] {0.5, 0.5}, new double[] {0.25, 0.5});
        assertThat(pq[0]).containsExactly(0.5, 0.5, 0.0);
        assertThat(pq[1]).containsExactly(0.25, 0.5, 0.25);
        assertThat(DriftMath.withLeftover(new double[] {1}, new double[] {1})[0])
                .hasSize(1);
    }

    @Test
    void binnedKsAndWassersteinMatchTheExactOnesOnFineBins() {
        // with edges at every distinct value the binned CDFs equal the exact ones at those points
        double[] ref = {1, 2, 3, 4, 5};
        Histogram r = Histogram.of(1, 5, 4, ref);
        assertThat(r.edges()).containsExactly(DriftMath.linspace(1, 5, 4));
        Histogram c = Histogram.of(1, 5, 4, 1, 1, 2, 5, 5);
        double exact = new KolmogorovSmirnov().exact(ref, new double[] {1, 1, 2, 5, 5});
        assertThat(new KolmogorovSmirnov().binned(ContinuousSample.binned(5, r, c)))
                .isCloseTo(exact, within(1e-15));
        // values outside the range: the tail terms are Σ(lo − x)/n and Σ(x − hi)/n
        Histogram out = Histogram.of(1, 5, 4, 0, 3, 3, 7, 7);
        double w = new Wasserstein().binned(ContinuousSample.binned(5, r, out));
        assertThat(w).isPositive();
        assertThat(out.sumAbove()).isEqualTo(14.0);
    }

    @Test
    void psiIsZeroForEqualDistributionsAndGrowsWithShift() {
        assertThat(new Psi().distance(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}))
                .isZero();
        double small = new Psi().distance(new double[] {0.5, 0.5}, new double[] {0.45, 0.55});
        double large = new Psi().distance(new double[] {0.5, 0.5}, new double[] {0.2, 0.8});
        assertThat(small).isCloseTo(0.05 * Math.log(0.55 / 0.5) + 0.05 * Math.log(0.5 / 0.45), within(1e-15));
        assertThat(large).isGreaterThan(small);
    }
}
