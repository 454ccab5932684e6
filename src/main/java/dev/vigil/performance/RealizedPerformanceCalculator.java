package dev.vigil.performance;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Learner;
import dev.vigil.stats.StateSpec;
import dev.vigil.thresholds.Threshold;
import java.util.List;
import java.util.Map;

/**
 * NannyML's realized performance (binary, multiclass and regression) from mergeable states over
 * derived columns ({@link Problem}): per chunk each configured metric's {@link Measure}s from the
 * states of the rows with a target, their sampling errors from whole-reference components, and
 * thresholds (mean ± 3σ of the reference chunk values by default) under each metric's rule
 * (docs/nannyml-realized-performance.md). The metrics are {@link PerformanceMetrics}'.
 */
public final class RealizedPerformanceCalculator extends PerformanceCalculator {
    public static final String NAME = "realized_performance";

    private final Problem<?, ?> problem;

    /**
     * @param overrides configured thresholds by metric name
     */
    RealizedPerformanceCalculator(
            Problem<?, ?> problem, RealizedPerformanceConfig config, Map<String, Threshold> overrides) {
        super(NAME, config, overrides);
        this.problem = problem;
    }

    @Override
    public Map<String, String> derivedColumns() {
        return problem.derivedColumns();
    }

    @Override
    public List<StateSpec> referenceSpecs() {
        return problem.specs();
    }

    @Override
    public FittedCalculator fit(ChunkTable reference, Learner learner) {
        return realized(problem, reference);
    }
}
