package dev.vigil.performance;

import dev.vigil.config.ProblemType;
import java.util.List;
import java.util.Set;

/**
 * A performance metric under its NannyML name, one class each, registered in {@link
 * PerformanceMetrics}: the problem types realized performance computes it for, those
 * estimated_performance (CBPE, DLE) estimates it for, what it needs from the configuration, and its
 * {@link Measure}s on each problem type it applies to. Realized performance, CBPE and DLE read
 * every metric through this interface; none of them knows a metric by name.
 */
interface PerformanceMetric extends java.io.Serializable {
  /** What a metric needs besides the target and the prediction. */
  enum Needs {
    /** the score column (binary classification) */
    SCORES,
    /** {@code business_value_matrix} */
    BUSINESS_VALUE_MATRIX
  }

  /** The name in {@code calculators.*.metrics}. */
  String name();

  /** The problem types realized performance computes it for. */
  Set<ProblemType> problemTypes();

  /**
   * The problem types estimated_performance estimates it for (CBPE's expectation, DLE's loss):
   * every type it applies to unless it says otherwise; others are refused at configuration time.
   */
  default Set<ProblemType> estimated() {
    return problemTypes();
  }

  /** Whether it is among the metrics computed when a section names none. */
  default boolean onByDefault() {
    return true;
  }

  default Set<Needs> needs() {
    return Set.of();
  }

  /** The names {@code thresholds.<calculator>.<name>} may use for it. */
  default List<String> thresholdNames() {
    return List.of(name());
  }

  /** Its measures on binary classification under a section's settings. */
  default List<? extends Measure<BinaryProblem.States, Cbpe.Chunk>> binary(
      RealizedPerformanceConfig settings) {
    throw new UnsupportedOperationException(name() + " is not a binary classification metric");
  }

  /** Its measures on multiclass classification over the classes (sorted labels). */
  default List<? extends Measure<MulticlassProblem.States, MulticlassExpected>> multiclass(
      RealizedPerformanceConfig settings, List<String> classes) {
    throw new UnsupportedOperationException(name() + " is not a multiclass metric");
  }

  /** Its measures on regression, each the mean of one per-row loss or its root. */
  default List<? extends LossMetric> regression() {
    throw new UnsupportedOperationException(name() + " is not a regression metric");
  }
}
