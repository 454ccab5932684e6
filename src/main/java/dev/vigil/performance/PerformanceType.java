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
  private final String name;
  private final Schema schema;
  private final boolean estimated;

  /**
   * @param estimated whether the section names the metrics estimated_performance estimates
   */
  PerformanceType(String name, Schema schema, boolean estimated) {
    this.name = name;
    this.schema = schema;
    this.estimated = estimated;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final boolean onByDefault() {
    return false;
  }

  @Override
  public final Schema schema() {
    return schema;
  }

  /** The metrics of each problem type. */
  @Override
  public final Map<String, Collection<String>> choices() {
    return PerformanceMetrics.choices(estimated);
  }

  /** Every metric name, and the binary confusion-matrix cells. */
  @Override
  public final Collection<String> thresholdMetrics(ProblemType type) {
    return PerformanceMetrics.thresholdNames();
  }
}
