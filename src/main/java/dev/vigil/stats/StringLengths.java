package dev.vigil.stats;

/** The lengths of a string column's values, in characters (code points, as Spark's {@code length} counts them). */
public final class StringLengths implements ColumnState {
    private static final long serialVersionUID = 1L;
    private final Moments lengths = new Moments();

    @Override
    public void addNull() {}

    @Override
    public void add(String value) {
        lengths.add(value.codePointCount(0, value.length()));
    }

    @Override
    public StringLengths merge(ColumnState o) {
        lengths.merge(((StringLengths) o).lengths);
        return this;
    }

    /** The lengths' moments: n, min, max, mean. */
    public Moments moments() {
        return lengths;
    }
}
