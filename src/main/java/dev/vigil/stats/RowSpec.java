package dev.vigil.stats;

import java.util.List;

/**
 * A spec over several columns at once (e.g. a co-moment matrix): the scan reads the numeric columns
 * as doubles (NaN = missing) and the string columns as strings (null = missing) and hands each row
 * to a {@link dev.vigil.stats.RowState}. {@link #column()} is only a label.
 */
public interface RowSpec extends StateSpec {
    List<String> numericColumns();

    List<String> stringColumns();

    @Override
    default Input input() {
        return Input.ROW;
    }
}
