package dev.vigil.calculators;

import dev.vigil.stats.StateSpec;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A configured (not fitted) calculator. It only declares states; the scan computes them. Reference
 * flow: pass 1 computes {@link #referenceSpecs()}; {@link #refinementSpecs} may ask for a second
 * reference pass with parameters learned from pass 1 (e.g. a kernel density at the reference
 * median); {@link #fit} sees both. A fitted calculator may add columns computed with what it
 * learned ({@link FittedCalculator#transform}).
 */
public interface Calculator extends Serializable {
    /** The CONTRACT name, e.g. {@code data_quality}. */
    String name();

    List<StateSpec> referenceSpecs();

    /**
     * Columns this calculator derives from others, as Spark SQL expressions by name (e.g. a
     * confusion-matrix cell from target and prediction); the pipeline adds them to both datasets
     * before the scans.
     */
    default Map<String, String> derivedColumns() {
        return Map.of();
    }

    default List<StateSpec> refinementSpecs(ChunkTable referencePass1) {
        return List.of();
    }

    /**
     * Fits on the reference's states. A calculator that trains a model on the reference rows (DLE)
     * asks the {@code learner}; every other calculator ignores it.
     */
    FittedCalculator fit(ChunkTable reference, Learner learner);
}
