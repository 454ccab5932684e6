package dev.vigil.calculators;

import dev.vigil.stats.StateSpec;
import java.io.Serializable;
import java.util.List;

/**
 * A calculator fitted on the reference: knows which states it needs from analysis chunks, and
 * computes results.
 */
public interface FittedCalculator extends Serializable {
    List<StateSpec> analysisSpecs();

    /** Results on the reference chunks (computed at fit time, with the thresholds). */
    List<Measurement> reference();

    /** Results on the analysis chunks. */
    List<Measurement> calculate(ChunkTable analysis);

    /**
     * Models whose per-row outputs this calculator reads (e.g. DLE's predicted losses): the pipeline
     * adds their columns to the chunked reference and analysis before they are scanned, as a narrow
     * projection (no Spark job), so the analysis stays one scan. None by default.
     */
    default List<RowModel> rowModels() {
        return List.of();
    }

    /**
     * States of the reference with its {@link #rowModels} columns that the results on the reference
     * chunks need (computed in one more reference pass when any calculator asks for some); none by
     * default.
     */
    default List<StateSpec> fittedReferenceSpecs() {
        return List.of();
    }

    /**
     * Results on the reference chunks, given the reference states including {@link
     * #fittedReferenceSpecs}.
     */
    default List<Measurement> reference(ChunkTable reference) {
        return reference();
    }

    /** Binned distributions per column and chunk of a dataset, for plots; none by default. */
    default List<DistributionBin> distributions(ChunkTable table) {
        return List.of();
    }
}
