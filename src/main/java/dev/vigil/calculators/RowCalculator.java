package dev.vigil.calculators;

import java.io.Serializable;
import java.util.List;

/**
 * A calculator that learns from the chunked rows themselves rather than from mergeable scan states
 * (the domain classifier), through the {@link Learner}. The pipeline calls it once, after the
 * scans, with both datasets' chunk tables (for their chunks and each segment's row counts). Like the
 * scan-based {@link Calculator}s it runs a fixed number of Spark jobs whatever the number of chunks
 * and segments (the work inside them grows with the chunks); each implementation bounds and
 * documents its cost.
 */
public interface RowCalculator extends Serializable {
    /** The CONTRACT name, e.g. {@code multivariate_drift}. */
    String name();

    Results calculate(ChunkTable reference, ChunkTable analysis, Learner learner);

    /** Results on the reference chunks (with the thresholds they give) and on the analysis chunks. */
    record Results(List<Measurement> reference, List<Measurement> analysis) {}
}
