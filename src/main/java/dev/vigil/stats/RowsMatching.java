package dev.vigil.stats;

/**
 * A column's rows and how many of them match the subclass's rule: the body shared by the counting
 * states ({@link NullCount}, {@link OutOfRangeCount}, {@link UnseenCount}). Two longs; merging adds
 * both, so the merge law holds whatever the rule.
 */
public abstract class RowsMatching implements ColumnState {
    private static final long serialVersionUID = 1L;
    private long rows;
    private long matching;

    /** Whether a missing value matches. */
    protected abstract boolean nullMatches();

    /** Whether a number matches (a state that reads strings never gets one). */
    protected boolean matches(double value) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " reads strings, not numbers");
    }

    /** Whether a string matches (a state that reads numbers never gets one). */
    protected boolean matches(String value) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " reads numbers, not strings");
    }

    private void count(boolean match) {
        rows++;
        if (match) {
            matching++;
        }
    }

    @Override
    public final void addNull() {
        count(nullMatches());
    }

    @Override
    public final void add(double value) {
        count(matches(value));
    }

    @Override
    public final void add(String value) {
        count(matches(value));
    }

    @Override
    public final RowsMatching merge(ColumnState o) {
        RowsMatching b = (RowsMatching) o;
        rows += b.rows;
        matching += b.matching;
        return this;
    }

    /** Every row added, missing or not. */
    public final long rows() {
        return rows;
    }

    /** The rows that matched. */
    protected final long matching() {
        return matching;
    }
}
