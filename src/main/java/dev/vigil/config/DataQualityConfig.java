package dev.vigil.config;

import java.util.List;

/** {@code calculators.data_quality}: which metrics, on which columns (null = default columns). */
public record DataQualityConfig(List<String> metrics, List<String> columns)
    implements java.io.Serializable {
  public static final List<String> ALL_METRICS =
      List.of(
          "missing_values",
          "unseen_values",
          "numerical_range",
          "mean",
          "std",
          "median",
          "sum",
          "row_count");
}
