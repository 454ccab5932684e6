package dev.vigil.stats;

import java.io.Serializable;

/**
 * A request for one kind of state over one column. Specs are values (records): equal specs from
 * different calculators are computed once. A spec fitted on the reference may depend on the segment
 * (each segment has its own reference), so states are made per segment.
 */
public interface StateSpec extends Serializable {
    /** How the scan feeds a column to a state; ROW: several columns at once, see {@link RowSpec}. */
    enum Input {
        NUMERIC,
        STRING,
        ROW
    }

    String column();

    Input input();

    /** A new, empty state for a chunk of the given segment (null = the whole population). */
    ColumnState newState(String segment);

    /**
     * A new, empty chunk state under the configured {@code limits} (the scan's); the states with an
     * exact limit ({@link Quantiles}, {@link CategoryCounts}) take it from there, others ignore it.
     */
    default ColumnState newState(String segment, StateLimits limits) {
        return newState(segment);
    }

    /**
     * An empty state to merge a whole dataset's chunks into, on the driver (may hold more than a
     * chunk's).
     */
    default ColumnState newWholeState(String segment) {
        return newState(segment);
    }
}
