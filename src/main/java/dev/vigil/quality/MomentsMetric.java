package dev.vigil.quality;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.quality.QualityColumn.Kind;
import dev.vigil.stats.Moments;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A summary statistic of a continuous column read from the chunk's moments (mean, std, sum), with
 * NannyML's summary-statistic rule; its sampling error from the reference's sample std s and
 * population 4th central moment μ4.
 */
abstract class MomentsMetric extends QualityMetric {
    /** A sampling error for n rows from the reference's s and μ4. */
    @FunctionalInterface
    interface SamplingError {
        double of(double s, double mu4, long n);
    }

    private final transient ToDoubleFunction<Moments> statistic;
    private final transient SamplingError error;

    /**
     * @param lowerLimit the statistic's smallest possible value (null: none)
     */
    MomentsMetric(String name, Double lowerLimit, ToDoubleFunction<Moments> statistic, SamplingError error) {
        super(name, Set.of(Kind.CONTINUOUS), summaryStatistic(lowerLimit));
        this.statistic = statistic;
        this.error = error;
    }

    @Override
    public final List<StateSpec> referenceSpecs(QualityColumn column) {
        return List.of(new Specs.MomentsOf(column.name()));
    }

    @Override
    public final StateSpec analysisSpec(ChunkTable reference, QualityColumn column) {
        return new Specs.MomentsOf(column.name());
    }

    /** {@code {s, μ4}}; NannyML's μ4 is NaN as soon as the reference column has a missing value. */
    @Override
    public final double[] reference(ChunkTable reference, String segment, QualityColumn column) {
        Moments m = reference.whole(segment, new Specs.MomentsOf(column.name()));
        return new double[] {m.std(), m.nulls() > 0 ? Double.NaN : m.centralMoment4()};
    }

    @Override
    public final double value(Chunk chunk) {
        return statistic.applyAsDouble(chunk.<Moments>state());
    }

    /** The chunk's non-missing values. */
    @Override
    protected final long valuesOn(Chunk chunk) {
        return chunk.<Moments>state().n();
    }

    @Override
    public final double samplingError(double[] reference, long rows) {
        return error.of(reference[0], reference[1], rows);
    }
}
