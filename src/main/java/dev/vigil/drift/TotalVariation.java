package dev.vigil.drift;

import dev.vigil.stats.Histogram;
import dev.vigil.thresholds.MetricRule;
import dev.vigil.thresholds.Threshold;

/**
 * Total variation distance {@code ½ Σ|p_i − q_i|} between the reference and chunk distributions:
 * over the union of categories, over the distinct values on the exact path (where NannyML's KS is
 * exact), else over the {@code n_bins} bins of KS's estimated path with the chunk's values below
 * and above the reference range as two more bins; thresholds clipped to [0, 1].
 */
public final class TotalVariation extends ExactPathMethod {
    public TotalVariation() {
        super("total_variation", ContinuousInput.KS_HISTOGRAM, Kind.CONTINUOUS, Kind.CATEGORICAL);
    }

    @Override
    public Statistic categorical(CategorySample s) {
        double[][] pq = s.unionProportions();
        return Statistic.of(distance(pq[0], pq[1]));
    }

    @Override
    public MetricRule rule(Threshold override) {
        return upperOnly(1.0).overriddenBy(override);
    }

    /** {@code ½ Σ|p_i − q_i|} over aligned bins. */
    public static double distance(double[] p, double[] q) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += Math.abs(p[i] - q[i]);
        }
        return sum / 2;
    }

    /** On the reference's bins, the chunk's values below and above them as two more bins. */
    @Override
    protected double binned(ContinuousSample s) {
        long[] r = s.reference().counts();
        Histogram chunk = s.chunk();
        long[] c = chunk.counts();
        long n = chunk.n();
        double[] p = new double[r.length + 2];
        double[] q = new double[r.length + 2];
        for (int i = 0; i < r.length; i++) {
            p[i] = (double) r[i] / s.referenceN();
            q[i] = (double) c[i] / n;
        }
        q[r.length] = (double) chunk.below() / n;
        q[r.length + 1] = (double) chunk.above() / n;
        return distance(p, q);
    }

    /**
     * Merging a bin's distinct values can only lower the distance, and within bin j the exact sum
     * of |p_v − q_v| exceeds |p_j − q_j| by at most p_j + q_j − |p_j − q_j|: exact − binned ≤ Σ
     * min(p_j, q_j) (the values outside the reference's range sit where the reference has none,
     * so those two bins lose nothing).
     */
    @Override
    protected double binnedBound(ContinuousSample s) {
        double[][] pq = s.binShares();
        double sum = 0;
        for (int j = 0; j < pq[0].length; j++) {
            sum += Math.min(pq[0][j], pq[1][j]);
        }
        return sum;
    }

    /** Over the distinct values of both samples (sorted inputs): their empirical distributions. */
    @Override
    protected double exact(double[] a, double[] b) {
        ContinuousSample.Groups g = ContinuousSample.exact(a.length, a, b).groups();
        return distance(DriftMath.proportions(g.reference(), a.length), DriftMath.proportions(g.chunk(), b.length));
    }
}
