package dev.vigil.calculators;

import java.io.Serializable;

/**
 * One computed value of one metric for one column (null for model-level), segment (null = whole
 * population) and chunk (by index in its period). NaN values are stored as null; the result row's
 * {@code note} says why a value is missing (attached by the pipeline from what the scan counted, not
 * by the calculator).
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
        boolean alert)
        implements Serializable {

    /** null for NaN/infinite, so results never carry NaN. */
    public static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
