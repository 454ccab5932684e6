package dev.vigil.results;

import static org.apache.spark.sql.functions.bool_and;
import static org.apache.spark.sql.functions.col;

import dev.vigil.config.OutputConfig;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * A run's writes: {@code results} and {@code distributions} MERGEd on their keys ({@link
 * DeltaMerge}: a rerun with unchanged values leaves the rows as they are), one appended row in
 * {@code runs} per run, the alerts sent appended to {@code alerts}; and what a run reads back of
 * them (the chunks stored as complete, the alerts already sent).
 */
public final class DeltaResultSink {
    private final DeltaTables tables;

    public DeltaResultSink(SparkSession spark, OutputConfig output) {
        this.tables = new DeltaTables(spark, output);
    }

    public DeltaTables tables() {
        return tables;
    }

    /** Where the table is, for people: its directory or its catalog name. */
    public String address(OutputTable table) {
        return tables.address(table);
    }

    /** Before a run: the schema and the tables, when they are catalog tables ({@link DeltaTables#prepare}). */
    public void prepare() {
        tables.prepare();
    }

    public void mergeResults(List<ResultRow> rows) {
        // a view: each row made when read (in the write's tasks when the rows are broadcast), not a
        // second copy of every result row on the driver
        tables.merge(OutputTables.RESULTS, RowView.of(rows, DeltaResultSink::row));
    }

    private static Row row(ResultRow r) {
        return RowFactory.create(r.values());
    }

    /** MERGEs rows of {@code distributions} (in its column order) the same way. */
    public void mergeDistributions(List<Row> rows) {
        if (!rows.isEmpty()) {
            tables.merge(OutputTables.DISTRIBUTIONS, rows);
        }
    }

    /**
     * Whether {@code results} holds each of the monitor's analysis chunks as complete, by chunk key.
     */
    public Map<String, Boolean> chunkCompleteness(String monitor) {
        Map<String, Boolean> out = new HashMap<>();
        Dataset<Row> results = tables.ofMonitor(OutputTables.RESULTS, monitor);
        if (results == null || !List.of(results.columns()).contains("chunk_complete")) {
            return out;
        }
        for (Row r : results.where(col("period")
                        .equalTo("analysis")
                        .and(col("chunk_complete").isNotNull()))
                .groupBy("chunk_key")
                .agg(bool_and(col("chunk_complete")))
                .collectAsList()) {
            out.put(r.getString(0), r.getBoolean(1));
        }
        return out;
    }

    /**
     * The result keys of the alerts already sent to {@code destination} for the monitor (a small
     * table).
     */
    public Set<List<Object>> sentAlerts(String monitor, String destination) {
        Set<List<Object>> out = new HashSet<>();
        Dataset<Row> sent = tables.ofMonitor(OutputTables.ALERTS, monitor);
        if (sent == null) {
            return out;
        }
        for (Row r : sent.where(col("destination").equalTo(destination))
                .select("calculator", "metric", "column_name", "segment", "period", "chunk_key")
                .collectAsList()) {
            out.add(Arrays.asList(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5)));
        }
        return out;
    }

    /**
     * The monitor's analysis results, as alerted or not per series (calculator, metric, column,
     * segment) and chunk index: what a persistence rule looks back on (the results table holds every
     * chunk, incremental runs' included).
     */
    public Map<List<Object>, NavigableMap<Integer, Boolean>> analysisAlertHistory(String monitor) {
        Map<List<Object>, NavigableMap<Integer, Boolean>> out = new HashMap<>();
        Dataset<Row> results = tables.ofMonitor(OutputTables.RESULTS, monitor);
        if (results == null) {
            return out;
        }
        for (Row r : results.where(col("period").equalTo("analysis"))
                .select("calculator", "metric", "column_name", "segment", "chunk_index", "alert")
                .collectAsList()) {
            out.computeIfAbsent(Arrays.asList(r.get(0), r.get(1), r.get(2), r.get(3)), k -> new TreeMap<>())
                    .put(r.getInt(4), r.getBoolean(5));
        }
        return out;
    }

    /** Records alerts as sent ({@code alerts} rows). */
    public void appendSentAlerts(List<Row> rows) {
        if (!rows.isEmpty()) {
            tables.append(OutputTables.ALERTS, rows);
        }
    }

    public void appendRun(Row run) {
        tables.append(OutputTables.RUNS, List.of(run));
    }
}
