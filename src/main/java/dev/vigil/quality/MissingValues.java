package dev.vigil.quality;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.quality.QualityColumn.Kind;
import dev.vigil.stats.NullCount;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.thresholds.Threshold;
import java.util.List;
import java.util.Set;

/**
 * {@code missing_values}: the chunk's rate of missing values {@code nulls / n} on any column;
 * sampling error {@code √(p(1−p)) / √n}, p the reference's missing rate (NannyML's
 * MissingValuesCalculator).
 */
final class MissingValues extends QualityMetric {
    MissingValues() {
        super("missing_values", Set.of(Kind.CONTINUOUS, Kind.CATEGORICAL), check(Threshold.DEFAULT));
    }

    private static StateSpec nulls(QualityColumn column) {
        return new Specs.NullsOf(column.name(), column.input());
    }

    @Override
    public List<StateSpec> referenceSpecs(QualityColumn column) {
        return List.of(nulls(column));
    }

    @Override
    public StateSpec analysisSpec(ChunkTable reference, QualityColumn column) {
        return nulls(column);
    }

    /** {@code {p}}: the whole reference's missing rate (NaN without rows). */
    @Override
    public double[] reference(ChunkTable reference, String segment, QualityColumn column) {
        NullCount nc = reference.whole(segment, nulls(column));
        return new double[] {nc.rows() == 0 ? Double.NaN : (double) nc.nulls() / nc.rows()};
    }

    @Override
    public double value(Chunk chunk) {
        return rate(chunk.<NullCount>state().nulls(), chunk.rows());
    }

    @Override
    public double samplingError(double[] reference, long rows) {
        return SamplingErrors.rate(reference[0], rows);
    }
}
