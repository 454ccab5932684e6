package dev.vigil.performance;

import dev.vigil.calculators.Calculator;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.thresholds.Threshold;
import java.io.Serializable;
import java.util.Map;

/**
 * What the performance calculators share: their name, and realized performance fitted on the
 * reference from the configured metrics and their threshold overrides (CBPE and DLE take their
 * sampling errors, thresholds and realized values from it, as NannyML's estimators do).
 */
abstract class PerformanceCalculator implements Calculator {
    /** The metrics section and the threshold overrides by metric name. */
    private record Settings(RealizedPerformanceConfig metrics, Map<String, Threshold> overrides)
            implements Serializable {}

    private final String name;
    private final Settings settings;

    PerformanceCalculator(String name, RealizedPerformanceConfig metrics, Map<String, Threshold> overrides) {
        this.name = name;
        this.settings = new Settings(metrics, Map.copyOf(overrides));
    }

    @Override
    public final String name() {
        return name;
    }

    /** Realized performance of the problem type fitted on the reference. */
    final <C extends Measure.Rows, E extends Measure.Rows> RealizedFit<C, E> realized(
            Problem<C, E> problem, ChunkTable reference) {
        return new RealizedFit<>(problem, settings.metrics(), settings.overrides(), reference);
    }
}
