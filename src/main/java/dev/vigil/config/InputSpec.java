package dev.vigil.config;

import java.util.Map;

/**
 * Where one input table comes from: a {@code path} with a {@code format}, or a catalog {@code
 * table}.
 *
 * @param key the configuration key of this section (for error messages), e.g. {@code reference}
 */
public record InputSpec(
    String key, String path, String table, String format, Map<String, String> options)
    implements java.io.Serializable {
  public static final java.util.Set<String> FORMATS =
      java.util.Set.of("csv", "parquet", "delta", "orc", "json");

  public boolean isTable() {
    return table != null;
  }

  /** The path or table name, for messages. */
  public String location() {
    return isTable() ? table : path;
  }
}
