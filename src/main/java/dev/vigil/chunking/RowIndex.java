package dev.vigil.chunking;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every row its position in the dataset's order, as NannyML's positional chunk indices need: input order,
 * or timestamp order when a timestamp column is configured (NannyML sorts by it). One cheap job counts the rows
 * of each input partition and checks whether the input is already in timestamp order; only when it is not does
 * Vigil sort (nulls last, ties in input order).
 */
final class RowIndex {
  private static final Logger LOG = LoggerFactory.getLogger(RowIndex.class);
  private static final long LOW_33_BITS = (1L << 33) - 1;

  /** The frame with {@link dev.vigil.scan.Scanner#ROW}, and its row count. */
  record Indexed(Dataset<Row> frame, long rows, boolean sorted) {}

  private RowIndex() {}

  static Indexed add(Dataset<Row> df, String timestamp, String what) {
    PartitionStats stats = PartitionStats.of(df, timestamp);
    Dataset<Row> frame = df;
    boolean sorted = false;
    if (timestamp != null && !stats.inTimestampOrder()) {
      LOG.info("{}: rows are not in timestamp order; sorting by '{}' (nulls last) before chunking", what, timestamp);
      frame = df.withColumn("_input_pos", monotonically_increasing_id())
          .orderBy(col(timestamp).asc_nulls_last(), col("_input_pos"))
          .drop("_input_pos")
          .persist(StorageLevel.MEMORY_AND_DISK());
      stats = PartitionStats.of(frame, null);
      sorted = true;
    }
    long[] offsets = stats.offsets();
    UDF2<Integer, Long, Long> position = (pid, mid) -> offsets[pid] + (mid & LOW_33_BITS);
    Column row = udf(position, DataTypes.LongType).apply(spark_partition_id(), monotonically_increasing_id());
    return new Indexed(frame.withColumn(dev.vigil.scan.Scanner.ROW, row), stats.total(), sorted);
  }

  /** Per input partition: row count, and whether its timestamps are non-null and ascending, with their range. */
  record PartitionStats(long[] counts, long[] minTs, long[] maxTs, boolean[] ordered) {
    static PartitionStats of(Dataset<Row> df, String timestamp) {
      Column ts = timestamp == null ? lit(null).cast(DataTypes.LongType) : unix_micros(col(timestamp));
      Function2<Integer, Iterator<Row>, Iterator<long[]>> scan = (pid, it) -> {
        long n = 0;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        long prev = Long.MIN_VALUE;
        boolean ordered = true;
        while (it.hasNext()) {
          Row r = it.next();
          n++;
          if (r.isNullAt(0)) {
            ordered = false;
            continue;
          }
          long t = r.getLong(0);
          ordered &= t >= prev;
          prev = t;
          lo = Math.min(lo, t);
          hi = Math.max(hi, t);
        }
        return List.of(new long[] {pid, n, lo, hi, ordered ? 1 : 0}).iterator();
      };
      List<long[]> parts = df.select(ts).javaRDD().mapPartitionsWithIndex(scan, true).collect();
      int np = parts.stream().mapToInt(p -> (int) p[0] + 1).max().orElse(0);
      long[] counts = new long[np];
      long[] mins = new long[np];
      long[] maxs = new long[np];
      boolean[] ordered = new boolean[np];
      for (long[] p : parts) {
        int i = (int) p[0];
        counts[i] = p[1];
        mins[i] = p[2];
        maxs[i] = p[3];
        ordered[i] = p[4] == 1;
      }
      return new PartitionStats(counts, mins, maxs, ordered);
    }

    long total() {
      long t = 0;
      for (long c : counts) {
        t += c;
      }
      return t;
    }

    long[] offsets() {
      long[] off = new long[counts.length];
      for (int i = 1; i < counts.length; i++) {
        off[i] = off[i - 1] + counts[i - 1];
      }
      return off;
    }

    boolean inTimestampOrder() {
      long prevMax = Long.MIN_VALUE;
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == 0) {
          continue;
        }
        if (!ordered[i] || minTs[i] < prevMax) {
          return false;
        }
        prevMax = maxTs[i];
      }
      return true;
    }
  }

}
