package dev.vigil.thresholds;

/**
 * What a flat reference band does. A two-sided band is flat when its lower and upper thresholds are
 * equal up to rounding ({@code upper - lower <= }{@value #RELATIVE_TOLERANCE}{@code × max(1,
 * |lower|, |upper|)}), because every reference chunk gave the same value (row counts of equal-sized
 * chunks, the median of an integer column, a rate that is always 0), and nearly flat when it is
 * narrower than ± 1 sampling error of the chunk: with NannyML's ± 3σ, reference chunks that vary
 * less than a third of what the metric's sampling error predicts (by chance, for normal chunk
 * values and 10 reference chunks, about 1 in 1,200: P(χ²₉ < 10/9); in practice a discrete or
 * rounded value). NannyML's band then alerts on noise: its
 * summary statistics alert on every chunk of a flat band, {@code c} included, and any metric alerts
 * on the smallest difference from {@code c}.
 *
 * <p>{@link #VIGIL} (the default) reads such a band as "the reference shows no spread of its own",
 * and falls back on the spread the metric's sampling error predicts: the band becomes its midpoint
 * {@code c ±} {@value #SAMPLING_ERRORS}{@code × the chunk's sampling error} (the bounds written on
 * the chunk's row), and a value alerts only outside it; on a flat band a value within rounding of
 * {@code c} never alerts. A metric without a sampling error (row_count) keeps a flat {@code [c, c]}
 * and alerts on any other value. {@link #NANNYML} keeps NannyML's exact rule (the conformance tests
 * use it). Constant thresholds are never flat: their lower bound must be below their upper.
 */
public enum FlatBands {
    VIGIL,
    NANNYML;

    public static final double RELATIVE_TOLERANCE = 1e-9;
    /** As NannyML's confidence band ({@link MetricRule#CONFIDENCE_SAMPLING_ERRORS}). */
    public static final double SAMPLING_ERRORS = MetricRule.CONFIDENCE_SAMPLING_ERRORS;

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
     * Whether {@code [lower, upper]} is nearly flat for a chunk whose value has sampling error {@code
     * samplingError}: two-sided and narrower than ± 1 sampling error (never without one).
     */
    public static boolean narrow(Double lower, Double upper, Double samplingError) {
        return lower != null
                && upper != null
                && samplingError != null
                && Double.isFinite(samplingError)
                && samplingError > 0
                && upper - lower < 2 * samplingError;
    }

    /**
     * The thresholds and alert of one chunk: unchanged unless the band is flat or nearly flat under
     * {@link #VIGIL}.
     *
     * @param value the chunk's value (null: none; its alert stays NannyML's)
     * @param samplingError its sampling error (null or NaN: none)
     * @param alert the alert under NannyML's rule
     */
    public Decision decide(Double value, Double samplingError, Double lower, Double upper, boolean alert) {
        boolean flat = flat(lower, upper);
        if (this == NANNYML || !flat && !narrow(lower, upper, samplingError)) {
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
