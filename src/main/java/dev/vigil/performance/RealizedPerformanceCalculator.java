package dev.vigil.performance;

import dev.vigil.calculators.Calculator;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Learner;
import dev.vigil.config.ProblemType;
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
public final class RealizedPerformanceCalculator implements Calculator {
  public static final String NAME = "realized_performance";

  private final Problem<?, ?> problem;
  private final RealizedPerformanceConfig config;
  private final Map<String, Threshold> overrides;

  /**
   * @param scores binary: {"" → score column}; multiclass: class label → score column
   * @param overrides configured thresholds by metric name
   */
  public RealizedPerformanceCalculator(
      ProblemType type,
      RealizedPerformanceConfig config,
      String target,
      String prediction,
      Map<String, String> scores,
      Map<String, Threshold> overrides) {
    this.problem = Problem.of(type, target, prediction, scores);
    this.config = config;
    this.overrides = Map.copyOf(overrides);
  }

  @Override
  public String name() {
    return NAME;
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
    return new RealizedFit<>(problem, config, overrides, reference);
  }
}
