package dev.vigil.stats;

/** Rows and missing values (null, or NaN for numbers) of a column of any type. */
public final class NullCount extends RowsMatching {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean nullMatches() {
        return true;
    }

    @Override
    protected boolean matches(double value) {
        return false;
    }

    @Override
    protected boolean matches(String value) {
        return false;
    }

    /** The missing values. */
    public long nulls() {
        return matching();
    }
}
