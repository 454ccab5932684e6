package dev.vigil.results;

import java.sql.Timestamp;

/** One row of the {@code results} table; fields mirror CONTRACT §3 one to one, in order. */
public record ResultRow(
        String monitor,
        String calculator,
        String metric,
        String columnName,
        String segment,
        String period,
        int chunkIndex,
        String chunkKey,
        long chunkStartIndex,
        long chunkEndIndex,
        Timestamp chunkStartDate,
        Timestamp chunkEndDate,
        long chunkRows,
        Boolean chunkComplete,
        Double value,
        Double pValue,
        Double samplingError,
        Double realized,
        Double lowerConfidenceBound,
        Double upperConfidenceBound,
        Double lowerThreshold,
        Double upperThreshold,
        boolean alert,
        String runId,
        Timestamp computedAt) {

    public Object[] values() {
        return new Object[] {
            monitor,
            calculator,
            metric,
            columnName,
            segment,
            period,
            chunkIndex,
            chunkKey,
            chunkStartIndex,
            chunkEndIndex,
            chunkStartDate,
            chunkEndDate,
            chunkRows,
            chunkComplete,
            value,
            pValue,
            samplingError,
            realized,
            lowerConfidenceBound,
            upperConfidenceBound,
            lowerThreshold,
            upperThreshold,
            alert,
            runId,
            computedAt
        };
    }
}
