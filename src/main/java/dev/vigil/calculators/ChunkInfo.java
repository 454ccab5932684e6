package dev.vigil.calculators;

import java.io.Serializable;
import java.sql.Timestamp;

/**
 * One chunk of one dataset as NannyML reports it: 0-based index, key ({@code [start:end]} or the
 * period label), first and last row position (inclusive), first and last timestamp (the period's
 * bounds for period chunks), and the row count. {@code group} is the scan's group id for the chunk.
 */
public record ChunkInfo(
        long group,
        int index,
        String key,
        long startIndex,
        long endIndex,
        Timestamp startDate,
        Timestamp endDate,
        long rows)
        implements Serializable {
    /** The same chunk under another index (in a table holding only some of a dataset's chunks). */
    public ChunkInfo withIndex(int i) {
        return new ChunkInfo(group, i, key, startIndex, endIndex, startDate, endDate, rows);
    }
}
