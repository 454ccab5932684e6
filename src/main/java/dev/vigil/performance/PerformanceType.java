package dev.vigil.performance;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What the performance calculator types share: opt-in, their metric names per problem type and
 * their threshold names from {@link PerformanceMetrics}.
 *
 * @param <C> the record the section fills
 */
abstract class PerformanceType<C> extends CalculatorType<C> {
    /** Opt-in; {@code schema}'s path says which of the two it is. */
    PerformanceType(Schema schema, BiFunction<Section, Context, C> parser) {
        super(schema, false, PerformanceMetrics.thresholdNames(), parser);
    }

    /** The metrics a section configures. */
    abstract List<String> metrics(C config);

    @Override
    public final String thresholdRefusal(C config, String metric) {
        List<String> configured = metrics(config);
        for (String m : configured) {
            if (PerformanceMetrics.get(m).thresholdNames().contains(metric)) {
                return null;
            }
        }
        return metric + " is not among calculators." + name() + ".metrics " + configured
                + ", so its threshold would never be used; add the metric or drop the override";
    }

    /** The metrics of each problem type (estimated_performance: those it estimates). */
    @Override
    public final Map<String, Collection<String>> choices() {
        return PerformanceMetrics.choices(name().equals(EstimatedPerformanceCalculator.NAME));
    }

    /** The monitor's problem type over its target, prediction and scores. */
    static Problem<?, ?> problem(Build build) {
        var cols = build.monitor().columns();
        return Problem.of(build.monitor().problemType(), cols.target(), cols.prediction(), cols.scores());
    }
}
