package dev.vigil.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The wide table of {@code scripts/bench --shapes} (issue 16): a table <em>shape</em> rather than a
 * row count, generated inside Spark from {@code spark.range} and column expressions (nothing is
 * collected to the driver), every value a pure function of (row id, seed), so the output is the
 * same whatever the partitioning.
 *
 * <p>Rows have ids {@code first .. first + rows - 1} (the reference starts at 0, the analysis at the
 * reference's row count, as in {@link SyntheticData}); {@code local = id - first}. Columns, in
 * order:
 *
 * <ul>
 *   <li>{@code id} long; {@code timestamp}: 2024-01-01 00:00:00 UTC + 60 s * id;
 *   <li>{@link #NUMERIC} doubles {@code n00 .. n39}: even j normal N(j/10, 1), odd j uniform U(0, j+1)
 *       (SyntheticData's hash-based uniforms and Box–Muller normals, stream {@code 1000 + 2j});
 *   <li>{@link #CATEGORICAL} strings {@code c0 .. c9}: c_j has {@code 5 (j+1)} levels {@code L0, L1,
 *       ...} (5 to 50), level = floor(u² L), so the first levels are the most frequent;
 *   <li>{@code entity}: {@code "id" + pmod(local * 2654435761, max(1, rows / 2))}, an id-like string
 *       with exactly {@code max(1, rows/2)} distinct values (2654435761 is a prime larger than any
 *       half here, so the map is a permutation of each block of {@code rows/2} rows): 5M at 10M
 *       rows;
 *   <li>{@code account}: {@code "a" + pmod(local * 7919, 100000)}, the segment column: exactly
 *       {@code min(rows, 100000)} distinct values, each on the same number of rows (±1);
 *   <li>{@code y_pred_proba} = sigmoid(s), s = 0.8 n00 − 0.3 (n01 − 1) + 0.5 [c0 = L0] − 0.2; {@code
 *       y_pred} int = proba ≥ 0.5; {@code target} int ~ Bernoulli(sigmoid(s)), the model calibrated;
 * </ul>
 *
 * With {@code drift}, rows with {@code local >= rows / 2} have n00 shifted by +0.5 (and the scores
 * with it).
 */
public final class ShapesTable {
    private ShapesTable() {}

    public static final int NUMERIC = 40;
    public static final int CATEGORICAL = 10;
    /** Distinct values of the segment column {@code account} (when the table has that many rows). */
    public static final long SEGMENT_VALUES = 100_000;

    public static final long REFERENCE_SEED = 11;
    public static final long ANALYSIS_SEED = 12;

    private static final long ENTITY_MULTIPLIER = 2_654_435_761L;
    private static final long ACCOUNT_MULTIPLIER = 7_919L;
    private static final int S_CONT = 1000;
    private static final int S_CAT = 5000;
    private static final int S_TARGET = 7;

    /** The numeric columns' names, n00 .. n39. */
    public static List<String> numeric() {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < NUMERIC; j++) {
            out.add(String.format(Locale.ROOT, "n%02d", j));
        }
        return out;
    }

    /** The low-cardinality categorical columns' names, c0 .. c9. */
    public static List<String> categorical() {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < CATEGORICAL; j++) {
            out.add("c" + j);
        }
        return out;
    }

    /** Levels of {@code c_j}. */
    public static int levels(int j) {
        return 5 * (j + 1);
    }

    /** Distinct values of {@code entity} in a table of this many rows. */
    public static long entityValues(long rows) {
        return Math.max(1, rows / 2);
    }

    /** Writes the table as Parquet at {@code path} (overwriting), one file per million rows. */
    public static void write(SparkSession spark, String path, long seed, long first, long rows, boolean drift) {
        long half = entityValues(rows);
        int partitions = (int) Math.max(1, (rows + 999_999) / 1_000_000);
        Column local = col("id").minus(first);
        List<Column> out = new ArrayList<>();
        out.add(col("id"));
        out.add(timestamp_seconds(
                        lit(SyntheticData.START_EPOCH_SECONDS).plus(col("id").multiply(SyntheticData.STEP_SECONDS)))
                .as("timestamp"));
        Column shifted = drift ? when(local.geq(rows / 2), lit(0.5)).otherwise(lit(0.0)) : lit(0.0);
        Column n00 = null;
        Column n01 = null;
        for (int j = 0; j < NUMERIC; j++) {
            int stream = S_CONT + 2 * j;
            Column v = j % 2 == 0
                    ? SyntheticData.normal(seed, stream).plus(j / 10.0)
                    : SyntheticData.uniform(seed, stream).multiply(j + 1.0);
            if (j == 0) {
                v = v.plus(shifted);
                n00 = v;
            } else if (j == 1) {
                n01 = v;
            }
            out.add(v.as(numeric().get(j)));
        }
        Column c0First = null;
        for (int j = 0; j < CATEGORICAL; j++) {
            Column u = SyntheticData.uniform(seed, S_CAT + j);
            Column level = floor(u.multiply(u).multiply(levels(j))).cast("long");
            if (j == 0) {
                c0First = level.equalTo(0);
            }
            out.add(concat(lit("L"), level.cast("string")).as(categorical().get(j)));
        }
        out.add(concat(
                        lit("id"),
                        pmod(local.multiply(ENTITY_MULTIPLIER), lit(half)).cast("string"))
                .as("entity"));
        out.add(concat(
                        lit("a"),
                        pmod(local.multiply(ACCOUNT_MULTIPLIER), lit(SEGMENT_VALUES))
                                .cast("string"))
                .as("account"));
        Column s = n00.multiply(0.8)
                .minus(n01.minus(1.0).multiply(0.3))
                .plus(when(c0First, lit(0.5)).otherwise(lit(0.0)))
                .minus(0.2);
        Column p = lit(1.0).divide(lit(1.0).plus(exp(s.multiply(-1.0))));
        out.add(p.as("y_pred_proba"));
        out.add(when(p.geq(0.5), lit(1)).otherwise(lit(0)).as("y_pred"));
        out.add(when(SyntheticData.uniform(seed, S_TARGET).lt(p), lit(1))
                .otherwise(lit(0))
                .as("target"));
        spark.range(first, first + rows, 1, partitions)
                .select(out.toArray(Column[]::new))
                .write()
                .mode(SaveMode.Overwrite)
                .parquet(path);
    }
}
