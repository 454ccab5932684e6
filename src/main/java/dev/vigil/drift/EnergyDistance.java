package dev.vigil.drift;

import dev.vigil.drift.ContinuousSample.Groups;
import dev.vigil.stats.Histogram;

/**
 * scipy's {@code energy_distance(reference, chunk)} in one dimension: {@code √(2·∫(F − G)²)}, F
 * and G the reference's and the chunk's empirical CDFs, in the feature's units; no p-value.
 *
 * <p>Binned path: the same integral with each bin's values at the bin's midpoint and the chunk's
 * values below and above the bins at their mean. On each bin of width w the binned and exact CDFs
 * differ by at most the bin's share, and in each tail the chunk's CDF moved by at most {@code k/m}
 * over an area of at most {@code 2S/m} (k values at a total distance S from the range), so by the
 * triangle inequality in L² ({@link #bound}): {@code |binned − exact| ≤ √2·(√(w·Σp_i²) + √(w·Σq_i²)
 * + √(2k_<S_<)/m + √(2k_>S_>)/m)}, p_i and q_i the reference and chunk shares of bin i, m the chunk's
 * values, {@code S_< = k_<·lo − Σ below} and {@code S_> = Σ above − k_>·hi}.
 */
public final class EnergyDistance extends PooledGroupsMethod {
    public EnergyDistance() {
        super("energy_distance");
    }

    /** {@code √2·√(Σ (z_{g+1} − z_g)·(F_g − G_g)²)} over the groups, F and G after group g. */
    @Override
    protected double statistic(Groups g) {
        double n = g.n();
        double m = g.m();
        double a = 0;
        double b = 0;
        double sum = 0;
        for (int k = 0; k < g.size() - 1; k++) {
            a += g.reference()[k];
            b += g.chunk()[k];
            double d = a / n - b / m;
            sum += (g.at()[k + 1] - g.at()[k]) * d * d;
        }
        return Math.sqrt(2) * Math.sqrt(sum);
    }

    /** The bound on |binned − exact| of a binned sample (class javadoc). */
    public static double bound(ContinuousSample binned) {
        Histogram r = binned.reference();
        Histogram c = binned.chunk();
        double n = binned.referenceN();
        double m = c.n();
        double width = (r.hi() - r.lo()) / r.bins();
        long[] rc = r.counts();
        long[] cc = c.counts();
        double p2 = 0;
        double q2 = 0;
        for (int i = 0; i < rc.length; i++) {
            p2 += (rc[i] / n) * (rc[i] / n);
            q2 += (cc[i] / m) * (cc[i] / m);
        }
        double below = Math.max(0, c.below() * r.lo() - c.sumBelow());
        double above = Math.max(0, c.sumAbove() - c.above() * r.hi());
        return Math.sqrt(2)
                * (Math.sqrt(width * p2)
                        + Math.sqrt(width * q2)
                        + Math.sqrt(2 * c.below() * below) / m
                        + Math.sqrt(2 * c.above() * above) / m);
    }

    @Override
    protected double binnedBound(ContinuousSample s) {
        return bound(s);
    }
}
