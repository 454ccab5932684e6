package dev.vigil.results;

import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** The Delta schemas of CONTRACT §3 and the MERGE key of {@code results}. */
public final class ResultSchema {
  private ResultSchema() {}

  public static final StructType RESULTS =
      new StructType()
          .add("monitor", StringType, false)
          .add("calculator", StringType, false)
          .add("metric", StringType, false)
          .add("column_name", StringType, true)
          .add("segment", StringType, true)
          .add("period", StringType, false)
          .add("chunk_index", IntegerType, false)
          .add("chunk_key", StringType, false)
          .add("chunk_start_index", LongType, false)
          .add("chunk_end_index", LongType, false)
          .add("chunk_start_date", TimestampType, true)
          .add("chunk_end_date", TimestampType, true)
          .add("chunk_rows", LongType, false)
          .add("chunk_complete", BooleanType, true)
          .add("value", DoubleType, true)
          .add("p_value", DoubleType, true)
          .add("sampling_error", DoubleType, true)
          .add("realized", DoubleType, true)
          .add("lower_confidence_bound", DoubleType, true)
          .add("upper_confidence_bound", DoubleType, true)
          .add("lower_threshold", DoubleType, true)
          .add("upper_threshold", DoubleType, true)
          .add("alert", BooleanType, false)
          .add("run_id", StringType, false)
          .add("computed_at", TimestampType, false);

  /** (monitor, calculator, metric, column_name, segment, period, chunk_key). */
  public static final List<String> KEY =
      List.of("monitor", "calculator", "metric", "column_name", "segment", "period", "chunk_key");

  /**
   * Columns that only say which run wrote a row; a rerun with equal values leaves them as they are.
   */
  public static final List<String> RUN_COLUMNS = List.of("run_id", "computed_at");

  /**
   * Binned distributions per column and chunk (for distribution plots), MERGEd on {@link
   * #DISTRIBUTION_KEY}.
   */
  public static final StructType DISTRIBUTIONS =
      new StructType()
          .add("monitor", StringType, false)
          .add("column_name", StringType, false)
          .add("segment", StringType, true)
          .add("period", StringType, false)
          .add("chunk_index", IntegerType, false)
          .add("chunk_key", StringType, false)
          .add("kind", StringType, false)
          .add("bin", StringType, false)
          .add("bin_lower", DoubleType, true)
          .add("bin_upper", DoubleType, true)
          .add("count", LongType, false)
          .add("proportion", DoubleType, false)
          .add("run_id", StringType, false)
          .add("computed_at", TimestampType, false);

  public static final List<String> DISTRIBUTION_KEY =
      List.of("monitor", "column_name", "segment", "period", "chunk_key", "bin");

  /**
   * One row per alert sent to a destination: the result's key (what is never sent twice), then the
   * sending.
   */
  public static final StructType ALERTS = alerts();

  private static StructType alerts() {
    StructType t = new StructType();
    for (String k : KEY) {
      t = t.add(RESULTS.apply(k));
    }
    return t.add("destination", StringType, false)
        .add("value", DoubleType, true)
        .add("run_id", StringType, false)
        .add("sent_at", TimestampType, false);
  }

  public static final StructType RUNS =
      new StructType()
          .add("run_id", StringType, false)
          .add("monitor", StringType, false)
          .add("started_at", TimestampType, false)
          .add("finished_at", TimestampType, false)
          .add("status", StringType, false)
          .add("error", StringType, true)
          .add("rows_reference", LongType, true)
          .add("rows_analysis", LongType, true)
          .add("chunks", IntegerType, true)
          .add("alerts", LongType, true)
          .add("config", StringType, true)
          .add("vigil_version", StringType, false);
}
