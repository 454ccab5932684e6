package dev.vigil.stats;

/**
 * Count, missing count, min, max, Kahan-compensated sum and the central moments M2..M4 of a numeric
 * column (Welford/Chan parallel update; Pébay's formulas for M3, M4). Gives mean, sample std
 * (ddof=1) and the population 4th central moment {@code M4/n}.
 */
public final class Moments implements ColumnState {
    private static final long serialVersionUID = 1L;
    private long n;
    private long nulls;
    private double mean;
    private double m2;
    private double m3;
    private double m4;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double sum;
    private double sumCompensation;

    @Override
    public void addNull() {
        nulls++;
    }

    @Override
    public void add(double x) {
        long n1 = n;
        n++;
        double delta = x - mean;
        double deltaN = delta / n;
        double deltaN2 = deltaN * deltaN;
        double term1 = delta * deltaN * n1;
        mean += deltaN;
        m4 += term1 * deltaN2 * ((double) n * n - 3 * n + 3) + 6 * deltaN2 * m2 - 4 * deltaN * m3;
        m3 += term1 * deltaN * (n - 2) - 3 * deltaN * m2;
        m2 += term1;
        min = Math.min(min, x);
        max = Math.max(max, x);
        addToSum(x);
    }

    private void addToSum(double x) {
        double y = x - sumCompensation;
        double t = sum + y;
        sumCompensation = (t - sum) - y;
        sum = t;
    }

    @Override
    public Moments merge(ColumnState o) {
        Moments b = (Moments) o;
        nulls += b.nulls;
        if (b.n == 0) {
            return this;
        }
        if (n == 0) {
            n = b.n;
            mean = b.mean;
            m2 = b.m2;
            m3 = b.m3;
            m4 = b.m4;
            min = b.min;
            max = b.max;
            sum = b.sum;
            sumCompensation = b.sumCompensation;
            return this;
        }
        double na = n;
        double nb = b.n;
        double nx = na + nb;
        double delta = b.mean - mean;
        double delta2 = delta * delta;
        double newM4 = m4
                + b.m4
                + delta2 * delta2 * na * nb * (na * na - na * nb + nb * nb) / (nx * nx * nx)
                + 6 * delta2 * (na * na * b.m2 + nb * nb * m2) / (nx * nx)
                + 4 * delta * (na * b.m3 - nb * m3) / nx;
        double newM3 =
                m3 + b.m3 + delta * delta2 * na * nb * (na - nb) / (nx * nx) + 3 * delta * (na * b.m2 - nb * m2) / nx;
        double newM2 = m2 + b.m2 + delta2 * na * nb / nx;
        mean = mean + delta * nb / nx;
        m2 = newM2;
        m3 = newM3;
        m4 = newM4;
        n += b.n;
        min = Math.min(min, b.min);
        max = Math.max(max, b.max);
        addToSum(b.sum);
        addToSum(-b.sumCompensation);
        return this;
    }

    /** Non-missing values. */
    public long n() {
        return n;
    }

    /** Missing values (null or NaN). */
    public long nulls() {
        return nulls;
    }

    /** All rows: values and missing. */
    public long rows() {
        return n + nulls;
    }

    /** Mean of the non-missing values; NaN when there are none. */
    public double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    /** Sample standard deviation (ddof = 1); NaN with fewer than 2 values. */
    public double std() {
        return n < 2 ? Double.NaN : Math.sqrt(m2 / (n - 1));
    }

    /** Population standard deviation (ddof = 0); NaN without values. */
    public double populationStd() {
        return n == 0 ? Double.NaN : Math.sqrt(m2 / n);
    }

    /** Sample skewness g1 = (M3/n) / (M2/n)^1.5 (numpy's, ddof = 0); NaN when the std is 0. */
    public double skewness() {
        double sd = populationStd();
        return sd > 0 ? (m3 / n) / (sd * sd * sd) : Double.NaN;
    }

    /** Population 4th central moment, {@code Σ(x - mean)^4 / n}. */
    public double centralMoment4() {
        return n == 0 ? Double.NaN : m4 / n;
    }

    public double sum() {
        return sum - sumCompensation;
    }

    /** Smallest value; NaN when there are none. */
    public double min() {
        return n == 0 ? Double.NaN : min;
    }

    /** Largest value; NaN when there are none. */
    public double max() {
        return n == 0 ? Double.NaN : max;
    }
}
