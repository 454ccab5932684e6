package dev.vigil.drift;

/**
 * A drift method measuring the reference and chunk proportions on the same bins: a continuous
 * column's Doane bins, a categorical column's reference categories, each with NannyML's leftover
 * bin for what the chunk has outside them ({@link DriftMath#withLeftover}).
 */
public abstract class BinnedDistance extends DriftMethod {
    protected BinnedDistance(String key) {
        super(key, ContinuousInput.DOANE_HISTOGRAM, Kind.CONTINUOUS, Kind.CATEGORICAL);
    }

    @Override
    public final double continuous(ContinuousSample s) {
        double[][] pq = s.binProportions();
        return distance(pq[0], pq[1]);
    }

    @Override
    public final Statistic categorical(CategorySample s) {
        double[][] pq = s.referenceProportions();
        return Statistic.of(distance(pq[0], pq[1]));
    }

    /** The statistic between the reference proportions {@code p} and the chunk's {@code q}. */
    public abstract double distance(double[] p, double[] q);
}
