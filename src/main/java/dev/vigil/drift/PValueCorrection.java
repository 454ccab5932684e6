package dev.vigil.drift;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How the p-values of one chunk's tests (every column and method that alerts on a p-value, in one
 * segment) decide their alerts at level α. Every comparison is strict, as NannyML's {@code p < α},
 * so that for a single test every correction is the plain test; a NaN p-value is no test (it never
 * alerts and does not count in {@code m}).
 */
public enum PValueCorrection {
    /** Each test alone: {@code p < α} (NannyML). Expect α × tests false alerts without drift. */
    NONE,
    /** {@code p < α/m}: the chance of any false alert in the chunk is at most α. */
    BONFERRONI,
    /**
     * Holm's step-down: with the p-values in ascending order, alert on {@code p(1..k−1)} where
     * {@code k} is the first with {@code p(k) ≥ α/(m−k+1)}; the same guarantee as Bonferroni, never
     * fewer alerts.
     */
    HOLM,
    /**
     * Benjamini-Hochberg: alert on {@code p(1..k)} for the largest {@code k} with {@code p(k) <
     * k·α/m}; the expected share of false alerts among the alerts is at most α.
     */
    BENJAMINI_HOCHBERG;

    /** Which of {@code p} alert at level {@code alpha} under this correction. */
    public boolean[] alerts(double[] p, double alpha) {
        boolean[] out = new boolean[p.length];
        Integer[] order = tested(p);
        int m = order.length;
        switch (this) {
            case NONE -> {
                for (int i : order) {
                    out[i] = p[i] < alpha;
                }
            }
            case BONFERRONI -> {
                for (int i : order) {
                    out[i] = p[i] < alpha / m;
                }
            }
            case HOLM -> {
                for (int k = 0; k < m && p[order[k]] < alpha / (m - k); k++) {
                    out[order[k]] = true;
                }
            }
            case BENJAMINI_HOCHBERG -> {
                int last = -1;
                for (int k = 0; k < m; k++) {
                    if (p[order[k]] < (k + 1) * alpha / m) {
                        last = k;
                    }
                }
                for (int k = 0; k <= last; k++) {
                    out[order[k]] = true;
                }
            }
        }
        return out;
    }

    /** The indices of the non-NaN p-values, by ascending p-value. */
    private static Integer[] tested(double[] p) {
        return IntStream.range(0, p.length)
                .filter(i -> !Double.isNaN(p[i]))
                .boxed()
                .sorted(Comparator.comparingDouble(i -> p[i]))
                .toArray(Integer[]::new);
    }
}
