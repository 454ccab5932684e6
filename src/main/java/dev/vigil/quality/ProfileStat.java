package dev.vigil.quality;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.quality.QualityColumn.Kind;
import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.DistinctValues;
import dev.vigil.stats.Moments;
import dev.vigil.stats.Quantiles;
import dev.vigil.stats.StateSpec;
import dev.vigil.stats.StringLengths;
import dev.vigil.thresholds.Bounds.AlertRule;
import dev.vigil.thresholds.Bounds.LimitMode;
import dev.vigil.thresholds.MetricRule;
import dev.vigil.thresholds.Threshold;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One profile metric (Lakehouse Monitoring's profile table columns, {@link ProfileMetrics}): a
 * statistic of one state of a column on each chunk, the same state on the reference's chunks and
 * the analysis's; no thresholds unless configured ({@code thresholds.profile.<metric>}).
 *
 * @param <S> the state it reads
 */
final class ProfileStat<S extends ColumnState> extends QualityMetric {
    /** No thresholds, so no alert, unless the configuration sets one. */
    static final MetricRule NO_THRESHOLDS = new MetricRule(
            new Threshold.Constant(null, null), null, null, LimitMode.CLIP, AlertRule.OUTSIDE, MetricRule.Nans.SKIPPED);

    /** How a statistic reads its state: its value, and its bound (NaN: exact). */
    interface Reading<S> extends Serializable {
        double value(S state, Chunk chunk);
    }

    private final transient Function<String, StateSpec> spec;
    private final transient Reading<S> value;
    private final transient Reading<S> bound;
    private final int needed;

    ProfileStat(String name, Set<Kind> kinds, Function<String, StateSpec> spec, Reading<S> value, Reading<S> bound) {
        this(name, kinds, spec, value, bound, 1);
    }

    private ProfileStat(
            String name,
            Set<Kind> kinds,
            Function<String, StateSpec> spec,
            Reading<S> value,
            Reading<S> bound,
            int needed) {
        super(name, kinds, NO_THRESHOLDS);
        this.spec = spec;
        this.value = value;
        this.bound = bound;
        this.needed = needed;
    }

    /** This statistic, defined on {@code n} values or more (the sample std: 2). */
    ProfileStat<S> needing(int n) {
        return new ProfileStat<>(name(), kinds(), spec, value, bound, n);
    }

    /** An exact statistic. */
    ProfileStat(String name, Set<Kind> kinds, Function<String, StateSpec> spec, ToDoubleFunction<S> value) {
        this(name, kinds, spec, (s, c) -> value.applyAsDouble(s), (s, c) -> Double.NaN);
    }

    @Override
    public List<StateSpec> referenceSpecs(QualityColumn column) {
        return List.of(spec.apply(column.name()));
    }

    @Override
    public StateSpec analysisSpec(ChunkTable reference, QualityColumn column) {
        return spec.apply(column.name());
    }

    @Override
    public double value(Chunk chunk) {
        return value.value(chunk.<S>state(), chunk);
    }

    @Override
    public double errorBound(Chunk chunk) {
        return bound.value(chunk.<S>state(), chunk);
    }

    /** The column's non-missing values in the chunk's state; -1 for a state that does not count them. */
    @Override
    protected long valuesOn(Chunk chunk) {
        ColumnState state = chunk.state();
        if (state instanceof Moments m) {
            return m.n();
        }
        if (state instanceof StringLengths l) {
            return l.moments().n();
        }
        if (state instanceof Quantiles q) {
            return q.n();
        }
        if (state instanceof DistinctValues d) {
            return d.values();
        }
        if (state instanceof CategoryCounts c) {
            return c.rows() - c.nulls();
        }
        return -1;
    }

    @Override
    protected int valuesNeeded() {
        return needed;
    }

    @Override
    protected String registry() {
        return ProfileMetrics.REGISTRY;
    }
}
