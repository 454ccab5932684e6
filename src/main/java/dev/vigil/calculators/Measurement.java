package dev.vigil.calculators;

import java.io.Serializable;

/**
 * One computed value of one metric for one column (null for model-level), segment (null = whole
 * population) and chunk (by index in its period). NaN values are stored as null; the result row's
 * {@code note} says why a value is missing: what the scan counted (attached by the pipeline), and
 * {@code note} here when only the calculator knows (a metric undefined on the rows it has; null:
 * nothing to say). {@code approximate} says the value came from a summary that loses information
 * (bins, a sketch, a grid), {@code errorBound} the bound on |value − exact value| there (null when
 * exact, or when the value is missing); see {@link #approximated}.
 */
public record Measurement(
        String calculator,
        String metric,
        String column,
        String segment,
        int chunkIndex,
        Double value,
        Double pValue,
        Double samplingError,
        Double realized,
        Double lowerConfidenceBound,
        Double upperConfidenceBound,
        Double lowerThreshold,
        Double upperThreshold,
        boolean alert,
        String note,
        boolean approximate,
        Double errorBound)
        implements Serializable {

    /** Exact, with a note of its own (null: none). */
    public Measurement(
            String calculator,
            String metric,
            String column,
            String segment,
            int chunkIndex,
            Double value,
            Double pValue,
            Double samplingError,
            Double realized,
            Double lowerConfidenceBound,
            Double upperConfidenceBound,
            Double lowerThreshold,
            Double upperThreshold,
            boolean alert,
            String note) {
        this(
                calculator,
                metric,
                column,
                segment,
                chunkIndex,
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
                false,
                null);
    }

    /** Without a note of its own. */
    public Measurement(
            String calculator,
            String metric,
            String column,
            String segment,
            int chunkIndex,
            Double value,
            Double pValue,
            Double samplingError,
            Double realized,
            Double lowerConfidenceBound,
            Double upperConfidenceBound,
            Double lowerThreshold,
            Double upperThreshold,
            boolean alert) {
        this(
                calculator,
                metric,
                column,
                segment,
                chunkIndex,
                value,
                pValue,
                samplingError,
                realized,
                lowerConfidenceBound,
                upperConfidenceBound,
                lowerThreshold,
                upperThreshold,
                alert,
                null);
    }

    /**
     * This measurement without a value (nor p-value, sampling error, realized value or confidence
     * bounds; no alert; exact), its thresholds kept, {@code note} saying why.
     */
    public Measurement withoutValue(String note) {
        return new Measurement(
                calculator,
                metric,
                column,
                segment,
                chunkIndex,
                null,
                null,
                null,
                null,
                null,
                null,
                lowerThreshold,
                upperThreshold,
                false,
                note);
    }

    /**
     * This measurement marked approximate, {@code bound} bounding |value − exact value| (NaN or
     * infinite: no finite bound, stored as null); a missing value stays exact, having nothing to
     * approximate.
     */
    public Measurement approximated(double bound) {
        if (value == null) {
            return this;
        }
        return new Measurement(
                calculator,
                metric,
                column,
                segment,
                chunkIndex,
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
                true,
                finite(bound));
    }

    /**
     * The bound of a value known to be approximate whose distance from the exact value Vigil cannot
     * bound: {@link #approximated} stores it as a null {@code error_bound}.
     */
    public static final double NO_KNOWN_BOUND = Double.POSITIVE_INFINITY;

    /** null for NaN/infinite, so results never carry NaN. */
    public static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
