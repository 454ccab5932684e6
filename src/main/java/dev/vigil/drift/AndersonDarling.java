package dev.vigil.drift;

import dev.vigil.drift.ContinuousSample.Groups;

/**
 * scipy's {@code anderson_ksamp([reference, chunk])} (midrank variant, Scholz and Stephens 1987):
 * over the pooled groups of equal values g, with {@code F̃_g} and {@code G̃_g} the reference's and
 * the chunk's mid-CDFs (the values below the group plus half of the group's, over the sample
 * size), {@code H̃_g} the pooled one and {@code l_g} the group's pooled count, {@code A²_kN = (N−1)/N
 * · (nm/N) · Σ_g (l_g/N)·(F̃_g − G̃_g)² / (H̃_g(1 − H̃_g) − l_g/(4N))}, then standardised: {@code
 * (A²_kN − 1)/σ_N}, σ_N² Scholz and Stephens' exact variance for two samples of sizes n and m. NaN
 * with fewer than four values or a single distinct value (scipy refuses both).
 *
 * <p>The p-value is scipy's table rule: a quadratic least-squares fit of {@code ln α} on the
 * critical values of Scholz and Stephens' table (for one degree of freedom) at α = 0.25, 0.1, 0.05,
 * 0.025, 0.01, 0.005, 0.001, evaluated at the statistic and exponentiated; a statistic below the
 * smallest critical value gets 0.25, one above the largest 0.001 (the p-value is capped to [0.001,
 * 0.25]).
 *
 * <p>Binned path: the statistic of the {@code n_bins} bins taken as groups (each bin's values tied;
 * the chunk's values below and above the bins one group each), which is the exact statistic of the
 * values rounded to their bin. Its distance to the exact statistic is at most {@link #bound}: with
 * per group b {@code ε_b = (a_b/n + c_b/m)/2} (its reference and chunk counts a, c), {@code D̃_b}
 * its mid-CDF difference, {@code [L_b, U_b]} its range of the pooled CDF, {@code W_b} the
 * bound of {@link #weightBound} on the weights of the bin's values (about {@code 1.25·ln(U_b/L_b)/(1
 * − U_b)}, plus {@code 4N/(N − l_b)} at the ends) and {@code V_b = (l_b/N)/max_{[L_b,U_b]} H(1−H)},
 * {@code |binned − exact| ≤ (N−1)/N·(nm/N)/σ_N · Σ_b [W_b·ε_b·(2|D̃_b| + ε_b) + (W_b − V_b)·D̃_b²]}
 * (the weights of the values inside a bin sum to between V_b and W_b, and their mid-CDF
 * differences lie within ε_b of the bin's).
 */
public final class AndersonDarling extends PooledGroupsMethod {
    /** Scholz and Stephens' critical values for one degree of freedom (b0 + b1 + b2). */
    private static final double[] CRITICAL = {
        0.675 - 0.245 - 0.105,
        1.281 + 0.25 - 0.305,
        1.645 + 0.678 - 0.362,
        1.96 + 1.149 - 0.391,
        2.326 + 1.822 - 0.396,
        2.573 + 2.364 - 0.345,
        3.085 + 3.615 - 0.154
    };

    /** Their significance levels. */
    private static final double[] LEVELS = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};

    /** The quadratic fit of ln(level) on the critical values, around their mean. */
    private static final double[] FIT = fitLogLevels();

    private static final double CENTRE = mean(CRITICAL);

    public AndersonDarling() {
        super("anderson_darling");
    }

    @Override
    public Statistic continuousStatistic(ContinuousSample s) {
        double a2 = continuous(s);
        return new Statistic(a2, pValue(a2));
    }

    /** The standardised statistic over the groups. */
    @Override
    protected double statistic(Groups g) {
        double n = g.n();
        double m = g.m();
        double total = n + m;
        if (g.size() < 2 || total < 4) {
            return Double.NaN;
        }
        double[] ma = g.referenceMidCounts();
        double[] mc = g.chunkMidCounts();
        double first = 0;
        double second = 0;
        for (int k = 0; k < g.size(); k++) {
            double l = g.reference()[k] + g.chunk()[k];
            double pooled = ma[k] + mc[k];
            double weight = l / total / (pooled * (total - pooled) - total * l / 4);
            first += weight * square(total * ma[k] - pooled * n);
            second += weight * square(total * mc[k] - pooled * m);
        }
        double a2kn = (first / n + second / m) * (total - 1) / total;
        return (a2kn - 1) / Math.sqrt(variance(n, m));
    }

    /** Scholz and Stephens' variance of A²_kN for k = 2 samples of sizes n and m. */
    static double variance(double n, double m) {
        double total = n + m;
        int big = (int) total;
        double hSum = 1.0 / n + 1.0 / m;
        double cum = 0;
        double g = 0;
        // the tail sums of 1/i, i from N − 1 down to 2, each over its position's 2, 3, …, N − 1
        for (int i = big - 1, pos = 2; i >= 2; i--, pos++) {
            cum += 1.0 / i;
            g += cum / pos;
        }
        double h = cum + 1;
        int k = 2;
        double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * hSum;
        double b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * hSum - 8 * h + 4 * g - 6;
        double c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * hSum + 4 * h;
        double d = (2 * h + 6) * k * k - 4 * h * k;
        double t = total;
        return (a * t * t * t + b * t * t + c * t + d) / ((t - 1) * (t - 2) * (t - 3));
    }

    /** scipy's table p-value of the standardised statistic, within [0.001, 0.25]. */
    static double pValue(double a2) {
        if (Double.isNaN(a2)) {
            return Double.NaN;
        }
        if (a2 < CRITICAL[0]) {
            return LEVELS[0];
        }
        if (a2 > CRITICAL[CRITICAL.length - 1]) {
            return LEVELS[LEVELS.length - 1];
        }
        double x = a2 - CENTRE;
        return Math.exp(FIT[0] + FIT[1] * x + FIT[2] * x * x);
    }

    /** Least squares of ln(level) on (1, x, x²), x the critical value minus their mean. */
    private static double[] fitLogLevels() {
        double centre = mean(CRITICAL);
        double[][] normal = new double[3][4];
        for (int i = 0; i < CRITICAL.length; i++) {
            double x = CRITICAL[i] - centre;
            double[] row = {1, x, x * x};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    normal[r][c] += row[r] * row[c];
                }
                normal[r][3] += row[r] * Math.log(LEVELS[i]);
            }
        }
        // Gauss-Jordan elimination with partial pivoting
        for (int col = 0; col < 3; col++) {
            int pivot = col;
            for (int r = col + 1; r < 3; r++) {
                if (Math.abs(normal[r][col]) > Math.abs(normal[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = normal[col];
            normal[col] = normal[pivot];
            normal[pivot] = t;
            for (int r = 0; r < 3; r++) {
                if (r != col) {
                    double f = normal[r][col] / normal[col][col];
                    for (int c = col; c < 4; c++) {
                        normal[r][c] -= f * normal[col][c];
                    }
                }
            }
        }
        return new double[] {normal[0][3] / normal[0][0], normal[1][3] / normal[1][1], normal[2][3] / normal[2][2]};
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double square(double x) {
        return x * x;
    }

    /**
     * An upper bound on the summed weights {@code (l_k/N)/d_k} of any split of a group of {@code l}
     * pooled values after {@code before} others into consecutive groups: the weight of a group of
     * {@code l_k} after {@code C_k} values is {@code l_k·N/(C_k(N − C_k − l_k) + l_k(N − l_k)/4)},
     * at most {@code l_k·N/(C_k·R + l_k·(N − l)/4)} with {@code R = N − before − l} values after the
     * group, at most {@code 1.25·(N/R)·ln(1 + l_k/C_k)} when {@code C_k ≥ 1} (as {@code y/(1 + y/4) ≤
     * 1.25·ln(1 + y)}), which telescopes; a first group with nothing before weighs at most {@code
     * 4N/(N − l)}. The same from the other end, and {@code l·N/(before·R)} from {@code d_k ≥ C_k·R/N²}.
     */
    static double weightBound(double before, double l, double total) {
        double after = total - before - l;
        double inf = Double.POSITIVE_INFINITY;
        double first = 4 * total / (total - l);
        double byBoth = before > 0 && after > 0 ? l * total / (before * after) : inf;
        double fromBelow = after > 0
                ? (before == 0 ? first : 0) + 1.25 * total / after * Math.log((before + l) / Math.max(before, 1))
                : inf;
        double fromAbove = before > 0
                ? (after == 0 ? first : 0) + 1.25 * total / before * Math.log((after + l) / Math.max(after, 1))
                : inf;
        return Math.min(byBoth, Math.min(fromBelow, fromAbove));
    }

    /** The bound on |binned − exact| of a binned sample (class javadoc). */
    public static double bound(ContinuousSample binned) {
        Groups g = binned.groups();
        double n = g.n();
        double m = g.m();
        double total = n + m;
        double[] ma = g.referenceMidCounts();
        double[] mc = g.chunkMidCounts();
        double sum = 0;
        for (int k = 0; k < g.size(); k++) {
            double l = g.reference()[k] + g.chunk()[k];
            double lo = (ma[k] + mc[k] - l / 2) / total;
            double hi = (ma[k] + mc[k] + l / 2) / total;
            double eps = (g.reference()[k] / n + g.chunk()[k] / m) / 2;
            double diff = Math.abs(ma[k] / n - mc[k] / m);
            double w = weightBound(lo * total, l, total);
            double peak = lo <= 0.5 && hi >= 0.5 ? 0.25 : Math.max(lo * (1 - lo), hi * (1 - hi));
            double v = l / total / peak;
            sum += w * eps * (2 * diff + eps) + (w - v) * diff * diff;
        }
        return (total - 1) / total * (n * m / total) * sum / Math.sqrt(variance(n, m));
    }

    @Override
    protected double binnedBound(ContinuousSample s) {
        return bound(s);
    }
}
