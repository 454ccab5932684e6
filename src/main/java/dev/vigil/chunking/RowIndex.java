package dev.vigil.chunking;

import static org.apache.spark.sql.functions.*;

import dev.vigil.io.ColumnNames;
import dev.vigil.scan.Scanner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every row its position in the dataset's order, as NannyML's positional chunk indices need:
 * input order (partition by partition), or timestamp order when a timestamp column is configured
 * (NannyML sorts by it).
 *
 * <p>One cheap job cuts each input partition into ascending runs of timestamps, also cutting where
 * the input file changes (a partition may hold the tails of several files; a time-ordered table
 * gives one run per file split). When the runs, taken by first timestamp, do not overlap, the
 * timestamp order is known without sorting: a row's position is its run's offset plus its place in
 * the run. Only otherwise (unordered input, or null timestamps) does Vigil sort the data (nulls
 * last, ties in input order), which costs a shuffle.
 */
final class RowIndex {
    private static final Logger LOG = LoggerFactory.getLogger(RowIndex.class);
    private static final long LOW_33_BITS = (1L << 33) - 1;

    /** More ascending runs than this means the input is not time-ordered: sort instead. */
    static final int MAX_RUNS = 100_000;

    /**
     * The frame with {@link dev.vigil.scan.Scanner#ROW}, its row count, and whether Vigil had to sort
     * it.
     */
    record Indexed(Dataset<Row> frame, long rows, boolean sorted, long withoutTimestamp) {}

    /**
     * A maximal ascending stretch of rows inside one partition: {@code [start, start+count)} in the
     * partition; {@code nulls} counts the partition's rows without a timestamp (on its last run, 0
     * on the others).
     */
    record Run(int partition, long start, long count, long min, long max, long nulls) {}

    private RowIndex() {}

    static Indexed add(Dataset<Row> df, String timestamp, String what) {
        List<Run> runs = runs(df, timestamp);
        long withoutTimestamp = runs.stream().mapToLong(Run::nulls).sum();
        boolean sorted = false;
        if (timestamp != null && !inTimestampOrder(runs)) {
            LOG.info(
                    "{}: rows are not in timestamp order; sorting by '{}' (nulls last) before chunking",
                    what,
                    timestamp);
            df = df.withColumn("_input_pos", monotonically_increasing_id())
                    .orderBy(ColumnNames.column(timestamp).asc_nulls_last(), col("_input_pos"))
                    .drop("_input_pos")
                    .persist(StorageLevel.MEMORY_AND_DISK());
            runs = runs(df, null);
            sorted = true;
        }
        // per partition: run starts and the global offset of each run
        int partitions = runs.stream().mapToInt(r -> r.partition() + 1).max().orElse(0);
        List<List<Run>> byPartition = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            byPartition.add(new ArrayList<>());
        }
        runs.forEach(r -> byPartition.get(r.partition()).add(r));
        List<Run> ordered = new ArrayList<>(runs);
        if (timestamp != null && !sorted) {
            ordered.sort(Comparator.comparingLong(Run::min)
                    .thenComparingInt(Run::partition)
                    .thenComparingLong(Run::start));
        }
        Map<Run, Long> offsetOf = new HashMap<>();
        long acc = 0;
        for (Run r : ordered) {
            offsetOf.put(r, acc);
            acc += r.count();
        }
        long[][] starts = new long[partitions][];
        long[][] offsets = new long[partitions][];
        for (int p = 0; p < partitions; p++) {
            List<Run> rs = byPartition.get(p);
            starts[p] = rs.stream().mapToLong(Run::start).toArray();
            offsets[p] = rs.stream().mapToLong(offsetOf::get).toArray();
        }
        UDF2<Integer, Long, Long> position = (pid, mid) -> {
            long pos = mid & LOW_33_BITS;
            long[] s = starts[pid];
            int i = Arrays.binarySearch(s, pos);
            if (i < 0) {
                i = -i - 2;
            }
            return offsets[pid][i] + (pos - s[i]);
        };
        Column row = udf(position, DataTypes.LongType).apply(spark_partition_id(), monotonically_increasing_id());
        return new Indexed(df.withColumn(Scanner.ROW, row), acc, sorted, withoutTimestamp);
    }

    /**
     * The ascending runs of every partition (one job). Without a timestamp each partition is one run.
     * A null timestamp, or more than {@link #MAX_RUNS} runs, gives a single run with min > max: "not
     * in order".
     */
    static List<Run> runs(Dataset<Row> df, String timestamp) {
        Column ts = timestamp == null ? lit(null).cast(DataTypes.LongType) : unix_micros(ColumnNames.column(timestamp));
        boolean useTime = timestamp != null;
        // which file split a row comes from, as one long (no string per row)
        Column file = useTime ? xxhash64(input_file_name(), input_file_block_start()) : lit(0L);
        Function2<Integer, Iterator<InternalRow>, Iterator<long[]>> scan = (pid, it) -> {
            List<long[]> out = new ArrayList<>();
            long pos = 0;
            long start = 0;
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            boolean broken = false;
            long currentFile = 0;
            long nulls = 0;
            while (it.hasNext()) {
                InternalRow r = it.next();
                if (useTime && r.isNullAt(0)) {
                    nulls++;
                }
                if (useTime && !broken) {
                    if (r.isNullAt(0)) {
                        broken = true;
                    } else {
                        long t = r.getLong(0);
                        long f = r.getLong(1);
                        boolean newFile = pos > 0 && currentFile != f;
                        currentFile = f;
                        if (pos > start && (t < hi || newFile)) {
                            out.add(new long[] {pid, start, pos - start, lo, hi, 0});
                            start = pos;
                            lo = Long.MAX_VALUE;
                            hi = Long.MIN_VALUE;
                            broken = out.size() > MAX_RUNS;
                        }
                        lo = Math.min(lo, t);
                        hi = Math.max(hi, t);
                    }
                }
                pos++;
            }
            if (broken) {
                return List.of(new long[] {pid, 0, pos, 1, 0, nulls}).iterator();
            }
            if (pos > start || out.isEmpty()) {
                out.add(new long[] {pid, start, pos - start, lo, hi, 0});
            }
            out.get(out.size() - 1)[5] = nulls;
            return out.iterator();
        };
        List<Run> runs = new ArrayList<>();
        for (long[] r : df.select(ts, file)
                .queryExecution()
                .toRdd()
                .toJavaRDD()
                .mapPartitionsWithIndex(scan, true)
                .collect()) {
            runs.add(new Run((int) r[0], r[1], r[2], r[3], r[4], r[5]));
        }
        runs.sort(Comparator.comparingInt(Run::partition).thenComparingLong(Run::start));
        return runs;
    }

    /** True when no run is broken and the non-empty runs, by first timestamp, do not overlap. */
    static boolean inTimestampOrder(List<Run> runs) {
        List<Run> nonEmpty =
                new ArrayList<>(runs.stream().filter(r -> r.count() > 0).toList());
        if (nonEmpty.stream().anyMatch(r -> r.min() > r.max())) {
            return false;
        }
        nonEmpty.sort(Comparator.comparingLong(Run::min));
        long prevMax = Long.MIN_VALUE;
        for (Run r : nonEmpty) {
            if (r.min() < prevMax) {
                return false;
            }
            prevMax = r.max();
        }
        return true;
    }
}
