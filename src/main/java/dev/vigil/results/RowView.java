package dev.vigil.results;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Row;

/**
 * A list of driver-side values seen as rows, each row made when it is read and not kept: what the
 * writes take instead of a copy of every value as a {@link Row}. {@link DriverRows} broadcasts the
 * values themselves and makes the rows inside the tasks, so 2.5M result rows (a segmented run's) are
 * never on the driver twice, once as values and once as rows (about 200 bytes a row more).
 */
final class RowView<T extends Serializable> extends AbstractList<Row> implements RandomAccess {
    private final List<T> values;
    private final Function<T, Row> toRow;

    private RowView(List<T> values, Function<T, Row> toRow) {
        this.values = values;
        this.toRow = toRow;
    }

    /** {@code values} as rows, {@code toRow} making each (serializable: it runs in the tasks). */
    static <T extends Serializable> RowView<T> of(List<T> values, Function<T, Row> toRow) {
        return new RowView<>(values, toRow);
    }

    @Override
    public Row get(int index) {
        return row(toRow, values.get(index));
    }

    @Override
    public int size() {
        return values.size();
    }

    List<T> values() {
        return values;
    }

    Function<T, Row> toRow() {
        return toRow;
    }

    static <T> Row row(Function<T, Row> toRow, T value) {
        try {
            return toRow.call(value);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
