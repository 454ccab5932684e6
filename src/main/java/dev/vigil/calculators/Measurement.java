package dev.vigil.calculators;

import java.io.Serializable;

/**
 * One computed value of one metric for one column (null for model-level), segment (null = whole
 * population) and chunk (by index in its period). NaN values are stored as null; the result row's
 * {@code note} says why a value is missing: what the scan counted (attached by the pipeline), and
 * {@code note} here when only the calculator knows (a metric undefined on the rows it has; null:
 * nothing to say).
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
        String note)
        implements Serializable {

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

    /** null for NaN/infinite, so results never carry NaN. */
    public static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
