package dev.vigil.results;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
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
 * contiguous), so the written files are cut the same way. {@link #close} destroys the broadcast once
 * the write is done.
 */
final class DriverRows implements AutoCloseable {
    /**
     * Rough size (the values' bytes) above which the rows are broadcast: well under Spark's 1000 KiB
     * recommended task size even when they all fall into one task.
     */
    static final long BROADCAST_ABOVE_BYTES = 256 * 1024;

    private final Dataset<Row> frame;
    private final Broadcast<List<List<Row>>> broadcast;

    private DriverRows(Dataset<Row> frame, Broadcast<List<List<Row>>> broadcast) {
        this.frame = frame;
        this.broadcast = broadcast;
    }

    static DriverRows of(SparkSession spark, List<Row> rows, StructType schema) {
        if (rows.isEmpty() || bytes(rows) <= BROADCAST_ABOVE_BYTES) {
            return new DriverRows(spark.createDataFrame(rows, schema), null);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int n = Math.min(rows.size(), Math.max(1, jsc.defaultParallelism()));
        List<List<Row>> slices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int from = (int) ((long) i * rows.size() / n);
            int to = (int) ((long) (i + 1) * rows.size() / n);
            slices.add(new ArrayList<>(rows.subList(from, to)));
        }
        Broadcast<List<List<Row>>> b = jsc.broadcast(slices);
        FlatMapFunction<Integer, Row> slice = i -> b.value().get(i).iterator();
        JavaRDD<Row> rdd =
                jsc.parallelize(IntStream.range(0, n).boxed().toList(), n).flatMap(slice);
        return new DriverRows(spark.createDataFrame(rdd, schema), b);
    }

    /** The rows as a DataFrame of the schema (valid until {@link #close}). */
    Dataset<Row> frame() {
        return frame;
    }

    /** Whether the rows travel as a broadcast variable (else inside the tasks, being small). */
    boolean broadcast() {
        return broadcast != null;
    }

    @Override
    public void close() {
        if (broadcast != null) {
            broadcast.destroy();
        }
    }

    /** The values' bytes, roughly: binary and text by length, anything else 8 bytes. */
    static long bytes(List<Row> rows) {
        long total = 0;
        for (Row r : rows) {
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
