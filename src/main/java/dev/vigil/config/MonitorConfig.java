package dev.vigil.config;

import java.util.Map;

/**
 * One monitor's resolved configuration: immutable, validated, with defaults filled in.
 *
 * @param dataQuality null when the calculator is not enabled
 * @param univariateDrift null when the calculator is not enabled
 * @param multivariateDrift null when the calculator is not enabled (it is opt-in)
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
    DataQualityConfig dataQuality,
    UnivariateDriftConfig univariateDrift,
    MultivariateDriftConfig multivariateDrift,
    RealizedPerformanceConfig realizedPerformance,
    EstimatedPerformanceConfig estimatedPerformance,
    Map<String, ThresholdConfig> thresholds,
    OutputConfig output,
    AlertsConfig alerts,
    String resolvedYaml,
    boolean incremental,
    java.time.LocalDate runDate,
    String fitKey)
    implements java.io.Serializable {

  public MonitorConfig withOutputPath(String path) {
    return new MonitorConfig(
        monitor,
        problemType,
        reference,
        analysis,
        targets,
        columns,
        chunking,
        dataQuality,
        univariateDrift,
        multivariateDrift,
        realizedPerformance,
        estimatedPerformance,
        thresholds,
        new OutputConfig(path),
        alerts,
        resolvedYaml,
        incremental,
        runDate,
        fitKey);
  }
}
