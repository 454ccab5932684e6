package dev.vigil.results;

import java.sql.Timestamp;

/**
 * One row of the {@code results} table; fields mirror CONTRACT §3 one to one, in order, then {@code
 * chunk_complete} and {@code note} (why a value is missing, or what the chunk left out; null when
 * there is nothing to say), which {@link #values} puts in the table's order.
 */
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
        Timestamp computedAt,
        String note) {

    /** A row without a note. */
    public ResultRow(
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
        this(
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
                computedAt,
                null);
    }

    /** This row with {@code more} added to its note ("; " between notes; null adds nothing). */
    public ResultRow withNote(String more) {
        if (more == null || more.isEmpty()) {
            return this;
        }
        return new ResultRow(
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
                computedAt,
                note == null ? more : note + "; " + more);
    }

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
            note,
            runId,
            computedAt
        };
    }
}
