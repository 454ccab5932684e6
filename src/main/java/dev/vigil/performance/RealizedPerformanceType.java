package dev.vigil.performance;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.config.ProblemType;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** {@code realized_performance}: opt-in; its section is {@link RealizedPerformanceConfig}. */
public final class RealizedPerformanceType implements CalculatorType<RealizedPerformanceConfig> {
  public static final RealizedPerformanceType INSTANCE = new RealizedPerformanceType();

  private RealizedPerformanceType() {}

  @Override
  public String name() {
    return RealizedPerformanceCalculator.NAME;
  }

  @Override
  public boolean onByDefault() {
    return false;
  }

  @Override
  public Schema schema() {
    return RealizedPerformanceConfig.SCHEMA;
  }

  @Override
  public RealizedPerformanceConfig parse(Section section, Context context) {
    return RealizedPerformanceConfig.parse(
        section, name(), context.problemType(), context.columns(), List.of());
  }

  /** Every metric name, and the confusion-matrix cells. */
  static Collection<String> performanceThresholdMetrics() {
    TreeSet<String> names = new TreeSet<>(RealizedPerformanceConfig.ALL);
    names.addAll(List.of("true_positive", "true_negative", "false_positive", "false_negative"));
    return names;
  }

  /** The metrics of each problem type. */
  @Override
  public Map<String, Collection<String>> choices() {
    return Map.of(
        "metrics (binary_classification)", RealizedPerformanceConfig.BINARY,
        "metrics (multiclass_classification)", RealizedPerformanceConfig.MULTICLASS,
        "metrics (regression)", RealizedPerformanceConfig.REGRESSION);
  }

  @Override
  public Collection<String> thresholdMetrics(ProblemType type) {
    return performanceThresholdMetrics();
  }

  @Override
  public Built build(RealizedPerformanceConfig config, Build build) {
    var cols = build.monitor().columns();
    return Built.of(
        new RealizedPerformanceCalculator(
            build.monitor().problemType(),
            config,
            cols.target(),
            cols.prediction(),
            cols.scores(),
            build.overrides(name())));
  }
}
