package dev.vigil.drift;

/**
 * NannyML's {@code jensen_shannon}: the Jensen-Shannon distance on the Doane bins or the
 * categories.
 */
public final class JensenShannon extends BinnedDistance {
    /**
     * scipy's {@code jensenshannon(p, q, base=2)}: both renormalised, {@code sqrt((KL(p‖m) + KL(q‖m))
     * / 2)} with {@code m = (p + q)/2}.
     */
    @Override
    public double distance(double[] p, double[] q) {
        double sp = 0;
        double sq = 0;
        for (int i = 0; i < p.length; i++) {
            sp += p[i];
            sq += q[i];
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double a = p[i] / sp;
            double b = q[i] / sq;
            double m = (a + b) / 2;
            sum += relEntr(a, m) + relEntr(b, m);
        }
        return Math.sqrt(sum / Math.log(2) / 2);
    }

    private static double relEntr(double a, double b) {
        return a > 0 && b > 0 ? a * Math.log(a / b) : 0.0;
    }

    public JensenShannon() {
        super("jensen_shannon");
    }
}
