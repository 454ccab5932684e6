package dev.vigil.stats;

/**
 * Rows whose value lies outside the closed range [lower, upper]; missing values are never out of
 * range.
 */
public final class OutOfRangeCount implements ColumnState {
    private static final long serialVersionUID = 1L;
    private final double lower;
    private final double upper;
    private long rows;
    private long outside;

    public OutOfRangeCount(double lower, double upper) {
        this.lower = lower;
        this.upper = upper;
    }

    @Override
    public void addNull() {
        rows++;
    }

    @Override
    public void add(double value) {
        rows++;
        if (value < lower || value > upper) {
            outside++;
        }
    }

    @Override
    public OutOfRangeCount merge(ColumnState o) {
        OutOfRangeCount b = (OutOfRangeCount) o;
        rows += b.rows;
        outside += b.outside;
        return this;
    }

    public long rows() {
        return rows;
    }

    public long outside() {
        return outside;
    }
}
