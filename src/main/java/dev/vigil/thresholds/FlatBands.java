package dev.vigil.thresholds;

/**
 * What a flat reference band does: a two-sided band whose lower and upper thresholds are equal up
 * to rounding ({@code upper - lower <= }{@value #RELATIVE_TOLERANCE}{@code × max(1, |lower|,
 * |upper|)}), because every reference chunk gave the same value (row counts of equal-sized chunks,
 * the median of an integer column, a rate that is always 0). NannyML's standard-deviation band is
 * then {@code [c, c]}: its summary statistics alert on every chunk, {@code c} included, and any
 * other metric alerts on the smallest difference from {@code c}.
 *
 * <p>{@link #VIGIL} (the default) reads a flat band as "the reference shows no spread of its own",
 * and falls back on the spread the metric's sampling error predicts: the band becomes {@code c ±}
 * {@value #SAMPLING_ERRORS}{@code × the chunk's sampling error} (the bounds written on the chunk's
 * row), and a value alerts only outside it, a value within rounding of {@code c} never. A metric
 * without a sampling error (row_count) keeps {@code [c, c]} and alerts on any other value. {@link
 * #NANNYML} keeps NannyML's exact rule (the conformance tests use it). Constant thresholds are never
 * flat: their lower bound must be below their upper.
 */
public enum FlatBands {
    VIGIL,
    NANNYML;

    public static final double RELATIVE_TOLERANCE = 1e-9;
    public static final double SAMPLING_ERRORS = 3.0;

    /** A chunk's thresholds and alert after this rule. */
    public record Decision(Double lower, Double upper, boolean alert) {}

    /** Whether {@code [lower, upper]} is a flat band (both sides present and equal up to rounding). */
    public static boolean flat(Double lower, Double upper) {
        return lower != null && upper != null && upper - lower <= tolerance(lower, upper);
    }

    private static double tolerance(double lower, double upper) {
        return RELATIVE_TOLERANCE * Math.max(1.0, Math.max(Math.abs(lower), Math.abs(upper)));
    }

    /**
     * The thresholds and alert of one chunk: unchanged unless the band is flat under {@link #VIGIL}.
     *
     * @param value the chunk's value (null: none; its alert stays NannyML's)
     * @param samplingError its sampling error (null or NaN: none)
     * @param alert the alert under NannyML's rule
     */
    public Decision decide(Double value, Double samplingError, Double lower, Double upper, boolean alert) {
        if (this == NANNYML || !flat(lower, upper)) {
            return new Decision(lower, upper, alert);
        }
        double c = (lower + upper) / 2;
        double half = samplingError == null || !Double.isFinite(samplingError) ? 0 : SAMPLING_ERRORS * samplingError;
        double lo = c - half;
        double hi = c + half;
        double tol = tolerance(lo, hi);
        boolean outside = value == null ? alert : value < lo - tol || value > hi + tol;
        return half > 0 ? new Decision(lo, hi, outside) : new Decision(lower, upper, outside);
    }
}
