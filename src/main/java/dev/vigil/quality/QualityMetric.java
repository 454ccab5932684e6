package dev.vigil.quality;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.thresholds.Bounds.AlertRule;
import dev.vigil.thresholds.Bounds.LimitMode;
import dev.vigil.thresholds.MetricRule;
import dev.vigil.thresholds.Threshold;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One data-quality metric, registered in {@link QualityMetrics}: its name, the kinds of column it
 * applies to, the states it reads on the reference and on every chunk, its value, its sampling
 * error and its threshold-and-alert rule, as NannyML 0.13.1 (docs/nannyml-semantics.md). Stateless:
 * what it learns from the reference lives in its {@link FittedMetric}; a stored profile refers to
 * it by name.
 */
public abstract class QualityMetric implements Serializable {
    private final String name;
    private final Set<QualityColumn.Kind> kinds;
    private final MetricRule rule;

    protected QualityMetric(String name, Set<QualityColumn.Kind> kinds, MetricRule rule) {
        this.name = name;
        this.kinds = Set.copyOf(kinds);
        this.rule = rule;
    }

    /** The name the configuration and the results use, e.g. {@code missing_values}. */
    public final String name() {
        return name;
    }

    /** The kinds of column it applies to. */
    final Set<QualityColumn.Kind> kinds() {
        return kinds;
    }

    /** Whether it is measured on columns (or the model level) of this kind. */
    public final boolean appliesTo(QualityColumn.Kind kind) {
        return kinds.contains(kind);
    }

    /**
     * NannyML's default threshold, limits and alert rule for it (a configured threshold replaces the
     * default).
     */
    public final MetricRule rule() {
        return rule;
    }

    /** The states it reads on the reference's first pass. */
    public abstract List<StateSpec> referenceSpecs(QualityColumn column);

    /** States of a refinement pass, parameterised by the first pass's states; none by default. */
    public List<StateSpec> refinementSpecs(ChunkTable reference, QualityColumn column) {
        return List.of();
    }

    /**
     * The state its value reads on every chunk, fitted on the reference where it must be (e.g. the
     * reference's categories); null when it reads none.
     */
    public abstract StateSpec analysisSpec(ChunkTable reference, QualityColumn column);

    /**
     * What its sampling error needs from the whole reference of one segment (the reference std, ...);
     * none by default.
     */
    public double[] reference(ChunkTable reference, String segment, QualityColumn column) {
        return new double[0];
    }

    /** Its value on one chunk. */
    public abstract double value(Chunk chunk);

    /**
     * Where its value on the chunk approximates the exact one (from a sketch), the bound on |value −
     * exact value|; NaN when exact (the default: counts and moments are exact).
     */
    public double errorBound(Chunk chunk) {
        return Double.NaN;
    }

    /** Why its value on the chunk is null though the chunk has rows; null: nothing to say. */
    public String note(Chunk chunk) {
        return null;
    }

    /**
     * Why its value on the chunk is null, on every result where it is (never a silent null): its own
     * {@link #note}, else from what its statistic reads: a chunk without rows, a column without
     * values on the chunk ({@link #valuesOn} 0), fewer values than the statistic needs ({@link
     * #valuesNeeded}); null where the value is not NaN and the metric has nothing to say.
     */
    public final String nullBecause(Chunk chunk, double value) {
        String own = note(chunk);
        if (own != null || !Double.isNaN(value)) {
            return own;
        }
        if (chunk.rows() == 0) {
            return "no rows in this chunk";
        }
        long values = valuesOn(chunk);
        if (values == 0) {
            return "no values in this chunk: its " + chunk.rows() + " rows are all missing";
        }
        if (values > 0 && values < valuesNeeded()) {
            return (values == 1 ? "1 value" : values + " values") + " in this chunk: " + name + " needs at least "
                    + valuesNeeded();
        }
        return "undefined on this chunk's values";
    }

    /** The column's values its statistic reads on the chunk (missing ones left out); -1: not known. */
    protected long valuesOn(Chunk chunk) {
        return -1;
    }

    /** The fewest values its statistic is defined on. */
    protected int valuesNeeded() {
        return 1;
    }

    /** Its sampling error for a chunk of {@code rows} rows; NaN (none) by default. */
    public double samplingError(double[] reference, long rows) {
        return Double.NaN;
    }

    /**
     * One chunk of a dataset as a metric reads it.
     *
     * @param spec the metric's {@link #analysisSpec}
     * @param rows the chunk's rows, missing values included
     * @param reference whether the chunk is one of the reference's own
     */
    public record Chunk(ChunkTable table, String segment, int index, StateSpec spec, long rows, boolean reference) {
        /** The chunk's state of the metric's {@link #analysisSpec}. */
        public <S extends ColumnState> S state() {
            return table.state(segment, index, spec);
        }
    }

    /** {@code f} of each segment of the reference, by segment key ({@link Specs#key}). */
    protected static <T> Map<String, T> bySegment(ChunkTable reference, Function<String, T> f) {
        Map<String, T> out = new HashMap<>();
        for (String seg : reference.segments()) {
            out.put(Specs.key(seg), f.apply(seg));
        }
        return Map.copyOf(out);
    }

    /** {@code count / n}; NaN for an empty chunk. */
    protected static double rate(long count, long n) {
        return n == 0 ? Double.NaN : (double) count / n;
    }

    /**
     * NannyML's data-quality checks (rates in [0, 1]): the threshold clipped to [0, 1], alert when
     * strictly outside the bounds (a NaN never alerts).
     */
    protected static MetricRule check(Threshold threshold) {
        return MetricRule.standard(0.0, 1.0).withThreshold(threshold);
    }

    /**
     * NannyML's summary statistics: mean ± 3σ, a threshold beyond {@code lowerLimit} dropped, alert
     * unless strictly inside the bounds (a value on a threshold, or NaN, alerts).
     */
    protected static MetricRule summaryStatistic(Double lowerLimit) {
        return MetricRule.standard(lowerLimit, null)
                .withLimitMode(LimitMode.DROP)
                .withAlertRule(AlertRule.STRICTLY_INSIDE);
    }

    /** The registry it is declared in: {@link QualityMetrics} unless a subclass says otherwise. */
    protected String registry() {
        return null;
    }

    /**
     * Written as its registry, name and first kind (a profile holds no code), read back as the
     * registered metric.
     */
    protected final Object writeReplace() {
        return new Registered(registry(), name, kinds.iterator().next());
    }

    /** {@code registry} null: {@link QualityMetrics} (also what profiles stored before it say). */
    private record Registered(String registry, String name, QualityColumn.Kind kind) implements Serializable {
        private Object readResolve() {
            return ProfileMetrics.REGISTRY.equals(registry)
                    ? ProfileMetrics.named(name, kind).orElseThrow()
                    : QualityMetrics.named(name).orElseThrow();
        }
    }
}
