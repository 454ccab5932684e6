package dev.vigil.performance;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.config.ProblemType;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@code estimated_performance}: opt-in; CBPE for classification, DLE for regression. Its section
 * is {@link EstimatedPerformanceConfig}.
 */
public final class EstimatedPerformanceType implements CalculatorType<EstimatedPerformanceConfig> {
  public static final EstimatedPerformanceType INSTANCE = new EstimatedPerformanceType();

  private EstimatedPerformanceType() {}

  @Override
  public String name() {
    return EstimatedPerformanceCalculator.NAME;
  }

  @Override
  public boolean onByDefault() {
    return false;
  }

  @Override
  public Schema schema() {
    return EstimatedPerformanceConfig.SCHEMA;
  }

  @Override
  public EstimatedPerformanceConfig parse(Section section, Context context) {
    return EstimatedPerformanceConfig.parse(section, context.problemType(), context.columns());
  }

  /** The metrics of each problem type. */
  @Override
  public Map<String, Collection<String>> choices() {
    return PerformanceMetrics.choices(true);
  }

  /** Every metric name, and the binary confusion-matrix cells. */
  @Override
  public Collection<String> thresholdMetrics(ProblemType type) {
    return PerformanceMetrics.thresholdNames();
  }

  @Override
  public Built build(EstimatedPerformanceConfig config, Build build) {
    var cols = build.monitor().columns();
    var columns = build.columns();
    if (build.monitor().problemType() == ProblemType.REGRESSION) {
      return Built.of(
          new DirectLossEstimationCalculator(
              config,
              cols.target(),
              cols.prediction(),
              columns.continuous().stream().filter(columns.features()::contains).toList(),
              columns.categorical().stream().filter(columns.features()::contains).toList(),
              build.overrides(name())));
    }
    // a row's calibration fold is a hash of what identifies it: the id column, else all of its
    // values
    List<String> rowColumns = new ArrayList<>();
    if (cols.id() != null) {
      rowColumns.add(cols.id());
    } else {
      for (String c : Arrays.asList(cols.timestamp(), cols.prediction(), cols.target())) {
        if (c != null) {
          rowColumns.add(c);
        }
      }
      rowColumns.addAll(cols.scores().values());
      rowColumns.addAll(columns.features());
    }
    return Built.of(
        new EstimatedPerformanceCalculator(
            build.monitor().problemType(),
            config,
            cols.target(),
            cols.prediction(),
            cols.scores(),
            rowColumns,
            build.overrides(name())));
  }
}
