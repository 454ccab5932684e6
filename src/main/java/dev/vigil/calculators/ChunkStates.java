package dev.vigil.calculators;

import dev.vigil.stats.ColumnState;
import dev.vigil.stats.StateSpec;
import java.io.Serializable;
import java.sql.Timestamp;
import java.util.Map;

/**
 * The states of one (segment, chunk) group from one scan, with the group's row count, row-position
 * range and timestamp range. {@code group} is the chunker's group id (null for rows that fall in no
 * chunk).
 */
public record ChunkStates(
        String segment,
        Long group,
        long rows,
        Long minRow,
        Long maxRow,
        Timestamp minTime,
        Timestamp maxTime,
        Map<StateSpec, ColumnState> states)
        implements Serializable {

    @SuppressWarnings("unchecked")
    public <S extends ColumnState> S state(StateSpec spec) {
        ColumnState s = states.get(spec);
        if (s == null) {
            throw new IllegalStateException("state " + spec + " was not computed by the scan");
        }
        return (S) s;
    }
}
