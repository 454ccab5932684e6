package dev.vigil.quality;

import dev.vigil.calculators.Measurement;

/**
 * {@code schema_change}: one change of the analysis's columns against the reference's, reported as a
 * {@code data_quality} result row of the analysis (the one place the metric is declared; {@code
 * io.SchemaCheck.changes} finds the changes, the pipeline writes them on the analysis's last
 * chunk). The rule: a reference feature (the listed {@code columns.features}, else every reference
 * column of a number, string or boolean type that no role names) the analysis lacks is {@link
 * Kind#MISSING}; one the analysis has with a type of another family (numbers, strings, booleans,
 * dates, timestamps, other: {@code io.RoleTypes.Kind}; {@code int} to {@code double} is no change) is
 * {@link Kind#TYPE_CHANGED}; an analysis column the reference lacks, that no role names and that
 * does not come from the analysis's folders (a partitioned analysis's {@code date=...}), is {@link
 * Kind#ADDED}. Each change is a row with value 1 and a note saying what changed; a missing or
 * retyped feature alerts (its results are gone or no longer comparable), an added column does not.
 * Not a {@link QualityMetric}: it reads no state of any chunk, so it is not in {@link
 * QualityMetrics}, not configurable and has no thresholds.
 *
 * @param column the column's name as written
 * @param kind what changed
 * @param referenceType the column's type in the reference (Spark's simple string; null when added)
 * @param analysisType the column's type in the analysis (null when missing)
 */
public record SchemaChange(String column, Kind kind, String referenceType, String analysisType) {
    /** The results' {@code metric}. */
    public static final String METRIC = "schema_change";

    /** What changed, and whether it alerts. */
    public enum Kind {
        /** a reference feature the analysis lacks */
        MISSING(true),
        /** an analysis column the reference lacks */
        ADDED(false),
        /** a reference feature of another type family in the analysis */
        TYPE_CHANGED(true);

        private final boolean alerts;

        Kind(boolean alerts) {
            this.alerts = alerts;
        }

        public boolean alerts() {
            return alerts;
        }
    }

    public static SchemaChange missing(String column, String referenceType) {
        return new SchemaChange(column, Kind.MISSING, referenceType, null);
    }

    public static SchemaChange added(String column, String analysisType) {
        return new SchemaChange(column, Kind.ADDED, null, analysisType);
    }

    public static SchemaChange typeChanged(String column, String referenceType, String analysisType) {
        return new SchemaChange(column, Kind.TYPE_CHANGED, referenceType, analysisType);
    }

    /** The row's note, e.g. "type changed from double to string". */
    public String note() {
        return switch (kind) {
            case MISSING -> "missing from the analysis";
            case ADDED -> "added in the analysis";
            case TYPE_CHANGED -> "type changed from " + referenceType + " to " + analysisType;
        };
    }

    /** The change as the analysis's row on chunk {@code chunkIndex} of its table: value 1, no thresholds. */
    public Measurement measurement(int chunkIndex) {
        return new Measurement(
                DataQualityCalculator.NAME,
                METRIC,
                column,
                null,
                chunkIndex,
                1.0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                kind.alerts(),
                note());
    }
}
