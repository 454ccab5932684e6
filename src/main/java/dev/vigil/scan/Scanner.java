package dev.vigil.scan;

import static org.apache.spark.sql.functions.*;

import dev.vigil.stats.ColumnState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that aggregates data. One {@link #scan} is one Spark aggregation: {@code groupBy(_segment,
 * _chunk)} with one {@link ScanAggregator} holding every requested state of every column, plus the chunk's row
 * count and row/timestamp ranges. Its cost in Spark jobs does not depend on the number of columns or chunks.
 * Segments need no extra pass: each row is emitted once for the whole population and once per segment column.
 */
public final class Scanner {
  /** Column holding the chunker's group id (long; null = the row is in no chunk). */
  public static final String CHUNK = "_chunk";
  /** Column holding the row's position in its dataset's order (long), when the chunker made one. */
  public static final String ROW = "_row";
  static final String SEGMENT = "_segment";
  private static final Logger LOG = LoggerFactory.getLogger(Scanner.class);

  private final String timestamp;
  private final List<String> segments;

  /**
   * @param timestamp the timestamp column (null if none): its min and max per chunk are collected
   * @param segments segment columns (may be empty)
   */
  public Scanner(String timestamp, List<String> segments) {
    this.timestamp = timestamp;
    this.segments = List.copyOf(segments);
  }

  public List<ChunkStates> scan(Dataset<Row> chunked, List<StateSpec> requested, String what) {
    List<StateSpec> specs = new ArrayList<>(new LinkedHashSet<>(requested));
    // one input field per (column, kind); field 0 is the segment
    Map<String, Integer> fieldOf = new LinkedHashMap<>();
    List<Column> inputs = new ArrayList<>();
    List<StructField> fields = new ArrayList<>();
    inputs.add(col(SEGMENT));
    fields.add(DataTypes.createStructField(SEGMENT, DataTypes.StringType, true));
    int[] field = new int[specs.size()];
    for (int i = 0; i < specs.size(); i++) {
      StateSpec s = specs.get(i);
      String key = s.column() + "\u0000" + s.input();
      Integer f = fieldOf.get(key);
      if (f == null) {
        f = inputs.size();
        fieldOf.put(key, f);
        boolean numeric = s.input() == StateSpec.Input.NUMERIC;
        inputs.add(col(s.column()).cast(numeric ? DataTypes.DoubleType : DataTypes.StringType));
        fields.add(DataTypes.createStructField("_in" + f, numeric ? DataTypes.DoubleType : DataTypes.StringType, true));
      }
      field[i] = f;
    }
    StructType inputSchema = DataTypes.createStructType(fields);
    Column states = udaf(new ScanAggregator(specs, field), Encoders.row(inputSchema)).apply(inputs.toArray(Column[]::new));

    boolean hasRow = List.of(chunked.columns()).contains(ROW);
    Column time = timestamp == null ? lit(null).cast(DataTypes.TimestampType) : col(timestamp);
    Column rowPos = hasRow ? col(ROW) : lit(null).cast(DataTypes.LongType);
    Dataset<Row> rows = chunked.withColumn(SEGMENT, segmentColumn());
    long start = System.nanoTime();
    List<Row> groups = rows.groupBy(col(SEGMENT), col(CHUNK))
        .agg(count(lit(1)).as("rows"), min(rowPos).as("min_row"), max(rowPos).as("max_row"),
            min(time).as("min_time"), max(time).as("max_time"), states.as("states"))
        .collectAsList();
    LOG.info("scanned {}: {} states over {} (segment, chunk) groups in {} s", what, specs.size(), groups.size(),
        String.format("%.1f", (System.nanoTime() - start) / 1e9));

    List<ChunkStates> out = new ArrayList<>();
    for (Row g : groups) {
      ColumnState[] decoded = decode((byte[]) g.get(7));
      Map<StateSpec, ColumnState> byspec = new LinkedHashMap<>();
      for (int i = 0; i < specs.size(); i++) {
        byspec.put(specs.get(i), decoded == null ? specs.get(i).newState(g.getString(0)) : decoded[i]);
      }
      out.add(new ChunkStates(g.getString(0), g.isNullAt(1) ? null : g.getLong(1), g.getLong(2),
          g.isNullAt(3) ? null : g.getLong(3), g.isNullAt(4) ? null : g.getLong(4),
          (Timestamp) g.get(5), (Timestamp) g.get(6), byspec));
    }
    return out;
  }

  private Column segmentColumn() {
    if (segments.isEmpty()) {
      return lit(null).cast(DataTypes.StringType);
    }
    List<Column> values = new ArrayList<>();
    values.add(lit(null).cast(DataTypes.StringType));
    for (String s : segments) {
      values.add(concat(lit(s + "="), coalesce(col(s).cast(DataTypes.StringType), lit("null"))));
    }
    return explode(array(values.toArray(Column[]::new)));
  }

  private static ColumnState[] decode(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (ColumnState[]) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot decode scan states", e);
    }
  }
}
