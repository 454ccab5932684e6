package dev.vigil.scan;

import dev.vigil.stats.ColumnState;
import java.io.Serializable;

/**
 * Everything one scan learns about one (segment, chunk) group: its row count, its first and last
 * row position and timestamp (epoch microseconds), and one state per requested spec.
 */
final class GroupState implements Serializable {
    private static final long serialVersionUID = 1L;
    long rows;
    long minRow = Long.MAX_VALUE;
    long maxRow = Long.MIN_VALUE;
    long minTime = Long.MAX_VALUE;
    long maxTime = Long.MIN_VALUE;
    final ColumnState[] states;

    /**
     * Per projected field, counted on the whole population's groups only: missing (null, NaN) and
     * ±Inf values.
     */
    final long[] missing;

    final long[] infinite;

    GroupState(ColumnState[] states, int fields) {
        this.states = states;
        this.missing = new long[fields];
        this.infinite = new long[fields];
    }

    GroupState merge(GroupState b) {
        rows += b.rows;
        minRow = Math.min(minRow, b.minRow);
        maxRow = Math.max(maxRow, b.maxRow);
        minTime = Math.min(minTime, b.minTime);
        maxTime = Math.max(maxTime, b.maxTime);
        for (int i = 0; i < states.length; i++) {
            states[i].merge(b.states[i]);
        }
        for (int f = 0; f < missing.length; f++) {
            missing[f] += b.missing[f];
            infinite[f] += b.infinite[f];
        }
        return this;
    }
}
