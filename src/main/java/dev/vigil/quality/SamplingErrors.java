package dev.vigil.quality;

/**
 * NannyML's sampling errors of the data-quality and summary statistics, for a chunk of {@code n}
 * rows (missing values included) given whole-reference components.
 */
public final class SamplingErrors {
    private SamplingErrors() {}

    /** Mean: {@code s / √n}, s the reference sample std. */
    public static double mean(double referenceStd, long n) {
        return referenceStd / Math.sqrt(n);
    }

    /** Sum: {@code s · √n}. */
    public static double sum(double referenceStd, long n) {
        return referenceStd * Math.sqrt(n);
    }

    /**
     * Standard deviation: {@code √(P/n) / (2s)} with {@code P = μ4 − (n−3)s⁴/(n−1)}, μ4 the
     * reference's population 4th central moment; NaN when P is not a positive finite number (or n =
     * 1).
     */
    public static double std(double referenceStd, double referenceMu4, long n) {
        double s4 = Math.pow(referenceStd, 4);
        double p = referenceMu4 - (n - 3) * s4 / (n - 1);
        if (!Double.isFinite(p) || p < 0) {
            return Double.NaN;
        }
        return Math.sqrt(p / n) / (2 * referenceStd);
    }

    /**
     * Median: {@code 1 / (2 √n f(m))}, f the Gaussian kernel density (Scott's bandwidth) of the
     * reference at its median m; 0 when the reference is constant (the density is infinite).
     */
    public static double median(double densityAtMedian, long n) {
        if (Double.isInfinite(densityAtMedian)) {
            return 0.0;
        }
        return 1.0 / (2 * Math.sqrt(n) * densityAtMedian);
    }

    /** Missing-value rate: {@code √(p(1−p)) / √n}, p the reference missing rate. */
    public static double rate(double referenceRate, long n) {
        return Math.sqrt(referenceRate * (1 - referenceRate)) / Math.sqrt(n);
    }

    /**
     * Scott's rule bandwidth for a Gaussian KDE of n values with sample std s: {@code s · n^(−1/5)}.
     */
    public static double scottBandwidth(double referenceStd, long n) {
        return referenceStd * Math.pow(n, -0.2);
    }
}
