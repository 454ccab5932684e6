package dev.vigil.stats;

/**
 * A mergeable state fed whole rows of several columns (numbers with NaN for missing, strings with
 * null for missing). The arrays are reused between rows: a state must not keep them.
 */
public interface RowState extends ColumnState {
    void addRow(double[] numbers, String[] strings);

    @Override
    default void addNull() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " reads rows, not single values");
    }
}
