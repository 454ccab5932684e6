package dev.vigil.drift;

import dev.vigil.stats.Histogram;
import java.util.Arrays;

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
        double chunkN = chunk.n(); // a sum over the bins: once, not once per bin
        for (int j = 0; j < r.length; j++) {
            p[j] = (double) r[j] / referenceN;
            q[j] = (double) c[j] / chunkN;
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

    /**
     * The pooled values as ascending groups of equal values, each with its reference and chunk
     * counts (the groups with neither left out). On the exact path a group is a distinct value; on
     * the binned path a group is a bin, its values placed at the bin's midpoint, with the chunk's
     * values below and above the bins as one group each at their mean.
     *
     * @param at each group's value
     * @param reference its reference values
     * @param chunk its chunk values
     */
    public record Groups(double[] at, long[] reference, long[] chunk) {
        public int size() {
            return at.length;
        }

        /** The reference's values (the sum of its counts). */
        public long n() {
            return Arrays.stream(reference).sum();
        }

        /** The chunk's values. */
        public long m() {
            return Arrays.stream(chunk).sum();
        }

        /** Per group, the reference values before it plus half of its own. */
        public double[] referenceMidCounts() {
            return midCounts(reference);
        }

        /** Per group, the chunk values before it plus half of its own. */
        public double[] chunkMidCounts() {
            return midCounts(chunk);
        }

        private static double[] midCounts(long[] counts) {
            double[] mid = new double[counts.length];
            long before = 0;
            for (int k = 0; k < counts.length; k++) {
                mid[k] = before + counts[k] / 2.0;
                before += counts[k];
            }
            return mid;
        }
    }

    /** The pooled values in ascending groups ({@link Groups}). */
    public Groups groups() {
        int max = isExact() ? referenceValues.length + chunkValues.length : reference.bins() + 2;
        double[] at = new double[max];
        long[] a = new long[max];
        long[] b = new long[max];
        int k = 0;
        if (isExact()) {
            double[] x = referenceValues;
            double[] y = chunkValues;
            int i = 0;
            int j = 0;
            while (i < x.length || j < y.length) {
                double z = j == y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
                int i0 = i;
                int j0 = j;
                while (i < x.length && x[i] == z) {
                    i++;
                }
                while (j < y.length && y[j] == z) {
                    j++;
                }
                at[k] = z;
                a[k] = i - i0;
                b[k] = j - j0;
                k++;
            }
        } else {
            if (chunk.below() > 0) {
                at[k] = chunk.sumBelow() / chunk.below();
                b[k++] = chunk.below();
            }
            double[] edges = reference.edges();
            long[] r = reference.counts();
            long[] c = chunk.counts();
            for (int i = 0; i < r.length; i++) {
                if (r[i] + c[i] > 0) {
                    at[k] = (edges[i] + edges[i + 1]) / 2;
                    a[k] = r[i];
                    b[k++] = c[i];
                }
            }
            if (chunk.above() > 0) {
                at[k] = chunk.sumAbove() / chunk.above();
                b[k++] = chunk.above();
            }
        }
        return new Groups(Arrays.copyOf(at, k), Arrays.copyOf(a, k), Arrays.copyOf(b, k));
    }
}
