package dev.vigil.quality;

import dev.vigil.config.Key;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import dev.vigil.internal.Errors;
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

  static final Key<List<String>> METRICS =
      Key.names("metrics", ALL_METRICS, "the data-quality metrics, among " + ALL_METRICS);
  static final Key<List<String>> COLUMNS =
      Key.names("columns", null, "the columns to check (default: the features)");

  public static final Schema SCHEMA =
      Schema.of(
          "calculators.data_quality",
          "NannyML's data-quality checks and summary statistics per column and chunk",
          METRICS,
          COLUMNS);

  public static DataQualityConfig parse(Section dq) {
    SCHEMA.check(dq);
    List<String> metrics = METRICS.read(dq);
    for (String m : metrics) {
      if (!ALL_METRICS.contains(m)) {
        throw Errors.unknownName(METRICS.in(dq), m, ALL_METRICS);
      }
    }
    return new DataQualityConfig(List.copyOf(metrics), COLUMNS.read(dq));
  }
}
