package dev.vigil.drift;

import dev.vigil.stats.Histogram;
import java.util.Arrays;

/**
 * What NannyML 0.13.1's univariate drift methods share: their bins and proportions
 * (docs/nannyml-univariate-drift.md has the rules, each checked against NannyML's outputs); each
 * method's own formula is in its class ({@link DriftMethods}).
 */
public final class DriftMath {
    private DriftMath() {}

    /**
     * Below this many reference values the exact-path methods take the exact path ({@code
     * calculation_method: auto}).
     */
    public static final int EXACT_BELOW = 10_000;

    // ---- bin edges ----

    /**
     * numpy's {@code linspace(lo, hi, bins + 1)}: {@code e_i = i·step + lo}, last edge exactly {@code
     * hi}.
     */
    public static double[] linspace(double lo, double hi, int bins) {
        return Histogram.edges(lo, hi, bins);
    }

    /**
     * numpy's {@code histogram_bin_edges(x, bins='doane')} from the moments of x, as {lo, hi, bins}:
     * width {@code (max − min) / (1 + log2 n + log2(1 + |g1|/σ_g1))}, {@code σ_g1 =
     * √(6(n−2)/((n+1)(n+3)))}; one bin when n ≤ 2 or the values are constant (then the range is
     * {@code v ± 0.5}).
     */
    public static double[] doaneBins(long n, double min, double max, double populationStd, double skewness) {
        double lo = min;
        double hi = max;
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        double width = 0;
        if (n > 2 && populationStd > 0) {
            double sg1 = Math.sqrt(6.0 * (n - 2) / ((n + 1.0) * (n + 3)));
            width = (max - min) / (1.0 + log2(n) + log2(1.0 + Math.abs(skewness) / sg1));
        }
        int bins = width != 0 ? (int) Math.ceil((hi - lo) / width) : 1;
        return new double[] {lo, hi, bins};
    }

    /**
     * The KS bins of the binned path {lo, hi, bins}: {@code linspace(min, max, nBins)}, no widening.
     */
    public static double[] ksBins(double min, double max, int nBins) {
        return new double[] {min, max, nBins};
    }

    /** The Wasserstein bins of the binned path: as KS, but a constant column gets {@code v ± 0.5}. */
    public static double[] wassersteinBins(double min, double max, int nBins) {
        return min == max ? new double[] {min - 0.5, max + 0.5, nBins} : new double[] {min, max, nBins};
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    // ---- distributions over bins ----

    /** counts / total. */
    public static double[] proportions(long[] counts, long total) {
        double[] p = new double[counts.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (double) counts[i] / total;
        }
        return p;
    }

    /**
     * The reference and chunk proportions with NannyML's leftover bin: when the chunk proportions
     * over the reference bins sum to less than 1 (values outside the reference range, or unseen
     * categories), one more bin holds the rest for the chunk and 0 for the reference. Returns {p, q}.
     */
    public static double[][] withLeftover(double[] p, double[] q) {
        double sum = 0;
        for (double v : q) {
            sum += v;
        }
        double left = 1 - sum;
        if (left > 0) {
            double[] p2 = Arrays.copyOf(p, p.length + 1);
            double[] q2 = Arrays.copyOf(q, q.length + 1);
            q2[q.length] = left;
            return new double[][] {p2, q2};
        }
        return new double[][] {p, q};
    }
}
