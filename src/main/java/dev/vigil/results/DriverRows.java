package dev.vigil.results;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Rows made on the driver (result rows, a reference profile's blob, chunk states) as a DataFrame to
 * write, without putting them inside Spark's tasks. {@code createDataFrame(List<Row>)} is a local
 * relation: Spark parallelizes its rows into the partitions themselves, so each task of the write
 * carries its slice (a fit's 7 MB profile made a 7 MB task: "Stage 14 contains a task of very large
 * size", every task sent from the driver to an executor through the scheduler). Above {@link
 * #BROADCAST_ABOVE_BYTES}, the rows go once to each executor as a broadcast variable (in blocks,
 * through the block manager) and the tasks carry only a slice number; smaller sets stay a local
 * relation (exact statistics for Delta's joins, no broadcast to clean up). The slices are those
 * Spark's local relation makes (as many as the default parallelism, at most one per row,
 * contiguous), so the written files are cut the same way. Each slice is broadcast in pieces of at
 * most {@link #PIECE_ROWS} rows, each its own broadcast variable: Java serialization keeps a handle
 * for every object it wrote until its stream ends, and one stream of 2.5M result rows (a segmented
 * run's) ran a 2 GiB driver out of heap in that table alone. {@link #close} destroys the broadcasts
 * once the write is done.
 */
final class DriverRows implements AutoCloseable {
    /**
     * Rough size (the values' bytes) above which the rows are broadcast: well under Spark's 1000 KiB
     * recommended task size even when they all fall into one task.
     */
    static final long BROADCAST_ABOVE_BYTES = 256 * 1024;

    /** Rows a broadcast variable carries at most (one serialization stream each). */
    static final int PIECE_ROWS = 20_000;

    private final Dataset<Row> frame;
    private final List<? extends Broadcast<?>> broadcasts;

    private DriverRows(Dataset<Row> frame, List<? extends Broadcast<?>> broadcasts) {
        this.frame = frame;
        this.broadcasts = broadcasts;
    }

    static DriverRows of(SparkSession spark, List<Row> rows, StructType schema) {
        if (rows.isEmpty() || bytes(rows, BROADCAST_ABOVE_BYTES) <= BROADCAST_ABOVE_BYTES) {
            return new DriverRows(spark.createDataFrame(rows, schema), null);
        }
        if (rows instanceof RowView<?> view) {
            return broadcast(spark, view, schema);
        }
        return broadcast(spark, RowView.<Row>of(rows, r -> r), schema);
    }

    /** The view's values broadcast in slices and pieces, each row made in the task reading it. */
    private static <T extends Serializable> DriverRows broadcast(
            SparkSession spark, RowView<T> view, StructType schema) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<T> values = view.values();
        Function<T, Row> toRow = view.toRow();
        int n = Math.min(values.size(), Math.max(1, jsc.defaultParallelism()));
        List<Broadcast<List<T>>> all = new ArrayList<>();
        List<List<Broadcast<List<T>>>> slices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int from = (int) ((long) i * values.size() / n);
            int to = (int) ((long) (i + 1) * values.size() / n);
            List<Broadcast<List<T>>> pieces = new ArrayList<>();
            for (int p = from; p < to; p += PIECE_ROWS) {
                Broadcast<List<T>> b = jsc.broadcast(new ArrayList<>(values.subList(p, Math.min(to, p + PIECE_ROWS))));
                pieces.add(b);
                all.add(b);
            }
            slices.add(pieces);
        }
        FlatMapFunction<Integer, Row> slice = i -> slices.get(i).stream()
                .flatMap(b -> b.value().stream())
                .map(v -> RowView.row(toRow, v))
                .iterator();
        JavaRDD<Row> rdd =
                jsc.parallelize(IntStream.range(0, n).boxed().toList(), n).flatMap(slice);
        return new DriverRows(spark.createDataFrame(rdd, schema), all);
    }

    /** The rows as a DataFrame of the schema (valid until {@link #close}). */
    Dataset<Row> frame() {
        return frame;
    }

    /** Whether the rows travel as a broadcast variable (else inside the tasks, being small). */
    boolean broadcast() {
        return broadcasts != null;
    }

    /** The broadcast variables the rows travel in (0 when they stay a local relation). */
    int pieces() {
        return broadcasts == null ? 0 : broadcasts.size();
    }

    @Override
    public void close() {
        if (broadcasts != null) {
            broadcasts.forEach(Broadcast::destroy);
        }
    }

    /** The values' bytes, roughly: binary and text by length, anything else 8 bytes. */
    static long bytes(List<Row> rows) {
        return bytes(rows, Long.MAX_VALUE);
    }

    /**
     * {@link #bytes}, stopping at the first row that takes the total above {@code enough} (a view's
     * rows are each made to be measured: 2.5M result rows need not all be made to know they are many).
     */
    static long bytes(List<Row> rows, long enough) {
        long total = 0;
        for (Row r : rows) {
            if (total > enough) {
                break;
            }
            for (int i = 0; i < r.length(); i++) {
                Object v = r.get(i);
                if (v instanceof byte[] b) {
                    total += b.length;
                } else if (v instanceof CharSequence s) {
                    total += s.length();
                } else {
                    total += 8;
                }
            }
        }
        return total;
    }
}
