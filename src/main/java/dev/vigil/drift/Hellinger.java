package dev.vigil.drift;

/** NannyML's {@code hellinger}: the Hellinger distance on the Doane bins or the categories. */
public final class Hellinger extends BinnedDistance {
    /** {@code √Σ(√p − √q)² / √2}, no renormalisation. */
    @Override
    public double distance(double[] p, double[] q) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double d = Math.sqrt(p[i]) - Math.sqrt(q[i]);
            sum += d * d;
        }
        return Math.sqrt(sum) / Math.sqrt(2);
    }

    public Hellinger() {
        super("hellinger");
    }
}
