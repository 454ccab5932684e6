package dev.vigil.stats;

/**
 * Rows whose value lies outside the closed range [lower, upper]; missing values are never out of
 * range.
 */
public final class OutOfRangeCount extends RowsMatching {
    private static final long serialVersionUID = 1L;
    private final double lower;
    private final double upper;

    public OutOfRangeCount(double lower, double upper) {
        this.lower = lower;
        this.upper = upper;
    }

    @Override
    protected boolean nullMatches() {
        return false;
    }

    @Override
    protected boolean matches(double value) {
        return value < lower || value > upper;
    }

    /** The values outside [lower, upper]. */
    public long outside() {
        return matching();
    }
}
