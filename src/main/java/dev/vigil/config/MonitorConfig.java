package dev.vigil.config;

import dev.vigil.calculators.CalculatorType;
import java.util.Map;

/**
 * One monitor's resolved configuration: immutable, validated, with defaults filled in.
 *
 * @param calculators each enabled calculator's configuration by its name, in the registry's order
 *     ({@link #calculator} reads one)
 * @param resolvedYaml the configuration after substitution and overrides, secrets masked (for
 *     {@code runs.config})
 * @param incremental analysis runs over new partitions only, merging stored chunk states (period
 *     chunking)
 * @param runDate the run's date ({@code --run-date}): templated paths, and periods ending by its
 *     end are complete; null = now
 * @param fitKey canonical text of everything a fit depends on (part of the reference profile's
 *     fingerprint)
 */
public record MonitorConfig(
    String monitor,
    ProblemType problemType,
    InputSpec reference,
    InputSpec analysis,
    TargetsSpec targets,
    ColumnsConfig columns,
    ChunkingConfig chunking,
    Map<String, Object> calculators,
    Map<String, ThresholdConfig> thresholds,
    OutputConfig output,
    AlertsConfig alerts,
    String resolvedYaml,
    boolean incremental,
    java.time.LocalDate runDate,
    String fitKey)
    implements java.io.Serializable {

  /** The configuration of one calculator, or null when it is not enabled. */
  @SuppressWarnings("unchecked")
  public <C> C calculator(CalculatorType<C> type) {
    return (C) calculators.get(type.name());
  }

  public MonitorConfig withOutputPath(String path) {
    return new MonitorConfig(
        monitor,
        problemType,
        reference,
        analysis,
        targets,
        columns,
        chunking,
        calculators,
        thresholds,
        new OutputConfig(path),
        alerts,
        resolvedYaml,
        incremental,
        runDate,
        fitKey);
  }
}
