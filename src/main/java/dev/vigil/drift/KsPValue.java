package dev.vigil.drift;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The two-sided p-value of a two-sample Kolmogorov-Smirnov statistic {@code d} between samples of
 * {@code n1} and {@code n2} values, by scipy's {@code ks_2samp} rules with {@code method='auto'}:
 * exact when neither sample has more than {@value #MAX_EXACT_N} values, else asymptotic (the
 * one-sample distribution of {@code D} for {@code round(n1·n2/(n1+n2))} values).
 *
 * <p>The exact p-value is the share of the {@code C(n1+n2, n1)} orderings of the pooled samples
 * whose ECDF difference reaches {@code d}, computed as the probability mass that a walk on the
 * lattice leaves the band {@code |i/n1 − j/n2| < d} (summed, never subtracted from 1). When the band
 * holds more than {@value #MAX_CELLS} cells (some 60 ms; only for a large {@code d}, where both
 * p-values are below 1e-40) it is asymptotic instead, as scipy falls back when its exact attempt
 * fails.
 */
public final class KsPValue {
    /** scipy's {@code MAX_AUTO_N}: exact when both samples have at most this many values. */
    public static final int MAX_EXACT_N = 10_000;

    static final long MAX_CELLS = 20_000_000L;

    /** scipy's cut-off: for {@code n·d² ≥ 18} (and n > 140) the asymptotic p-value is 0. */
    private static final double ZERO_BEYOND = 18.0;

    private static final KolmogorovSmirnovTest KS = new KolmogorovSmirnovTest();

    private KsPValue() {}

    /** The p-value of {@code d} (NaN for an empty sample or a NaN statistic). */
    public static double of(double d, long n1, long n2) {
        if (n1 <= 0 || n2 <= 0 || Double.isNaN(d)) {
            return Double.NaN;
        }
        if (Math.max(n1, n2) <= MAX_EXACT_N) {
            double p = exact(d, (int) n1, (int) n2);
            if (!Double.isNaN(p)) {
                return p;
            }
        }
        return asymptotic(d, n1, n2);
    }

    /**
     * The exact p-value, {@code d} first rounded to the lattice (a multiple of {@code 1/lcm(n1,
     * n2)}, half to even as numpy); NaN when the band is too large to walk.
     */
    static double exact(double d, int n1, int n2) {
        long g = gcd(n1, n2);
        long a = n2 / g;
        long b = n1 / g;
        long h = (long) Math.rint(d * (b * n2));
        if (h <= 0) {
            return 1.0;
        }
        if ((n1 + 1.0) * (2.0 * h / b + 1) > MAX_CELLS) {
            return Double.NaN;
        }
        int total = n1 + n2;
        // inv[k] = 1/k: from a point with k values left, the next is from the first sample with
        // probability (values of it left)/k
        double[] inv = new double[total + 1];
        for (int k = 1; k <= total; k++) {
            inv[k] = 1.0 / k;
        }
        double[] prev = new double[n2 + 1];
        double[] cur = new double[n2 + 1];
        int prevLo = 0;
        int prevHi = -1;
        double outside = 0;
        for (int i = 0; i <= n1; i++) {
            // inside: |i·a − j·b| < h
            int lo = (int) Math.max(0, Math.floorDiv(i * a - h, b) + 1);
            int hi = (int) Math.min(n2, -Math.floorDiv(-(i * a + h), b) - 1);
            // from row i − 1, a step in the first sample: (n1 − i + 1) / (total − (i − 1) − j)
            double firstLeft = n1 - i + 1;
            int leftRow = total - i + 1;
            for (int j = prevLo; j <= Math.min(prevHi, lo - 1); j++) {
                outside += prev[j] * firstLeft * inv[leftRow - j];
            }
            for (int j = Math.max(prevLo, hi + 1); j <= prevHi; j++) {
                outside += prev[j] * firstLeft * inv[leftRow - j];
            }
            double m = 0;
            for (int j = lo; j <= hi; j++) {
                // m holds (i, j − 1)'s mass: a step in the second sample, (n2 − j + 1) / (total − i − j + 1)
                m = j > lo ? m * (n2 - j + 1) * inv[total - i - j + 1] : 0.0;
                if (j >= prevLo && j <= prevHi) {
                    m += prev[j] * firstLeft * inv[leftRow - j];
                }
                if (i == 0 && j == 0) {
                    m = 1.0;
                }
                cur[j] = m;
            }
            if (hi >= lo && hi < n2) {
                outside += cur[hi] * (n2 - hi) * inv[total - i - hi];
            }
            double[] t = prev;
            prev = cur;
            cur = t;
            prevLo = lo;
            prevHi = hi;
        }
        return Math.min(1.0, Math.max(0.0, outside));
    }

    /**
     * scipy's asymptotic p-value: {@code P(D_n ≥ d)} of the one-sample two-sided statistic for
     * {@code n = round(n1·n2/(n1+n2))}, from commons-math's distribution of {@code D_n} (Durbin's
     * matrix up to 140 values, Pelz-Good beyond; scipy's cut-offs at the extremes).
     */
    static double asymptotic(double d, long n1, long n2) {
        double en = (double) n1 * n2 / ((double) n1 + n2);
        int n = (int) Math.max(1, Math.rint(en));
        if (d >= 1) {
            return 0.0;
        }
        if (d <= 0) {
            return 1.0;
        }
        if (n > 140 && n * d * d >= ZERO_BEYOND) {
            return 0.0;
        }
        return Math.min(1.0, Math.max(0.0, 1.0 - KS.cdf(d, n)));
    }

    private static long gcd(long x, long y) {
        return y == 0 ? x : gcd(y, x % y);
    }
}
