package dev.vigil.performance;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.config.ProblemType;
import dev.vigil.config.Schema;
import java.util.Collection;
import java.util.Map;

/**
 * What the performance calculator types share: opt-in, their metric names per problem type and
 * their threshold names from {@link PerformanceMetrics}.
 *
 * @param <C> the record the section fills
 */
abstract class PerformanceType<C> implements CalculatorType<C> {
    /** estimated_performance: its metrics are those it estimates. */
    private final boolean estimated;

    PerformanceType(boolean estimated) {
        this.estimated = estimated;
    }

    @Override
    public final String name() {
        return estimated ? EstimatedPerformanceCalculator.NAME : RealizedPerformanceCalculator.NAME;
    }

    @Override
    public final boolean onByDefault() {
        return false;
    }

    @Override
    public final Schema schema() {
        return estimated ? EstimatedPerformanceConfig.SCHEMA : RealizedPerformanceConfig.SCHEMA;
    }

    /** The metrics of each problem type. */
    @Override
    public final Map<String, Collection<String>> choices() {
        return PerformanceMetrics.choices(estimated);
    }

    /** The monitor's problem type over its target, prediction and scores. */
    static Problem<?, ?> problem(Build build) {
        var cols = build.monitor().columns();
        return Problem.of(build.monitor().problemType(), cols.target(), cols.prediction(), cols.scores());
    }

    /** Every metric name, and the binary confusion-matrix cells. */
    @Override
    public final Collection<String> thresholdMetrics(ProblemType type) {
        return PerformanceMetrics.thresholdNames();
    }
}
