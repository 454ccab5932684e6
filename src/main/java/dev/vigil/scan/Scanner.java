package dev.vigil.scan;

import static org.apache.spark.sql.functions.*;

import dev.vigil.calculators.ChunkStates;
import dev.vigil.config.Segmentation;
import dev.vigil.internal.Errors;
import dev.vigil.internal.UserException;
import dev.vigil.io.ColumnNames;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.RowSpec;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateLimits;
import dev.vigil.stats.StateSpec;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The only code that aggregates data. One {@link #scan} is one Spark job: each partition folds its
 * rows into one {@link GroupState} per (segment, chunk) — every requested state of every column,
 * plus the group's row count and row/timestamp ranges — and a {@code reduceByKey} merges the
 * partitions' states. Its cost in Spark jobs does not depend on the number of columns or chunks.
 * Segments need no extra pass: each row updates the whole population's group, one group per
 * segment entry (a column or a cross of columns, its value mapped through {@link SegmentValues})
 * and one per predicate slice it satisfies (the slice's expression is a boolean column of the
 * projection the scan reads, so it is evaluated in the same pass). Only the merged states reach the
 * driver.
 */
public final class Scanner {
    /** Column holding the chunker's group id (long; null = the row is in no chunk). */
    public static final String CHUNK = "_chunk";

    /** Column holding the row's position in its dataset's order (long), when the chunker made one. */
    public static final String ROW = "_row";

    private static final Logger LOG = LoggerFactory.getLogger(Scanner.class);

    private final String timestamp;
    private final Segmentation segmentation;
    private final SegmentValues values;
    private final StateLimits limits;

    /** What {@link #report} has logged already (dataset, kind, column). */
    private final Set<String> reported = new HashSet<>();

    /**
     * @param timestamp the timestamp column (null if none): its min and max per chunk are collected
     * @param segments segment columns (may be empty), each its own entry, every value kept
     */
    public Scanner(String timestamp, List<String> segments) {
        this(timestamp, Segmentation.of(segments), SegmentValues.all());
    }

    /**
     * @param timestamp the timestamp column (null if none)
     * @param segmentation the segment entries and predicate slices
     * @param values the values of each entry that keep their own group (the rest: {@link
     *     Segmentation#OTHER})
     */
    public Scanner(String timestamp, Segmentation segmentation, SegmentValues values) {
        this(timestamp, segmentation, values, StateLimits.DEFAULTS);
    }

    /**
     * @param limits how much each chunk state keeps exactly ({@code columns.max_exact_values},
     *     {@code columns.max_exact_categories})
     */
    public Scanner(String timestamp, Segmentation segmentation, SegmentValues values, StateLimits limits) {
        this.timestamp = timestamp;
        this.segmentation = segmentation;
        this.values = values == null ? SegmentValues.all() : values;
        this.limits = limits;
    }

    /**
     * Each predicate slice's expression as a boolean column of {@code rows}, checked against their
     * schema (no Spark job): one that does not parse, names an unknown column or is not boolean is a
     * configuration error naming the slice.
     */
    public static List<Column> sliceColumns(Dataset<Row> rows, Segmentation segmentation) {
        List<Column> out = new ArrayList<>();
        segmentation.slices().forEach((name, sql) -> {
            String key = "columns.slices." + name;
            Column c;
            DataType type;
            try {
                c = expr(sql);
                type = rows.select(c).schema().fields()[0].dataType();
            } catch (Exception e) { // Spark's ParseException and AnalysisException are checked in Java's sense
                String why = String.valueOf(e.getMessage()).strip().split("\\R", 2)[0];
                throw new UserException("configuration key '" + key + "': slice '" + name + "' = \"" + sql
                        + "\" is not a Spark SQL expression over the input's columns: " + why);
            }
            if (!type.equals(DataTypes.BooleanType)) {
                throw Errors.badValue(
                        key,
                        sql,
                        "a boolean Spark SQL expression (slice '" + name + "' is " + type.simpleString() + ")");
            }
            out.add(c);
        });
        return out;
    }

    public List<ChunkStates> scan(Dataset<Row> chunked, List<StateSpec> requested, String what) {
        List<StateSpec> specs = new ArrayList<>(new LinkedHashSet<>(requested));
        boolean hasRow = List.of(chunked.columns()).contains(ROW);
        List<Column> projection = new ArrayList<>();
        projection.add(col(CHUNK).cast(DataTypes.LongType));
        projection.add(hasRow ? col(ROW) : lit(null).cast(DataTypes.LongType));
        projection.add(
                timestamp == null
                        ? lit(null).cast(DataTypes.LongType)
                        : unix_micros(ColumnNames.column(timestamp).cast(DataTypes.TimestampType)));
        for (List<String> entry : segmentation.entries()) {
            for (String s : entry) {
                projection.add(ColumnNames.column(s).cast(DataTypes.StringType));
            }
        }
        projection.addAll(sliceColumns(chunked, segmentation));
        // one input column per (column, kind); row specs read several
        Map<String, Integer> fieldOf = new LinkedHashMap<>();
        Set<String> textRead = textRead(specs);
        int[] field = new int[specs.size()];
        int[][] rowNumbers = new int[specs.size()][];
        int[][] rowStrings = new int[specs.size()][];
        for (int i = 0; i < specs.size(); i++) {
            StateSpec s = specs.get(i);
            if (s instanceof RowSpec r) {
                rowNumbers[i] = r.numericColumns().stream()
                        .mapToInt(c -> field(projection, fieldOf, chunked, c, true))
                        .toArray();
                rowStrings[i] = r.stringColumns().stream()
                        .mapToInt(c -> field(projection, fieldOf, chunked, c, false))
                        .toArray();
                field[i] = -1;
            } else {
                field[i] = s.input() == StateSpec.Input.STRING && !textRead.contains(s.column())
                        ? presence(projection, fieldOf, s.column())
                        : field(projection, fieldOf, chunked, s.column(), s.input() == StateSpec.Input.NUMERIC);
            }
        }
        PartitionScan fold = new PartitionScan(
                specs, field, rowNumbers, rowStrings, segmentation, values, limits, projection.size());
        Dataset<Row> projected = chunked.select(projection.toArray(Column[]::new));
        int partitions = Math.max(1, projected.sparkSession().sparkContext().defaultParallelism());
        long start = System.nanoTime();
        JavaPairRDD<GroupKey, GroupState> folded =
                projected.queryExecution().toRdd().toJavaRDD().mapPartitionsToPair(fold::fold);
        List<Tuple2<GroupKey, GroupState>> groups =
                folded.reduceByKey(GroupState::merge, partitions).collect();
        LOG.info(
                "scanned {}: {} states over {} (segment, chunk) groups in {} s",
                what,
                specs.size(),
                groups.size(),
                String.format("%.1f", (System.nanoTime() - start) / 1e9));

        report(what, fieldOf, groups);
        List<ChunkStates> out = new ArrayList<>();
        for (Tuple2<GroupKey, GroupState> g : groups) {
            GroupState s = g._2();
            Map<StateSpec, ColumnState> byspec = new LinkedHashMap<>();
            for (int i = 0; i < specs.size(); i++) {
                byspec.put(specs.get(i), s.states[i]);
            }
            out.add(new ChunkStates(
                    g._1().segment(),
                    g._1().chunk(),
                    s.rows,
                    s.minRow == Long.MAX_VALUE ? null : s.minRow,
                    s.maxRow == Long.MIN_VALUE ? null : s.maxRow,
                    timestamp(s.minTime, Long.MAX_VALUE),
                    timestamp(s.maxTime, Long.MIN_VALUE),
                    byspec));
        }
        if (Boolean.getBoolean(LargestState.PROPERTY)) { // scripts/bench --shapes: serializes every state once
            LOG.info("{}", LargestState.of(out).line(what));
        }
        return out;
    }

    /**
     * Logs, once per dataset and column, the input columns whose values were all missing (their
     * statistics are null) and the ±Inf values treated as missing — from counts the scan kept on the
     * side, no extra job.
     */
    private void report(String what, Map<String, Integer> fieldOf, List<Tuple2<GroupKey, GroupState>> groups) {
        String dataset = what.split(" ", 2)[0];
        long rows = 0;
        long[] missing = new long[0];
        long[] infinite = new long[0];
        for (Tuple2<GroupKey, GroupState> g : groups) {
            if (g._1().segment() != null) {
                continue;
            }
            GroupState s = g._2();
            rows += s.rows;
            if (missing.length == 0) {
                missing = new long[s.missing.length];
                infinite = new long[s.infinite.length];
            }
            for (int f = 0; f < s.missing.length; f++) {
                missing[f] += s.missing[f];
                infinite[f] += s.infinite[f];
            }
        }
        if (rows == 0) {
            return;
        }
        for (var e : fieldOf.entrySet()) {
            String column = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
            int f = e.getValue();
            if (f >= missing.length || column.startsWith("_vigil")) {
                continue;
            }
            if (infinite[f] > 0 && reported.add(dataset + "\u0000inf\u0000" + column)) {
                LOG.warn(
                        "{}: column '{}' has {} infinite value{} (+Inf/-Inf), treated as missing",
                        dataset,
                        column,
                        infinite[f],
                        infinite[f] == 1 ? "" : "s");
            }
            if (missing[f] + infinite[f] == rows && reported.add(dataset + "\u0000empty\u0000" + column)) {
                LOG.warn(
                        "{}: column '{}' has no values in the {} data (all {} rows missing); its statistics are null",
                        dataset,
                        column,
                        dataset,
                        rows);
            }
        }
    }

    /**
     * The columns some spec reads as text; a column read as a string only to count its nulls
     * ({@link Specs.NullsOf}: a score, a prediction, a target) is read by {@link #presence} instead.
     */
    private static Set<String> textRead(List<StateSpec> specs) {
        Set<String> out = new HashSet<>();
        for (StateSpec s : specs) {
            if (s instanceof RowSpec r) {
                out.addAll(r.stringColumns());
            } else if (s.input() == StateSpec.Input.STRING && !(s instanceof Specs.NullsOf)) {
                out.add(s.column());
            }
        }
        return out;
    }

    /**
     * The projected field that is null where {@code column} is null and the empty string elsewhere:
     * what a null count reads, without formatting each value as text (a double score's {@code
     * Double.toString} and the interning of its strings: about 3% of a 5M-row scan in a JFR profile).
     */
    private static int presence(List<Column> projection, Map<String, Integer> fieldOf, String column) {
        return projected(
                projection,
                fieldOf,
                column + "\u0000p",
                () -> when(ColumnNames.column(column).isNotNull(), lit("")));
    }

    /** The projected field reading {@code column} as a double or a string, added on first use. */
    private static int field(
            List<Column> projection,
            Map<String, Integer> fieldOf,
            Dataset<Row> chunked,
            String column,
            boolean numeric) {
        return projected(
                projection, fieldOf, column + "\u0000" + (numeric ? "n" : "s"), () -> input(chunked, column, numeric));
    }

    /** The index of the projected field under {@code key}, the column made and added on first use. */
    private static int projected(
            List<Column> projection, Map<String, Integer> fieldOf, String key, Supplier<Column> make) {
        return fieldOf.computeIfAbsent(key, k -> {
            projection.add(make.get());
            return projection.size() - 1;
        });
    }

    /**
     * A column as a scan input: a double or a string. A timestamp as a number is its epoch seconds
     * (what Spark's non-ANSI cast gives), computed from its microseconds, so it works in ANSI mode
     * too and formats nothing per row.
     */
    private static Column input(Dataset<Row> chunked, String column, boolean numeric) {
        Column c = ColumnNames.column(column);
        if (!numeric) {
            return c.cast(DataTypes.StringType);
        }
        DataType type = List.of(chunked.schema().fieldNames()).contains(column)
                ? chunked.schema().apply(column).dataType()
                : null;
        if (type instanceof TimestampType || type instanceof TimestampNTZType) {
            return unix_micros(c.cast(DataTypes.TimestampType))
                    .cast(DataTypes.DoubleType)
                    .divide(1e6);
        }
        return c.cast(DataTypes.DoubleType);
    }

    private static Timestamp timestamp(long micros, long none) {
        if (micros == none) {
            return null;
        }
        Timestamp t = new Timestamp(Math.floorDiv(micros, 1000L));
        t.setNanos((int) Math.floorMod(micros, 1_000_000L) * 1000);
        return t;
    }
}
