package dev.vigil.performance;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.config.ProblemType;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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
        section, name(), context.problemType(), context.columns(), List.of(), false);
  }

  /** The metrics of each problem type. */
  @Override
  public Map<String, Collection<String>> choices() {
    return PerformanceMetrics.choices(false);
  }

  /** Every metric name, and the binary confusion-matrix cells. */
  @Override
  public Collection<String> thresholdMetrics(ProblemType type) {
    return PerformanceMetrics.thresholdNames();
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
