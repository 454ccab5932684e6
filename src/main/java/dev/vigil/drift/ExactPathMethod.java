package dev.vigil.drift;

/**
 * A drift method with NannyML's two paths on continuous columns: exact on the sorted values of the
 * reference and the chunk when the reference is small ({@code calculation_method}), else on the
 * histograms of its {@link ContinuousInput} (the reference's {@code n_bins} bins).
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

    /** The statistic between the reference's and the chunk's values, both in ascending order. */
    protected abstract double exact(double[] reference, double[] chunk);

    /** The statistic between the reference's and the chunk's histograms. */
    protected abstract double binned(ContinuousSample s);
}
