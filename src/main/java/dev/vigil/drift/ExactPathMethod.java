package dev.vigil.drift;

/**
 * A drift method with NannyML's two paths on continuous columns: exact on the sorted values of the
 * reference and the chunk when the reference is small ({@code calculation_method}), else on the
 * histograms of its {@link ContinuousInput} (the reference's {@code n_bins} bins), an
 * approximation of the exact statistic within {@link #binnedBound} (the results' {@code
 * approximate} and {@code error_bound}).
 */
public abstract class ExactPathMethod extends DriftMethod {
    protected ExactPathMethod(String key, ContinuousInput input, Kind... kinds) {
        super(key, input, kinds);
        if (!input.exactPath) {
            throw new IllegalArgumentException(key + ": " + input + " has no exact path");
        }
    }

    @Override
    public final double continuous(ContinuousSample s) {
        return s.isExact() ? exact(s.referenceValues(), s.chunkValues()) : binned(s);
    }

    @Override
    public final Statistic measuredStatistic(ContinuousSample s) {
        Statistic statistic = continuousStatistic(s);
        return s.isExact() ? statistic : statistic.within(binnedBound(s));
    }

    /**
     * On the binned path, a bound on |binned − exact| over every pair of samples with these
     * histograms: what the bins hide, from the bins' masses.
     */
    protected abstract double binnedBound(ContinuousSample s);

    /** The statistic between the reference's and the chunk's values, both in ascending order. */
    protected abstract double exact(double[] reference, double[] chunk);

    /** The statistic between the reference's and the chunk's histograms. */
    protected abstract double binned(ContinuousSample s);
}
