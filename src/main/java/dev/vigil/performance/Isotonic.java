package dev.vigil.performance;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Increasing isotonic regression of 0/1 labels on scores, as scikit-learn's {@code
 * IsotonicRegression( out_of_bounds='clip')} computes it, fitted from grouped counts (score →
 * positives, rows): scikit-learn itself first pools scores closer than 1e-15 to a group's first
 * score into one weighted point, so grouping is exact. The weighted pool-adjacent-violators pass
 * pools equal neighbours too; prediction clips to the fitted range and interpolates linearly
 * between the fitted points.
 */
public final class Isotonic implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double RESOLUTION = 1e-15;
    private final double[] x;
    private final double[] y;

    private Isotonic(double[] x, double[] y) {
        this.x = x;
        this.y = y;
    }

    /**
     * @param groups ascending score → {positives, rows}; at least one group with rows
     */
    public static Isotonic fit(NavigableMap<Double, long[]> groups) {
        int m = groups.size();
        double[] xs = new double[m];
        double[] ys = new double[m];
        double[] ws = new double[m];
        int k = -1;
        double pos = 0;
        for (Map.Entry<Double, long[]> e : groups.entrySet()) {
            long rows = e.getValue()[1];
            if (rows == 0) {
                continue;
            }
            if (k < 0 || e.getKey() - xs[k] >= RESOLUTION) {
                if (k >= 0) {
                    ys[k] = pos / ws[k];
                }
                k++;
                xs[k] = e.getKey();
                ws[k] = 0;
                pos = 0;
            }
            ws[k] += rows;
            pos += e.getValue()[0];
        }
        if (k < 0) {
            throw new IllegalArgumentException("no rows to calibrate on");
        }
        ys[k] = pos / ws[k];
        int n = k + 1;
        double[] fx = Arrays.copyOf(xs, n);
        double[] fy = Arrays.copyOf(ys, n);
        pava(fy, Arrays.copyOf(ws, n));
        return new Isotonic(fx, fy);
    }

    /** Weighted pool-adjacent-violators, in place: {@code y} becomes the non-decreasing fit. */
    static void pava(double[] y, double[] w) {
        int n = y.length;
        // blocks as a stack: start index, value, weight
        int[] start = new int[n];
        double[] value = new double[n];
        double[] weight = new double[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            start[blocks] = i;
            value[blocks] = y[i];
            weight[blocks] = w[i];
            blocks++;
            while (blocks > 1 && value[blocks - 2] >= value[blocks - 1]) {
                double wsum = weight[blocks - 2] + weight[blocks - 1];
                value[blocks - 2] =
                        (weight[blocks - 2] * value[blocks - 2] + weight[blocks - 1] * value[blocks - 1]) / wsum;
                weight[blocks - 2] = wsum;
                blocks--;
            }
        }
        for (int b = 0; b < blocks; b++) {
            int end = b + 1 < blocks ? start[b + 1] : n;
            Arrays.fill(y, start[b], end, value[b]);
        }
    }

    /** The calibrated probability of a score. */
    public double predict(double score) {
        if (Double.isNaN(score)) {
            return score;
        }
        int last = x.length - 1;
        double t = Math.min(Math.max(score, x[0]), x[last]);
        if (t >= x[last]) {
            return y[last];
        }
        int i = Arrays.binarySearch(x, t);
        if (i >= 0) {
            return y[i];
        }
        int lo = -i - 2;
        double slope = (y[lo + 1] - y[lo]) / (x[lo + 1] - x[lo]);
        return slope * (t - x[lo]) + y[lo];
    }
}
