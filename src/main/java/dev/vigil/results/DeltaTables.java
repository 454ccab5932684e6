package dev.vigil.results;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Delta tables of one output directory, written and read by their {@link OutputTable}
 * declarations: MERGEd ({@link DeltaMerge}), appended, or a monitor's rows replaced in one commit.
 * Every write is retried when it loses a race with another writer ({@link DeltaRetry}).
 */
public final class DeltaTables {
    private final SparkSession spark;
    private final String output;

    public DeltaTables(SparkSession spark, String output) {
        this.spark = spark;
        this.output = output.replaceAll("/+$", "");
    }

    public SparkSession spark() {
        return spark;
    }

    /** The output directory, without a trailing slash. */
    public String output() {
        return output;
    }

    public String path(OutputTable table) {
        return table.path(output);
    }

    /** Whether the table has a commit (from a listing of its log: see {@link DeltaRetry}). */
    public boolean exists(OutputTable table) {
        return DeltaRetry.hasCommits(spark, path(table));
    }

    /** The whole table (which must exist). */
    public Dataset<Row> read(OutputTable table) {
        return spark.read().format("delta").load(path(table));
    }

    /** The table's rows where {@code where} holds, or null when the table has no commit yet. */
    public Dataset<Row> readWhere(OutputTable table, Column where) {
        return exists(table) ? read(table).where(where) : null;
    }

    /** One monitor's rows, or null when the table has no commit yet. */
    public Dataset<Row> ofMonitor(OutputTable table, String monitor) {
        return readWhere(table, col("monitor").equalTo(monitor));
    }

    /** MERGEs rows (in the table's column order) on the table's key. */
    public void merge(OutputTable table, List<Row> rows) {
        new DeltaMerge(spark).merge(table, path(table), rows);
    }

    /** Appends rows (in the table's column order); creates the table when it has none. */
    public void append(OutputTable table, List<Row> rows) {
        String path = path(table);
        DeltaRetry.run(
                "append to " + path,
                () -> {
                    try (DriverRows data = DriverRows.of(spark, rows, table.schema())) {
                        DataFrameWriter<Row> w = data.frame()
                                .write()
                                .format("delta")
                                // a table an earlier version created gains the columns added since
                                .option("mergeSchema", "true")
                                .mode("append");
                        if (!table.partitionBy().isEmpty()) {
                            w = w.partitionBy(table.partitionBy().toArray(String[]::new));
                        }
                        w.save(path);
                    }
                },
                () -> DeltaRetry.forgetCachedLog(spark, path));
    }

    /**
     * Replaces the rows where {@code where} (a SQL predicate) holds with {@code rows}, one commit.
     */
    public void replace(OutputTable table, String where, List<Row> rows) {
        DeltaRetry.replaceWhere(spark, path(table), table.schema(), where, rows);
    }

    /** Drops this process's cached view of the table's log. */
    public void forgetCachedLog(OutputTable table) {
        DeltaRetry.forgetCachedLog(spark, path(table));
    }
}
