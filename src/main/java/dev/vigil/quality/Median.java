package dev.vigil.quality;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.quality.QualityColumn.Kind;
import dev.vigil.stats.KernelDensitySum;
import dev.vigil.stats.Moments;
import dev.vigil.stats.Quantiles;
import dev.vigil.stats.SegmentParams;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import java.util.List;
import java.util.Set;

/**
 * {@code median}: the chunk's median; sampling error {@code 1 / (2 √n f(m))}, f the reference's
 * Gaussian kernel density (Scott's bandwidth) at its median m, from a refinement pass (NannyML's
 * SummaryStatsMedianCalculator).
 */
final class Median extends QualityMetric {
    Median() {
        super("median", Set.of(Kind.CONTINUOUS), summaryStatistic(null));
    }

    @Override
    public List<StateSpec> referenceSpecs(QualityColumn column) {
        return List.of(new Specs.MomentsOf(column.name()), new Specs.QuantilesOf(column.name()));
    }

    /** The kernel density at each segment's reference median, with Scott's bandwidth. */
    @Override
    public List<StateSpec> refinementSpecs(ChunkTable reference, QualityColumn column) {
        return List.of(new Specs.KernelDensityOf(column.name(), new SegmentParams(bySegment(reference, seg -> {
            Moments m = reference.whole(seg, new Specs.MomentsOf(column.name()));
            Quantiles q = reference.whole(seg, new Specs.QuantilesOf(column.name()));
            return new double[] {q.median(), SamplingErrors.scottBandwidth(m.std(), m.n())};
        }))));
    }

    @Override
    public StateSpec analysisSpec(ChunkTable reference, QualityColumn column) {
        return new Specs.QuantilesOf(column.name());
    }

    /**
     * {@code {f(m)}}, infinite when the reference is constant; the density of the refinement pass's
     * spec (the median is not recomputed).
     */
    @Override
    public double[] reference(ChunkTable reference, String segment, QualityColumn column) {
        Moments m = reference.whole(segment, new Specs.MomentsOf(column.name()));
        KernelDensitySum kde = reference.whole(
                segment,
                reference.find(Specs.KernelDensityOf.class, column.name()).orElseThrow());
        return new double[] {m.std() == 0 ? Double.POSITIVE_INFINITY : kde.density()};
    }

    @Override
    public double value(Chunk chunk) {
        return chunk.<Quantiles>state().median();
    }

    /** The chunk's non-missing values. */
    @Override
    protected long valuesOn(Chunk chunk) {
        return chunk.<Quantiles>state().n();
    }

    /** On the sketch path of a chunk with more values than a chunk state keeps: its bound. */
    @Override
    public double errorBound(Chunk chunk) {
        return chunk.<Quantiles>state().medianErrorBound();
    }

    @Override
    public double samplingError(double[] reference, long rows) {
        return SamplingErrors.median(reference[0], rows);
    }
}
