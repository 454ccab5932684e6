package dev.vigil.config;

/**
 * How rows are split into chunks. Exactly one of size, number or period applies ({@link #kind()}).
 * With nothing configured Vigil splits each dataset into 10 chunks, as NannyML's default chunker
 * does.
 */
public record ChunkingConfig(
    Kind kind, int size, int number, PeriodUnit period, Incomplete incomplete)
    implements java.io.Serializable {
  public enum Kind {
    SIZE,
    NUMBER,
    PERIOD
  }

  /**
   * What happens to the rows left over after the last full chunk (NannyML's {@code incomplete}).
   */
  public enum Incomplete {
    /** the leftover rows form a last, smaller chunk */
    KEEP,
    /** the leftover rows are left out */
    DROP,
    /** the leftover rows join the last full chunk */
    APPEND
  }

  public enum PeriodUnit {
    HOUR,
    DAY,
    WEEK,
    MONTH,
    QUARTER,
    YEAR;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static final int DEFAULT_NUMBER = 10;

  public static ChunkingConfig defaults() {
    return new ChunkingConfig(Kind.NUMBER, 0, DEFAULT_NUMBER, null, Incomplete.KEEP);
  }

  /** A short description for logs, e.g. {@code size=5000}. */
  public String describe() {
    return switch (kind) {
      case SIZE ->
          "size=" + size + " incomplete=" + incomplete.name().toLowerCase(java.util.Locale.ROOT);
      case NUMBER ->
          "number="
              + number
              + " incomplete="
              + incomplete.name().toLowerCase(java.util.Locale.ROOT);
      case PERIOD -> "period=" + period.key();
    };
  }
}
