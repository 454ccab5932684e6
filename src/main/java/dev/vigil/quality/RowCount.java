package dev.vigil.quality;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.quality.QualityColumn.Kind;
import dev.vigil.stats.StateSpec;
import java.util.List;
import java.util.Set;

/**
 * {@code row_count}: the chunk's rows {@code n}, at model level; no sampling error (NannyML's
 * SummaryStatsRowCountCalculator).
 */
final class RowCount extends QualityMetric {
    RowCount() {
        super("row_count", Set.of(Kind.MODEL), summaryStatistic(0.0));
    }

    @Override
    public List<StateSpec> referenceSpecs(QualityColumn column) {
        return List.of();
    }

    @Override
    public StateSpec analysisSpec(ChunkTable reference, QualityColumn column) {
        return null;
    }

    @Override
    public double value(Chunk chunk) {
        return chunk.rows();
    }
}
