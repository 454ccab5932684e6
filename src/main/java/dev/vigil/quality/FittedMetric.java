package dev.vigil.quality;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import java.io.Serializable;
import java.util.Map;

/**
 * A metric fitted on the reference for one column: the state its values read on every chunk and,
 * per segment, what its sampling error needs from that segment's whole reference.
 *
 * @param spec the metric's analysis state (null: none)
 * @param reference by segment key ({@link Specs#key}); a segment the reference lacks has no
 *     sampling error
 */
record FittedMetric(QualityMetric metric, QualityColumn column, StateSpec spec, Map<String, double[]> reference)
        implements Serializable {

    static FittedMetric fit(QualityMetric metric, QualityColumn column, ChunkTable ref) {
        return new FittedMetric(
                metric,
                column,
                metric.analysisSpec(ref, column),
                QualityMetric.bySegment(ref, seg -> metric.reference(ref, seg, column)));
    }

    /** The metric's value on chunk {@code index} of a segment of {@code t}. */
    double value(ChunkTable t, String segment, int index, long rows, boolean isReference) {
        return metric.value(new QualityMetric.Chunk(t, segment, index, spec, rows, isReference));
    }

    /** The metric's note on that chunk: why its value there, {@code value}, is null; null: none. */
    String note(ChunkTable t, String segment, int index, long rows, boolean isReference, double value) {
        return metric.nullBecause(new QualityMetric.Chunk(t, segment, index, spec, rows, isReference), value);
    }

    /** The metric's bound on |value − exact value| on that chunk; NaN when exact. */
    double errorBound(ChunkTable t, String segment, int index, long rows, boolean isReference) {
        return metric.errorBound(new QualityMetric.Chunk(t, segment, index, spec, rows, isReference));
    }

    /** The metric's sampling error for a chunk of {@code rows} rows of a segment. */
    double samplingError(String segment, long rows) {
        double[] r = reference.get(Specs.key(segment));
        return r == null ? Double.NaN : metric.samplingError(r, rows);
    }
}
