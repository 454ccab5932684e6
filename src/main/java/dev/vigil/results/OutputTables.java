package dev.vigil.results;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import dev.vigil.results.OutputTable.Write;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;

/**
 * The registry of output tables: one declaration per Delta table Vigil writes. The sinks write them
 * by these declarations, {@code vigil export --table} accepts the exportable ones and sorts by
 * their export order, and the README's list of output tables is generated from here ({@link
 * OutputTablesDoc}). Adding a table: its declaration here, in {@link #ALL}, and the code that fills
 * it.
 */
public final class OutputTables {
  private OutputTables() {}

  private static final List<String> BY_MONITOR = List.of("monitor");

  private static final StructType RESULTS_SCHEMA =
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
  private static final List<String> RESULT_KEY =
      List.of("monitor", "calculator", "metric", "column_name", "segment", "period", "chunk_key");

  /** One row per monitor × calculator × metric × column × segment × chunk (CONTRACT §3). */
  public static final OutputTable RESULTS =
      new OutputTable(
          "results",
          "one row per monitor × calculator × metric × column × segment × chunk",
          RESULTS_SCHEMA,
          RESULT_KEY,
          Write.MERGE,
          List.of(
              "monitor", "calculator", "metric", "column_name", "segment", "period", "chunk_index"),
          BY_MONITOR);

  /** Binned distributions per column and chunk, for distribution plots. */
  public static final OutputTable DISTRIBUTIONS =
      new OutputTable(
          "distributions",
          "the binned distribution of every drift column per segment and chunk",
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
              .add("computed_at", TimestampType, false),
          List.of("monitor", "column_name", "segment", "period", "chunk_key", "bin"),
          Write.MERGE,
          List.of("monitor", "column_name", "segment", "period", "chunk_index", "kind", "bin"),
          BY_MONITOR);

  /**
   * One row per alert sent to a destination: the result's key (what is never sent twice), then the
   * sending.
   */
  public static final OutputTable ALERTS = alerts();

  private static OutputTable alerts() {
    StructType t = new StructType();
    for (String k : RESULT_KEY) {
      t = t.add(RESULTS_SCHEMA.apply(k));
    }
    t =
        t.add("destination", StringType, false)
            .add("value", DoubleType, true)
            .add("run_id", StringType, false)
            .add("sent_at", TimestampType, false);
    List<String> key = new java.util.ArrayList<>(RESULT_KEY);
    key.add("destination");
    List<String> order = new java.util.ArrayList<>(key);
    order.add("sent_at");
    return new OutputTable(
        "alerts",
        "one row per alert sent to a destination; an alert is sent once per result key and"
            + " destination",
        t,
        key,
        Write.APPEND,
        order,
        List.of());
  }

  /** One row per run, failed runs included. */
  public static final OutputTable RUNS =
      new OutputTable(
          "runs",
          "one row per run, failed runs included",
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
              .add("vigil_version", StringType, false),
          List.of("run_id"),
          Write.APPEND,
          List.of("started_at", "run_id"),
          List.of());

  /** One row per fit: what the calculators learned from the reference, as a blob. */
  public static final OutputTable REFERENCE_PROFILES =
      new OutputTable(
          "reference_profiles",
          "one row per fit of a monitor's reference (what the calculators learned, as a blob)",
          new StructType()
              .add("monitor", StringType, false)
              .add("version", LongType, false)
              .add("fingerprint", StringType, false)
              .add("reference", StringType, false)
              .add("reference_rows", LongType, false)
              .add("reference_chunks", IntegerType, false)
              .add("calculators", StringType, false)
              .add("profile_bytes", LongType, false)
              .add("profile", BinaryType, false)
              .add("vigil_version", StringType, false)
              .add("spark_version", StringType, false)
              .add("run_id", StringType, false)
              .add("fitted_at", TimestampType, false),
          List.of("monitor", "version"),
          Write.APPEND,
          List.of("monitor", "version"),
          List.of());

  /** Incremental runs' mergeable analysis states per source, segment and chunk, as blobs. */
  public static final OutputTable CHUNK_STATES =
      new OutputTable(
          "chunk_states",
          "incremental runs' mergeable analysis states per source, segment and chunk (as blobs)",
          new StructType()
              .add("monitor", StringType, false)
              .add("profile_version", LongType, false)
              .add("source", StringType, false)
              .add("segment", StringType, true)
              .add("chunk_group", LongType, true)
              .add("rows", LongType, false)
              .add("min_time", TimestampType, true)
              .add("max_time", TimestampType, true)
              .add("target_rows", LongType, true)
              .add("states", BinaryType, false)
              .add("run_id", StringType, false)
              .add("computed_at", TimestampType, false),
          List.of("monitor", "source", "segment", "chunk_group"),
          Write.REPLACE,
          List.of("monitor", "source", "segment", "chunk_group"),
          List.of());

  /** NannyML's feature rankings of a monitor, written by {@code vigil report}. */
  public static final OutputTable RANKINGS =
      new OutputTable(
          "rankings",
          "written by `vigil report`: one row per ranked column of each ranking",
          new StructType()
              .add("monitor", StringType, false)
              .add("ranker", StringType, false)
              .add("drift_calculator", StringType, false)
              .add("drift_metric", StringType, false)
              .add("performance_calculator", StringType, true)
              .add("performance_metric", StringType, true)
              .add("column_name", StringType, false)
              .add("rank", IntegerType, false)
              .add("number_of_alerts", LongType, false)
              .add("pearsonr_correlation", DoubleType, true)
              .add("pearsonr_pvalue", DoubleType, true)
              .add("has_drifted", BooleanType, false)
              .add("chunks", IntegerType, false),
          List.of(
              "monitor",
              "ranker",
              "drift_calculator",
              "drift_metric",
              "performance_calculator",
              "performance_metric",
              "column_name"),
          Write.REPLACE,
          List.of(
              "monitor",
              "ranker",
              "drift_calculator",
              "drift_metric",
              "performance_calculator",
              "performance_metric",
              "rank",
              "column_name"),
          List.of());

  /** Every output table, in the order the documentation lists them. */
  public static final List<OutputTable> ALL =
      List.of(RESULTS, DISTRIBUTIONS, ALERTS, RUNS, REFERENCE_PROFILES, CHUNK_STATES, RANKINGS);

  /** The tables {@code vigil export} writes. */
  public static List<OutputTable> exportable() {
    return ALL.stream().filter(OutputTable::exportable).toList();
  }

  public static Optional<OutputTable> find(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
