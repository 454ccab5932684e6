package dev.vigil.performance;

import dev.vigil.thresholds.MetricRule;
import java.io.Serializable;

/**
 * One reported metric of one problem type, as a {@link PerformanceMetric} defines it: its realized
 * value from a chunk's states, the rows its sampling error counts, its sampling-error component
 * from the whole reference's states and the sampling error on a chunk from that component
 * (NannyML's formulas), its estimate (CBPE's expectation or DLE's loss) and its {@link MetricRule}.
 * Most metrics report one measure under their own name; {@code confusion_matrix} reports one per
 * cell.
 *
 * @param <C> the view of a chunk's realized states
 * @param <E> the view of a chunk's estimate inputs
 */
abstract class Measure<C extends Measure.Rows, E extends Measure.Rows> implements Serializable {
    /** A view of a chunk's states: the rows a sampling error counts by default. */
    interface Rows {
        long rows();
    }

    /** A rate: NannyML's thresholds clipped to [0, 1]. */
    static final MetricRule RATE = MetricRule.standard(0.0, 1.0);

    /** A loss or a count: thresholds clipped at 0. */
    static final MetricRule NON_NEGATIVE = MetricRule.standard(0.0, null);

    private final String name;
    private final MetricRule rule;

    /**
     * @param name the reported metric name
     * @param rule limits, default threshold and alert rule, before any configured override
     */
    Measure(String name, MetricRule rule) {
        this.name = name;
        this.rule = rule;
    }

    /** The one measure of a metric, under its name. */
    Measure(PerformanceMetric metric, MetricRule rule) {
        this(metric.name(), rule);
    }

    final String name() {
        return name;
    }

    /**
     * The configured metric it belongs to, its own name unless said otherwise; a threshold override
     * of {@link #name} wins over one of the metric.
     */
    String metric() {
        return name;
    }

    final MetricRule rule() {
        return rule;
    }

    /** The realized value on a chunk; NaN where NannyML gives none. */
    abstract double realized(C chunk);

    /**
     * Why the realized value can be NaN on a chunk that has rows, for the log (NaN-free metrics:
     * the general reason).
     */
    String undefinedBecause() {
        return "undefined on the chunk's rows";
    }

    /**
     * Where the realized value comes from scores rounded to a grid (a chunk with more distinct scores
     * than {@link dev.vigil.stats.ValueCounts#CAPACITY}): the bound on |value − the value on the raw
     * scores|, +∞ when no finite bound is known; NaN when exact (the default: counts of labels and
     * predictions are exact).
     */
    double realizedErrorBound(C chunk) {
        return Double.NaN;
    }

    /** As {@link #realizedErrorBound}, for the estimate; NaN (exact) by default. */
    double estimateErrorBound(E chunk) {
        return Double.NaN;
    }

    /** The rows the sampling error of a realized value counts. */
    long rows(C chunk) {
        return chunk.rows();
    }

    /** The sampling-error component from the whole reference's states. */
    abstract double[] component(C reference);

    /** The sampling error on a chunk of {@code rows} rows from the whole-reference component. */
    abstract double samplingError(double[] component, long rows);

    /**
     * The estimate on a chunk without targets: CBPE's expectation or DLE's from its predicted loss.
     * Only called for metrics whose {@link PerformanceMetric#estimated} names the problem type.
     */
    double estimate(E chunk) {
        throw new UnsupportedOperationException(name + " has no estimate");
    }
}
