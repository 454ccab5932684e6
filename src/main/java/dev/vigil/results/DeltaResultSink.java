package dev.vigil.results;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes results into the Delta tables under the output path. {@code results} is MERGEd on the
 * contract key: a row whose values are unchanged (doubles equal to 1e-12 relative, which absorbs
 * the last-bit noise of Spark's merge order) is left untouched, run_id and computed_at included; a
 * changed row is updated in place; a new key is inserted. {@code runs} gets one appended row per
 * run. Every write is retried when it loses a race with another writer ({@link DeltaRetry}).
 */
public final class DeltaResultSink {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaResultSink.class);

  /** Relative difference under which two doubles count as the same value. */
  public static final double SAME_VALUE_TOLERANCE = 1e-12;

  private final SparkSession spark;
  private final String output;

  public DeltaResultSink(SparkSession spark, String output) {
    this.spark = spark;
    this.output = output.replaceAll("/+$", "");
  }

  public String tablePath(String table) {
    return output + "/" + table;
  }

  public void mergeResults(List<ResultRow> rows) {
    List<Row> data = new ArrayList<>(rows.size());
    for (ResultRow r : rows) {
      data.add(RowFactory.create(r.values()));
    }
    merge("results", ResultSchema.RESULTS, ResultSchema.KEY, data);
  }

  /**
   * MERGEs rows of {@code distributions} ({@link ResultSchema#DISTRIBUTIONS} order) the same way.
   */
  public void mergeDistributions(List<Row> rows) {
    if (!rows.isEmpty()) {
      merge("distributions", ResultSchema.DISTRIBUTIONS, ResultSchema.DISTRIBUTION_KEY, rows);
    }
  }

  private void merge(
      String table,
      org.apache.spark.sql.types.StructType schema,
      List<String> key,
      List<Row> data) {
    DeltaRetry.run(
        "MERGE into " + tablePath(table),
        () -> mergeOnce(table, schema, key, data),
        () -> forgetCachedLog(tablePath(table)));
  }

  private void mergeOnce(
      String table,
      org.apache.spark.sql.types.StructType schema,
      List<String> key,
      List<Row> data) {
    Dataset<Row> source = spark.createDataFrame(data, schema);
    String path = tablePath(table);
    createIfMissing(path, schema);
    addMissingColumns(path, schema);
    Map<String, String> set = new LinkedHashMap<>();
    for (String c : schema.fieldNames()) {
      set.put(c, "s." + c);
    }
    DeltaTable.forPath(spark, path)
        .as("t")
        .merge(
            source.as("s"),
            onlyMonitorsOf(data, schema)
                .and(org.apache.spark.sql.functions.expr(keyCondition(key))))
        .whenMatched(changedCondition(schema, key))
        .updateExpr(set)
        .whenNotMatched()
        .insertExpr(set)
        .execute();
    LOG.info("merged {} rows into {}", data.size(), path);
  }

  /**
   * Creates the empty table unless it has a commit; every write of rows is then a MERGE, whose
   * conflicts Delta detects. Two pitfalls avoided here, both seen with concurrent writers: a first
   * write of the rows by plain append duplicates them when another process created the table
   * meanwhile (this process's Delta log cache still says "no table", so nothing conflicts); and
   * {@code CREATE TABLE IF NOT EXISTS} takes a bare {@code _delta_log} directory (another writer's
   * creation in progress, or one killed mid-way) for an existing table and creates nothing. An
   * append of zero rows has neither problem: it creates the table, or adds nothing to an existing
   * one; two racing creators conflict and the loser is retried ({@link DeltaRetry}). New tables are
   * partitioned by monitor, so concurrent runs of different monitors never conflict (Delta checks a
   * MERGE's reads against other commits' files by partition); older, unpartitioned tables work as
   * before.
   */
  private void createIfMissing(String path, org.apache.spark.sql.types.StructType schema) {
    if (hasCommits(path)) {
      return;
    }
    forgetCachedLog(path);
    spark
        .createDataFrame(List.of(), schema)
        .write()
        .format("delta")
        .mode("append")
        .partitionBy("monitor")
        .save(path);
    forgetCachedLog(path);
    LOG.info("created {}", path);
  }

  boolean hasCommits(String path) {
    return DeltaRetry.hasCommits(spark, path);
  }

  private void forgetCachedLog(String path) {
    DeltaRetry.forgetCachedLog(spark, path);
  }

  /**
   * {@code t.monitor IN (the source's monitors)}: limits what the MERGE reads to those monitors'
   * partitions.
   */
  static org.apache.spark.sql.Column onlyMonitorsOf(
      List<Row> data, org.apache.spark.sql.types.StructType schema) {
    int m = schema.fieldIndex("monitor");
    Object[] monitors = data.stream().map(r -> r.get(m)).distinct().toArray();
    return org.apache.spark.sql.functions.col("t.monitor").isin(monitors);
  }

  /**
   * Adds the columns a table written by an earlier Vigil version lacks (e.g. {@code
   * results.chunk_complete}), null in its old rows: the migration is a metadata-only ALTER TABLE.
   */
  private void addMissingColumns(String path, org.apache.spark.sql.types.StructType schema) {
    List<String> existing = List.of(spark.read().format("delta").load(path).schema().fieldNames());
    String previous = null;
    for (StructField f : schema.fields()) {
      if (!existing.contains(f.name())) {
        spark.sql(
            "ALTER TABLE delta.`"
                + path.replace("`", "``")
                + "` ADD COLUMNS ("
                + dev.vigil.internal.Sql.quote(f.name())
                + " "
                + f.dataType().sql()
                + (previous == null ? " FIRST" : " AFTER " + dev.vigil.internal.Sql.quote(previous))
                + ")");
        LOG.info("added column {} to {}", f.name(), path);
      }
      previous = f.name();
    }
  }

  /**
   * Whether {@code results} holds each of the monitor's analysis chunks as complete, by chunk key.
   */
  public Map<String, Boolean> chunkCompleteness(String monitor) {
    String path = tablePath("results");
    Map<String, Boolean> out = new java.util.HashMap<>();
    if (!hasCommits(path)) {
      return out;
    }
    Dataset<Row> results = spark.read().format("delta").load(path);
    if (!List.of(results.columns()).contains("chunk_complete")) {
      return out;
    }
    for (Row r :
        results
            .where(
                org.apache
                    .spark
                    .sql
                    .functions
                    .col("monitor")
                    .equalTo(monitor)
                    .and(org.apache.spark.sql.functions.col("period").equalTo("analysis"))
                    .and(org.apache.spark.sql.functions.col("chunk_complete").isNotNull()))
            .groupBy("chunk_key")
            .agg(
                org.apache.spark.sql.functions.bool_and(
                    org.apache.spark.sql.functions.col("chunk_complete")))
            .collectAsList()) {
      out.put(r.getString(0), r.getBoolean(1));
    }
    return out;
  }

  static String keyCondition(List<String> key) {
    List<String> parts = new ArrayList<>();
    for (String k : key) {
      parts.add("t." + k + " <=> s." + k);
    }
    return String.join(" AND ", parts);
  }

  /** True when any non-key, non-run column differs. */
  static String changedCondition(org.apache.spark.sql.types.StructType schema, List<String> key) {
    List<String> same = new ArrayList<>();
    for (StructField f : schema.fields()) {
      String c = f.name();
      if (key.contains(c) || ResultSchema.RUN_COLUMNS.contains(c)) {
        continue;
      }
      if (f.dataType().equals(DataTypes.DoubleType)) {
        same.add(
            "(t."
                + c
                + " <=> s."
                + c
                + " OR coalesce(abs(t."
                + c
                + " - s."
                + c
                + ") <= "
                + SAME_VALUE_TOLERANCE
                + " * greatest(abs(t."
                + c
                + "), abs(s."
                + c
                + ")), false))");
      } else {
        same.add("t." + c + " <=> s." + c);
      }
    }
    return "NOT (" + String.join(" AND ", same) + ")";
  }

  /**
   * The result keys of the alerts already sent to {@code destination} for the monitor (a small
   * table).
   */
  public java.util.Set<List<Object>> sentAlerts(String monitor, String destination) {
    String path = tablePath("alerts");
    java.util.Set<List<Object>> out = new java.util.HashSet<>();
    if (!hasCommits(path)) {
      return out;
    }
    for (Row r :
        spark
            .read()
            .format("delta")
            .load(path)
            .where(
                org.apache
                    .spark
                    .sql
                    .functions
                    .col("monitor")
                    .equalTo(monitor)
                    .and(org.apache.spark.sql.functions.col("destination").equalTo(destination)))
            .select("calculator", "metric", "column_name", "segment", "period", "chunk_key")
            .collectAsList()) {
      out.add(java.util.Arrays.asList(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5)));
    }
    return out;
  }

  /** Records alerts as sent ({@link ResultSchema#ALERTS} rows). */
  public void appendSentAlerts(List<Row> rows) {
    if (!rows.isEmpty()) {
      DeltaRetry.run(
          "append to " + tablePath("alerts"),
          () ->
              spark
                  .createDataFrame(rows, ResultSchema.ALERTS)
                  .write()
                  .format("delta")
                  .mode("append")
                  .save(tablePath("alerts")),
          () -> forgetCachedLog(tablePath("alerts")));
    }
  }

  public void appendRun(Row run) {
    DeltaRetry.run(
        "append to " + tablePath("runs"),
        () ->
            spark
                .createDataFrame(List.of(run), ResultSchema.RUNS)
                .write()
                .format("delta")
                .mode("append")
                .save(tablePath("runs")),
        () -> forgetCachedLog(tablePath("runs")));
  }
}
