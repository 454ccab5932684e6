package dev.vigil.drift;

import dev.vigil.drift.ContinuousSample.Groups;

/**
 * An exact-path method computing both paths as one statistic of the pooled values in ascending
 * groups ({@link ContinuousSample#groups}): the distinct values on the exact path, the bins on the
 * binned one (anderson_darling, cramer_von_mises, energy_distance).
 */
public abstract class PooledGroupsMethod extends ExactPathMethod {
    protected PooledGroupsMethod(String key) {
        super(key, ContinuousInput.KS_HISTOGRAM, Kind.CONTINUOUS);
    }

    /** The statistic of the pooled groups. */
    protected abstract double statistic(Groups groups);

    @Override
    protected final double exact(double[] reference, double[] chunk) {
        return statistic(
                ContinuousSample.exact(reference.length, reference, chunk).groups());
    }

    @Override
    protected final double binned(ContinuousSample s) {
        return statistic(s.groups());
    }
}
