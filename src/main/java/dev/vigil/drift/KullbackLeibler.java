package dev.vigil.drift;

/**
 * Kullback-Leibler divergence {@code D(reference ‖ chunk) = Σ p_i·ln(p_i/q_i)} on the Doane bins
 * (continuous) or the reference's categories (categorical), each with NannyML's leftover bin, as
 * {@code psi} and {@code jensen_shannon} bin them. Empty bins are smoothed as {@code psi} does
 * (shares below {@link Psi#EPSILON} raised to it), then both sides renormalised to sum 1, so the
 * divergence is finite; it is scipy's {@code entropy(p, q)} of the smoothed shares. No p-value.
 */
public final class KullbackLeibler extends BinnedDistance {
    public KullbackLeibler() {
        super("kullback_leibler");
    }

    @Override
    public double distance(double[] p, double[] q) {
        double[] a = smoothed(p);
        double[] b = smoothed(q);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * Math.log(a[i] / b[i]);
        }
        return sum;
    }

    /** Each share raised to at least {@link Psi#EPSILON}, then renormalised. */
    static double[] smoothed(double[] p) {
        double[] s = new double[p.length];
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            s[i] = Math.max(p[i], Psi.EPSILON);
            total += s[i];
        }
        for (int i = 0; i < p.length; i++) {
            s[i] /= total;
        }
        return s;
    }
}
