package dev.vigil.drift;

import dev.vigil.stats.Histogram;

/**
 * A continuous column's chunk and whole reference as a method's {@link ContinuousInput} gives them:
 * on the exact path the sorted values of both, else both histograms on the reference's bins.
 *
 * @param referenceN the reference's non-missing values
 * @param reference the whole reference's histogram (null on the exact path)
 * @param chunk the chunk's histogram (null on the exact path)
 * @param referenceValues the reference's values in ascending order (null on the binned path)
 * @param chunkValues the chunk's values in ascending order (null on the binned path)
 */
public record ContinuousSample(
        long referenceN, Histogram reference, Histogram chunk, double[] referenceValues, double[] chunkValues) {

    public static ContinuousSample binned(long referenceN, Histogram reference, Histogram chunk) {
        return new ContinuousSample(referenceN, reference, chunk, null, null);
    }

    public static ContinuousSample exact(long referenceN, double[] reference, double[] chunk) {
        return new ContinuousSample(referenceN, null, null, reference, chunk);
    }

    public boolean isExact() {
        return referenceValues != null;
    }

    /**
     * The reference's and the chunk's shares of each of the reference's bins, {p, q} (the chunk's
     * values outside the bins not in q).
     */
    public double[][] binShares() {
        long[] r = reference.counts();
        long[] c = chunk.counts();
        double[] p = new double[r.length];
        double[] q = new double[r.length];
        for (int j = 0; j < r.length; j++) {
            p[j] = (double) r[j] / referenceN;
            q[j] = (double) c[j] / chunk.n();
        }
        return new double[][] {p, q};
    }

    /**
     * The reference and chunk proportions over the reference's bins, with NannyML's leftover bin
     * ({@link DriftMath#withLeftover}).
     */
    public double[][] binProportions() {
        return DriftMath.withLeftover(
                DriftMath.proportions(reference.counts(), reference.n()),
                DriftMath.proportions(chunk.counts(), chunk.n()));
    }
}
