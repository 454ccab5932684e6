package dev.vigil.stats;

/**
 * A numeric column's rows by kind: nulls, NaNs (a NaN number, not a null), zeros and the other
 * values (infinities count as nulls, as the scan reads them). Four longs; merging adds them.
 */
public final class ValueKinds implements ColumnState {
    private static final long serialVersionUID = 1L;
    private long nulls;
    private long nans;
    private long zeros;
    private long values;

    @Override
    public void addNull() {
        nulls++;
    }

    @Override
    public void addNaN() {
        nans++;
    }

    @Override
    public void add(double x) {
        values++;
        if (x == 0) {
            zeros++;
        }
    }

    @Override
    public ValueKinds merge(ColumnState o) {
        ValueKinds b = (ValueKinds) o;
        nulls += b.nulls;
        nans += b.nans;
        zeros += b.zeros;
        values += b.values;
        return this;
    }

    /** Every row: nulls, NaNs and values. */
    public long rows() {
        return nulls + nans + values;
    }

    public long nulls() {
        return nulls;
    }

    public long nans() {
        return nans;
    }

    public long zeros() {
        return zeros;
    }

    /** The rows with a number (zeros included, NaNs not). */
    public long values() {
        return values;
    }
}
