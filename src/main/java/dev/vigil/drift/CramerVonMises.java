package dev.vigil.drift;

import dev.vigil.drift.ContinuousSample.Groups;
import java.util.Arrays;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.util.ArithmeticUtils;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * scipy's {@code cramervonmises_2samp(reference, chunk)} (Anderson 1962, midranks for ties): with
 * r_i the pooled midrank of the i-th smallest reference value and s_j that of the j-th smallest
 * chunk value, {@code U = n·Σ(r_i − i)² + m·Σ(s_j − j)²} and {@code T = U/(nmN) − (4nm − 1)/(6N)},
 * computed per group of equal values in closed form. NaN when either sample has fewer than two
 * values (scipy refuses them).
 *
 * <p>The p-value is scipy's {@code method='auto'}: when both samples have at most 20 values, the
 * exact {@code P(U ≥ u)} over the {@code C(N, n)} equally likely orderings (counted by walking the
 * lattice paths with their sums of {@code (a·v − b·u)²}, a and b the lattice steps of the two
 * sizes, against scipy's integer threshold); otherwise the asymptotic one: T standardised by its
 * mean {@code (1 + 1/N)/6} and variance into {@code t_N = 1/6 + (T − E T)/√(45·Var T)}, then
 * {@code 1 − F∞(t_N)} with F∞ the limiting CDF of the one-sample statistic, summed as scipy does
 * (terms with the Bessel function K_{1/4}, until one is below 1e−7), and 1 when {@code t_N < 0.003}.
 * On the exact path of the calculator the exact p-value thus applies only to references of at most
 * 20 values.
 *
 * <p>Binned path: the statistic of the bins taken as groups (each bin's values tied; the chunk's
 * values below and above the bins one group each). {@code T = (nm/N²)·Σ_g l_g·D̃_g² + κ}, D̃_g the
 * mid-CDF difference of group g and κ a sum over the groups of cubic terms in their counts, so with
 * per bin b its counts a_b (reference), c_b (chunk), {@code l_b = a_b + c_b}, {@code ε_b = (a_b/n +
 * c_b/m)/2}, {@code α = 1/(12mN) + m/(12nN²)} and {@code β = 1/(12nN) + n/(12mN²)}: {@code |binned −
 * exact| ≤ Σ_b [(nm/N²)·l_b·ε_b·(2|D̃_b| + ε_b) + max(α(a_b³ − a_b) + β(c_b³ − c_b), a_b·c_b·l_b/(4N²))]}
 * ({@link #bound}).
 */
public final class CramerVonMises extends PooledGroupsMethod {
    /** scipy's rule: the exact p-value when both samples have at most this many values. */
    public static final int EXACT_UP_TO = 20;

    public CramerVonMises() {
        super("cramer_von_mises");
    }

    @Override
    public Statistic continuousStatistic(ContinuousSample s) {
        Groups g = s.groups();
        double u = u(g);
        long n = g.n();
        long m = g.m();
        if (Double.isNaN(u)) {
            return new Statistic(Double.NaN, Double.NaN);
        }
        double t = t(u, n, m);
        double p = Math.max(n, m) <= EXACT_UP_TO ? exactPValue(u, (int) n, (int) m) : asymptoticPValue(t, n, m);
        return new Statistic(t, p);
    }

    @Override
    protected double statistic(Groups g) {
        double u = u(g);
        return Double.isNaN(u) ? u : t(u, g.n(), g.m());
    }

    private static double t(double u, long n, long m) {
        double k = (double) n * m;
        double total = n + m;
        return u / (k * total) - (4 * k - 1) / (6 * total);
    }

    /**
     * U over the groups: the reference values of a group of counts (a, c) after A reference and C
     * chunk values have midrank minus index running over {@code C + c/2 + (a + 1)/2 − t}, t = 1..a,
     * whose squares sum to {@code a·(C + c/2)² + (a³ − a)/12}; likewise for the chunk's.
     */
    static double u(Groups g) {
        long n = g.n();
        long m = g.m();
        if (n < 2 || m < 2) {
            return Double.NaN;
        }
        double[] ma = g.referenceMidCounts();
        double[] mc = g.chunkMidCounts();
        double first = 0;
        double second = 0;
        for (int k = 0; k < g.size(); k++) {
            double ak = g.reference()[k];
            double ck = g.chunk()[k];
            first += ak * mc[k] * mc[k] + (ak * ak * ak - ak) / 12;
            second += ck * ma[k] * ma[k] + (ck * ck * ck - ck) / 12;
        }
        return n * first + m * second;
    }

    /**
     * The exact {@code P(U ≥ u)} for sizes n (reference) and m (chunk): the share of the lattice
     * paths from (0, 0) to (m, n) whose sum of {@code (a·v − b·w)²} over their points (w chunk and v
     * reference values so far, {@code a = lcm/n}, {@code b = lcm/m}) reaches scipy's threshold, the
     * floor of {@code lcm²·N·(6u − nm(4nm − 1)) / (6(nm)²)}.
     */
    static double exactPValue(double u, int n, int m) {
        long lcm = ArithmeticUtils.lcm(n, m);
        long a = lcm / n;
        long b = lcm / m;
        long nm = (long) n * m;
        double zeta = floorDiv((double) (lcm * lcm * (n + m)) * (6 * u - (double) (nm * (4 * nm - 1))), 6.0 * nm * nm);
        // per v, the sums reached so far (ascending) and how many paths reach each
        long[][] values = new long[n + 1][];
        long[][] counts = new long[n + 1][];
        values[0] = new long[] {0};
        counts[0] = new long[] {1};
        for (int v = 1; v <= n; v++) {
            values[v] = new long[0];
            counts[v] = new long[0];
        }
        for (int w = 0; w <= m; w++) {
            long[] rowValues = new long[0];
            long[] rowCounts = new long[0];
            for (int v = 0; v <= n; v++) {
                long[][] merged = merge(rowValues, rowCounts, values[v], counts[v]);
                long add = (a * v - b * w) * (a * v - b * w);
                rowValues = merged[0];
                rowCounts = merged[1];
                for (int i = 0; i < rowValues.length; i++) {
                    rowValues[i] += add;
                }
                values[v] = rowValues;
                counts[v] = rowCounts;
            }
        }
        long reaching = 0;
        for (int i = 0; i < values[n].length; i++) {
            if (values[n][i] >= zeta) {
                reaching += counts[n][i];
            }
        }
        return reaching / (double) CombinatoricsUtils.binomialCoefficient(n + m, n);
    }

    /** Two ascending value lists with their counts, merged (equal values' counts added). */
    private static long[][] merge(long[] xv, long[] xc, long[] yv, long[] yc) {
        long[] v = new long[xv.length + yv.length];
        long[] c = new long[v.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < xv.length || j < yv.length) {
            if (j == yv.length || (i < xv.length && xv[i] < yv[j])) {
                v[k] = xv[i];
                c[k++] = xc[i++];
            } else if (i == xv.length || yv[j] < xv[i]) {
                v[k] = yv[j];
                c[k++] = yc[j++];
            } else {
                v[k] = xv[i];
                c[k++] = xc[i++] + yc[j++];
            }
        }
        return new long[][] {Arrays.copyOf(v, k), Arrays.copyOf(c, k)};
    }

    /** Python's floor division of floats ({@code x // y}, y > 0). */
    static double floorDiv(double x, double y) {
        double mod = x % y;
        double div = (x - mod) / y;
        if (mod != 0 && mod < 0) {
            div -= 1;
        }
        double floor = Math.floor(div);
        if (div - floor > 0.5) {
            floor += 1;
        }
        return floor;
    }

    /** scipy's asymptotic p-value of T for sizes n and m. */
    static double asymptoticPValue(double t, long n, long m) {
        double k = (double) n * m;
        double total = n + m;
        double et = (1 + 1 / total) / 6;
        double vt = (total + 1) * (4 * k * total - 3 * ((double) n * n + (double) m * m) - 2 * k);
        vt = vt / (45 * total * total * 4 * k);
        double tn = 1.0 / 6 + (t - et) / Math.sqrt(45 * vt);
        return tn < 0.003 ? 1.0 : Math.max(0, 1 - limitingCdf(tn));
    }

    /**
     * The limiting CDF of the one-sample Cramér-von Mises statistic (Csörgő and Faraway 1996): the
     * sum over k of {@code Γ(k + ½)/(Γ(k + 1)·π^{3/2}·√x) · √(4k + 1) · e^{−q} K_{1/4}(q)}, {@code q
     * = (4k + 1)²/(16x)}, stopped after the first term below 1e−7 as scipy does.
     */
    static double limitingCdf(double x) {
        double total = 0;
        for (int k = 0; ; k++) {
            double u =
                    Math.exp(Gamma.logGamma(k + 0.5) - Gamma.logGamma(k + 1)) / (Math.pow(Math.PI, 1.5) * Math.sqrt(x));
            double y = 4 * k + 1;
            double q = y * y / (16 * x);
            double term = u * Math.sqrt(y) * scaledBesselK(q);
            total += term;
            if (Math.abs(term) < 1e-7) {
                return total;
            }
        }
    }

    /**
     * {@code e^{−q}·K_{1/4}(q) = ∫_0^∞ e^{−q(1 + cosh s)} cosh(s/4) ds}, by the trapezoidal rule in
     * steps of 0.02 (its error falls as {@code e^{−π²/h}} for this integrand, far below double
     * precision), until the integrand is negligible.
     */
    static double scaledBesselK(double q) {
        double h = 0.02;
        double sum = Math.exp(-2 * q) / 2;
        for (int i = 1; ; i++) {
            double s = i * h;
            double f = Math.exp(-q * (1 + Math.cosh(s))) * Math.cosh(s / 4);
            sum += f;
            if (f < 1e-18 * sum && s > 1) {
                return sum * h;
            }
            if (sum == 0 && q * (1 + Math.cosh(s)) > 800) {
                return 0;
            }
        }
    }

    /** The bound on |binned − exact| of a binned sample (class javadoc). */
    public static double bound(ContinuousSample binned) {
        Groups g = binned.groups();
        double n = g.n();
        double m = g.m();
        double total = n + m;
        double alpha = 1 / (12 * m * total) + m / (12 * n * total * total);
        double beta = 1 / (12 * n * total) + n / (12 * m * total * total);
        double[] ma = g.referenceMidCounts();
        double[] mc = g.chunkMidCounts();
        double sum = 0;
        for (int k = 0; k < g.size(); k++) {
            double ak = g.reference()[k];
            double ck = g.chunk()[k];
            double l = ak + ck;
            double eps = (ak / n + ck / m) / 2;
            double diff = Math.abs(ma[k] / n - mc[k] / m);
            double cubic = alpha * (ak * ak * ak - ak) + beta * (ck * ck * ck - ck);
            double cross = ak * ck * l / (4 * total * total);
            sum += n * m / (total * total) * l * eps * (2 * diff + eps) + Math.max(cubic, cross);
        }
        return sum;
    }

    @Override
    protected double binnedBound(ContinuousSample s) {
        return bound(s);
    }
}
