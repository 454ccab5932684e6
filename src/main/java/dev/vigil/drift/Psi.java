package dev.vigil.drift;

/**
 * Vigil's {@code psi} (NannyML 0.13.1 has none): the population stability index on the Doane bins
 * or the categories.
 */
public final class Psi extends BinnedDistance {
    /** Smoothing of empty bins. */
    public static final double EPSILON = 1e-4;

    /** {@code Σ (q − p)·ln(q/p)}, empty bins counted as {@link #EPSILON}. */
    @Override
    public double distance(double[] p, double[] q) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double a = Math.max(p[i], EPSILON);
            double b = Math.max(q[i], EPSILON);
            sum += (b - a) * Math.log(b / a);
        }
        return sum;
    }

    public Psi() {
        super("psi");
    }
}
