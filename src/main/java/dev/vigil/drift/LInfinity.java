package dev.vigil.drift;

/**
 * NannyML's {@code l_infinity}: {@code max_c |p_c − q_c|} over the union of the reference and chunk
 * categories (no leftover bin).
 */
public final class LInfinity extends DriftMethod {
    public LInfinity() {
        super("l_infinity", null, Kind.CATEGORICAL);
    }

    @Override
    public Statistic categorical(CategorySample s) {
        double[][] pq = s.unionProportions();
        return Statistic.of(distance(pq[0], pq[1]));
    }

    /** {@code max |p_i − q_i|} over aligned categories. */
    public static double distance(double[] p, double[] q) {
        double max = 0;
        for (int i = 0; i < p.length; i++) {
            max = Math.max(max, Math.abs(p[i] - q[i]));
        }
        return max;
    }
}
