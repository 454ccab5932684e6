package dev.vigil.stats;

/**
 * The sum {@code Σ φ((point - x_i) / bandwidth)} over the non-missing values, φ the standard normal
 * density: a Gaussian kernel density estimate at {@code point} is {@code sum / (n · bandwidth)}.
 */
public final class KernelDensitySum implements ColumnState {
    private static final long serialVersionUID = 1L;
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);
    private final double point;
    private final double bandwidth;
    private long n;
    private double sum;

    public KernelDensitySum(double point, double bandwidth) {
        this.point = point;
        this.bandwidth = bandwidth;
    }

    @Override
    public void addNull() {}

    @Override
    public void add(double value) {
        double z = (point - value) / bandwidth;
        sum += INV_SQRT_2PI * Math.exp(-0.5 * z * z);
        n++;
    }

    @Override
    public KernelDensitySum merge(ColumnState o) {
        KernelDensitySum b = (KernelDensitySum) o;
        n += b.n;
        sum += b.sum;
        return this;
    }

    /** The density estimate at the point; NaN without values. */
    public double density() {
        return n == 0 ? Double.NaN : sum / (n * bandwidth);
    }
}
