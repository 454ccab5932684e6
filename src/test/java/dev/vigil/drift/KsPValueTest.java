package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.drift.DriftMethod.Statistic;
import java.util.TreeMap;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.junit.jupiter.api.Test;

/**
 * The KS p-value by scipy's {@code ks_2samp} rules (method 'auto'): the exact one against every
 * ordering of small samples counted by brute force and against the closed form for equal sizes,
 * the asymptotic one against Kolmogorov's limit, and which one is used when.
 */
class KsPValueTest {
    /** The distribution of D over every ordering of n1 + n2 values: D·n1·n2 → count. */
    static TreeMap<Long, Long> orderings(int n1, int n2) {
        TreeMap<Long, Long> out = new TreeMap<>();
        int total = n1 + n2;
        for (int mask = 0; mask < 1 << total; mask++) {
            if (Integer.bitCount(mask) != n1) {
                continue;
            }
            long i = 0;
            long j = 0;
            long max = 0;
            for (int k = 0; k < total; k++) {
                if ((mask >> k & 1) == 1) {
                    i++;
                } else {
                    j++;
                }
                max = Math.max(max, Math.abs(i * n2 - j * n1));
            }
            out.merge(max, 1L, Long::sum);
        }
        return out;
    }

    @Test
    void exactIsTheShareOfOrderingsReachingD() {
        int[][] sizes = {{3, 4}, {5, 3}, {4, 4}, {6, 5}, {2, 9}, {7, 7}};
        for (int[] s : sizes) {
            TreeMap<Long, Long> dist = orderings(s[0], s[1]);
            double all = CombinatoricsUtils.binomialCoefficientDouble(s[0] + s[1], s[0]);
            for (long dn : dist.keySet()) {
                double atLeast = dist.tailMap(dn, true).values().stream()
                                .mapToLong(Long::longValue)
                                .sum()
                        / all;
                double d = (double) dn / ((long) s[0] * s[1]);
                assertThat(KsPValue.of(d, s[0], s[1]))
                        .as("%d %d D=%s", s[0], s[1], d)
                        .isCloseTo(atLeast, within(1e-13));
            }
        }
    }

    /** P(D ≥ h/n) = 2 Σ_k (−1)^(k−1) C(2n, n − kh) / C(2n, n) for two samples of n. */
    @Test
    void exactEqualSizesIsTheClosedForm() {
        int n = 50;
        for (int h = 1; h <= n; h += 7) {
            double sum = 0;
            for (int k = 1; k * h <= n; k++) {
                sum += (k % 2 == 1 ? 1 : -1) * CombinatoricsUtils.binomialCoefficientDouble(2 * n, n - k * h);
            }
            double expected = 2 * sum / CombinatoricsUtils.binomialCoefficientDouble(2 * n, n);
            assertThat(KsPValue.of((double) h / n, n, n)).as("h=" + h).isCloseTo(expected, within(1e-13));
        }
    }

    @Test
    void scipysDisjointSamples() {
        // ks_2samp([1, 2, 3], [4, 5, 6]): D = 1, p = 2 / C(6, 3) = 0.1; ([0], [1]): D = 1, p = 1
        KolmogorovSmirnov ks = new KolmogorovSmirnov();
        Statistic s = ks.continuousStatistic(ContinuousSample.exact(3, new double[] {1, 2, 3}, new double[] {4, 5, 6}));
        assertThat(s.value()).isEqualTo(1.0);
        assertThat(s.pValue()).isCloseTo(0.1, within(1e-15));
        assertThat(KsPValue.of(1.0, 1, 1)).isCloseTo(1.0, within(1e-15));
        // identical samples: D = 0, p = 1
        assertThat(ks.continuousStatistic(ContinuousSample.exact(2, new double[] {1, 2}, new double[] {1, 2}))
                        .pValue())
                .isEqualTo(1.0);
    }

    @Test
    void asymptoticApproachesKolmogorovsLimit() {
        // n1 = n2 = 200,000: en = 100,000; Q(λ) = 2 Σ (−1)^(k−1) exp(−2 k² λ²)
        for (double lambda : new double[] {0.6, 1.0, 1.36, 1.63}) {
            double q = 0;
            for (int k = 1; k < 100; k++) {
                q += 2 * (k % 2 == 1 ? 1 : -1) * Math.exp(-2.0 * k * k * lambda * lambda);
            }
            double d = lambda / Math.sqrt(100_000);
            assertThat(KsPValue.of(d, 200_000, 200_000)).as("λ=" + lambda).isCloseTo(q, within(2e-3));
        }
        // λ = 1.36 is the textbook 5% critical value
        assertThat(KsPValue.of(1.36 / Math.sqrt(100_000), 200_000, 200_000)).isCloseTo(0.05, within(2e-3));
        // scipy: n·d² ≥ 18 gives 0
        assertThat(KsPValue.of(0.02, 200_000, 200_000)).isZero();
    }

    @Test
    void exactUpToTenThousandValuesThenAsymptotic() {
        double d = 0.05;
        assertThat(KsPValue.of(d, 200, 10_000)).isEqualTo(KsPValue.exact(d, 200, 10_000));
        assertThat(KsPValue.of(d, 200, 10_001)).isEqualTo(KsPValue.asymptotic(d, 200, 10_001));
        // both close for these sizes
        assertThat(KsPValue.exact(d, 200, 10_000)).isCloseTo(KsPValue.asymptotic(d, 200, 10_000), within(0.02));
        assertThat(KsPValue.of(Double.NaN, 3, 3)).isNaN();
        assertThat(KsPValue.of(0.5, 0, 3)).isNaN();
    }

    @Test
    void aBandTooWideToWalkFallsBackToAsymptotic() {
        // D = 0.9 between 10,000 and 9,999 values: both p-values are 0 in doubles
        assertThat(KsPValue.exact(0.9, 10_000, 9_999)).isNaN();
        assertThat(KsPValue.of(0.9, 10_000, 9_999)).isZero();
        // at the cap: D = 0.1 between 10,000 and 10,000 values would walk 2·10⁷ cells; the asymptotic
        // p-value is 0 (n·D² = 500 ≥ 18), the exact one below 1e-40 (just inside the cap: D = 0.099)
        assertThat(KsPValue.exact(0.1, 10_000, 10_000)).isNaN();
        assertThat(KsPValue.of(0.1, 10_000, 10_000)).isZero();
        assertThat(KsPValue.exact(0.099, 10_000, 10_000)).isPositive().isLessThan(1e-40);
    }

    @Test
    void theBinnedPathsPValueIsOfTheBinnedStatistic() {
        var ref = dev.vigil.stats.Histogram.of(0, 10, 5, new double[] {1, 3, 5, 7, 9, 1, 3, 5, 7, 9});
        var chunk = dev.vigil.stats.Histogram.of(0, 10, 5, new double[] {1, 1, 1, 3, 3});
        KolmogorovSmirnov ks = new KolmogorovSmirnov();
        Statistic s = ks.continuousStatistic(ContinuousSample.binned(10, ref, chunk));
        // CDFs at the right edges: ref 0.2 0.4 ...; chunk 0.6 1.0 ... -> D = 0.6
        assertThat(s.value()).isCloseTo(0.6, within(1e-15));
        assertThat(s.pValue()).isEqualTo(KsPValue.of(0.6, 10, 5));
    }
}
