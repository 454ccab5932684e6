package dev.vigil.stats;

/** Rows and missing values (null, or NaN for numbers) of a column of any type. */
public final class NullCount implements ColumnState {
    private static final long serialVersionUID = 1L;
    private long rows;
    private long nulls;

    @Override
    public void addNull() {
        rows++;
        nulls++;
    }

    @Override
    public void add(double value) {
        rows++;
    }

    @Override
    public void add(String value) {
        rows++;
    }

    @Override
    public NullCount merge(ColumnState o) {
        NullCount b = (NullCount) o;
        rows += b.rows;
        nulls += b.nulls;
        return this;
    }

    public long rows() {
        return rows;
    }

    public long nulls() {
        return nulls;
    }
}
