package dev.vigil.io;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

import dev.vigil.calculators.ChunkStates;
import dev.vigil.config.MonitorConfig;
import dev.vigil.internal.UserException;
import dev.vigil.stats.NullCount;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.stats.TextSample;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/**
 * Values present in an input that turn null when read as their role's type: a timestamp text that
 * does not parse. Reading a string timestamp keeps such a value's text in a hidden column ({@link
 * #TIMESTAMP_TEXT}, null on every other row); the first scan of the dataset counts it ({@link
 * #specs}, one more state in a job that runs anyway) and keeps the smallest text as an example.
 * Above {@code max_unparsed_values} the run fails (exit 2) naming the column, the dataset, the count
 * and the example; at or below it the count is noted on the dataset's result rows ({@link #note}).
 * Missing values (null, an empty or blank text) are not counted: they were never a timestamp.
 */
public final class UnparsedValues {
    private UnparsedValues() {}

    /** The hidden column: the timestamp's text on rows where it does not parse, else null. */
    public static final String TIMESTAMP_TEXT = "_vigil_unparsed_timestamp";

    /** What Spark reads as a timestamp without a format (said in the error). */
    static final String TIMESTAMP_FORMATS =
            "timestamps such as 2024-01-31, 2024-01-31 13:45:00 or 2024-01-31T13:45:00Z (ISO 8601, optionally"
                    + " with an offset)";

    /**
     * A dataset's unreadable values of one column: how many, and one of them; and how many rows have
     * no value there at all ({@code missing}: null, empty or blank; 0 in a profile stored before
     * Vigil counted them).
     */
    public record Count(String column, long rows, String example, long missing) implements Serializable {}

    /**
     * The timestamp column read as a timestamp (from a string or a date); for a string, with the text
     * of the values that do not parse in {@link #TIMESTAMP_TEXT}.
     */
    public static Dataset<Row> parseTimestamp(Dataset<Row> df, String ts) {
        var type = df.schema().apply(ts).dataType();
        if (type instanceof StringType) {
            Column text = ColumnNames.column(ts);
            Column parsed = try_to_timestamp(text);
            Column unparsed = when(text.isNotNull().and(trim(text).notEqual("")).and(parsed.isNull()), text)
                    .otherwise(lit(null).cast(DataTypes.StringType));
            return df.withColumn(TIMESTAMP_TEXT, unparsed).withColumn(ts, parsed);
        }
        if (type.equals(DataTypes.DateType)) {
            return df.withColumn(ts, try_to_timestamp(ColumnNames.column(ts)));
        }
        return df;
    }

    /** The schema without the hidden column: what the input itself has. */
    public static StructType visible(StructType schema) {
        if (!List.of(schema.fieldNames()).contains(TIMESTAMP_TEXT)) {
            return schema;
        }
        StructType out = new StructType();
        for (var f : schema.fields()) {
            if (!f.name().equals(TIMESTAMP_TEXT)) {
                out = out.add(f);
            }
        }
        return out;
    }

    /**
     * The states that count them, for a dataset read with {@link #parseTimestamp}, and its rows
     * without a timestamp ({@code timestamp} null: none).
     */
    public static List<StateSpec> specs(Dataset<Row> df, String timestamp) {
        List<StateSpec> out = new ArrayList<>();
        if (timestamp != null) {
            out.add(nulls(timestamp));
        }
        if (List.of(df.columns()).contains(TIMESTAMP_TEXT)) {
            out.add(SPEC);
        }
        return out;
    }

    private static final StateSpec SPEC = new Specs.TextSampleOf(TIMESTAMP_TEXT);

    /**
     * The timestamp's nulls, read as a number (epoch seconds): as a string, every row's timestamp
     * would be formatted only to be tested for null.
     */
    private static StateSpec nulls(String timestamp) {
        return new Specs.NullsOf(timestamp, StateSpec.Input.NUMERIC);
    }

    /**
     * The count from a scan's groups (the whole population's, in a chunk or in none) that had {@link
     * #specs}; none when the scan did not count.
     */
    public static Count count(String column, List<ChunkStates> groups) {
        long rows = 0;
        long nulls = 0;
        String example = null;
        StateSpec nullSpec = column == null ? null : nulls(column);
        for (ChunkStates g : groups) {
            if (g.segment() != null) {
                continue;
            }
            if (nullSpec != null && g.states().containsKey(nullSpec)) {
                nulls += g.<NullCount>state(nullSpec).nulls();
            }
            if (!g.states().containsKey(SPEC)) {
                continue;
            }
            TextSample s = g.state(SPEC);
            rows += s.present();
            example = TextSample.smaller(example, s.example());
        }
        // a timestamp that did not parse is null after the parse too
        return new Count(column, rows, example, Math.max(0, nulls - rows));
    }

    /** Both counts (of one column) together. */
    public static Count plus(Count a, Count b) {
        return new Count(
                a.column(),
                a.rows() + b.rows(),
                TextSample.smaller(a.example(), b.example()),
                a.missing() + b.missing());
    }

    /**
     * Fails the run (exit 2) when the dataset has more unreadable values than {@code
     * max_unparsed_values} allows.
     */
    public static void check(MonitorConfig config, String dataset, Count c) {
        long max = config.maxUnparsedValues();
        if (c == null || c.rows() <= max) {
            return;
        }
        throw new UserException("configuration key 'columns.timestamp': column '"
                + c.column()
                + "' has "
                + c.rows()
                + " value"
                + (c.rows() == 1 ? "" : "s")
                + " in the "
                + dataset
                + " data that "
                + (c.rows() == 1 ? "is" : "are")
                + " not a timestamp (e.g. '"
                + c.example()
                + "'); expected "
                + TIMESTAMP_FORMATS
                + ", or raise max_unparsed_values (now "
                + max
                + ") to run with "
                + (c.rows() == 1 ? "it" : "them")
                + " left out of the timestamp order");
    }

    /**
     * What the dataset's result rows say about them and about its rows without a timestamp, or null
     * when there are none: where the rows went (in no chunk with period chunking, else chunked last,
     * without dates).
     */
    public static String note(String dataset, Count c, boolean periodChunking) {
        if (c == null || c.column() == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (c.rows() > 0) {
            parts.add(rows(
                    c.rows(),
                    dataset,
                    "a parseable timestamp",
                    c.column(),
                    "(e.g. '" + c.example() + "')",
                    periodChunking));
        }
        if (c.missing() > 0) {
            parts.add(rows(c.missing(), dataset, "a timestamp", c.column(), "(null or empty)", periodChunking));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** "{n} {dataset} row(s) without {what} in column '{column}' {detail} {where they are}". */
    private static String rows(
            long n, String dataset, String what, String column, String detail, boolean periodChunking) {
        return n + " " + dataset + " row" + (n == 1 ? "" : "s") + " without " + what + " in column '" + column + "' "
                + detail + " " + where(n, periodChunking);
    }

    private static String where(long rows, boolean periodChunking) {
        return (rows == 1 ? "is" : "are")
                + (periodChunking ? " in no chunk" : " chunked after the timestamped rows, without dates");
    }
}
