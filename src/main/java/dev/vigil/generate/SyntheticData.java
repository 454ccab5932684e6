package dev.vigil.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.cos;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.vigil.io.ColumnNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A seeded synthetic dataset for a binary classifier (demo and benchmark data), generated entirely
 * inside Spark from {@code spark.range} and column expressions, so it scales to any row count
 * without touching the driver.
 *
 * <h2>Randomness</h2>
 *
 * Every random number is a pure function of (row id, seed, stream number): {@code u_k =
 * (xxhash64(id, seed, k) >>> 11 + 0.5) / 2^53}, a uniform in (0,1). Normals use Box–Muller on two
 * streams: {@code z = sqrt(-2 ln u_a) cos(2 pi u_b)}. The output is therefore identical for a given
 * seed whatever the partitioning.
 *
 * <h2>Tables</h2>
 *
 * {@code DIR/reference} (ids {@code 0..R-1}), {@code DIR/analysis} (ids {@code R..R+A-1}) and
 * {@code DIR/analysis_targets} ({@code id, repaid} for the analysis ids). Columns, in order:
 *
 * <ul>
 *   <li>{@code id} long; {@code timestamp}: 2024-01-01 00:00:00 UTC + 60 s * id (analysis continues
 *       the reference);
 *   <li>{@code num_0..num_{c-1}}, c = features - round(features/4): by {@code j mod 3}: 0 → normal
 *       N(j, s_j) with s_j = 1 + 0.5 (j mod 4) (so num_0 ~ N(0,1)); 1 → lognormal exp(0.1 j + 0.5
 *       z) (num_1 = exp(0.1 + 0.5 z)); 2 → uniform U(0, 10 (1 + j/3)) (num_2 ~ U(0,10));
 *   <li>{@code cat_0..cat_{k-1}}, k = round(features/4) (at least 1): cat_0 ∈ {low, mid, high} with
 *       probabilities 0.5/0.3/0.2; cat_j (j ≥ 1) has L = 3 + (j mod 4) levels "A", "B", ... with
 *       probabilities proportional to L, L-1, ..., 1;
 *   <li>{@code region} (segment, not counted in features): north/south/east/west with
 *       0.3/0.3/0.2/0.2;
 *   <li>{@code y_pred_proba} = sigmoid(s), s = -0.3 + 1.2 num_0 - 0.8 z1 + 0.5 x2 + c0 where z1 is
 *       the standardised log of num_1 (0 when missing), x2 = (num_2 - 5) / 2.887 (0 when features =
 *       3, which has no num_2) and c0 = -0.6/0/0.8 for cat_0 = low/mid/high; {@code y_pred} int =
 *       proba ≥ 0.5;
 *   <li>{@code repaid} int ~ Bernoulli(sigmoid(t)) — the model is calibrated before drift: t = s.
 * </ul>
 *
 * Missing values: num_1 and cat_1 are null in about 1% of the rows each (independently).
 *
 * <h2>Drift</h2>
 *
 * Analysis rows with {@code id - R >= ceil(driftStart * A)} are drifted ({@code driftStart >= 1}:
 * none). Before that the analysis has the reference distribution. In the drifted rows: num_0 shifts
 * by +1.5 std; cat_0 becomes 0.2/0.3/0.5 (towards "high"); 2% of num_2 lies in (10, 15], outside
 * the reference range; 2% of cat_1 is the unseen level "Z"; and the concept changes: t = -0.3 + 0.3
 * (num_0 - 1.5) + 0.8 z1 + 0.5 x2 + c0 (the num_0 effect weakens and z1's sign flips), so the
 * model's accuracy falls.
 */
public final class SyntheticData {

    /** Reference start, 2024-01-01 00:00:00 UTC, in epoch seconds. */
    public static final long START_EPOCH_SECONDS = 1_704_067_200L;

    /** Seconds between consecutive rows. */
    public static final long STEP_SECONDS = 60L;

    /** Default rows per output file when no partition count is given. */
    public static final long ROWS_PER_FILE = 1_000_000L;

    private static final double TWO_POW_53 = 9007199254740992.0;
    private static final String[] REGIONS = {"north", "south", "east", "west"};
    private static final double[] REGION_P = {0.3, 0.3, 0.2, 0.2};
    private static final String[] CAT0 = {"low", "mid", "high"};
    private static final double[] CAT0_P = {0.5, 0.3, 0.2};
    private static final double[] CAT0_DRIFT_P = {0.2, 0.3, 0.5};

    // Random stream numbers (the third xxhash64 argument). Feature streams: base + 10 * index +
    // sub-stream.
    private static final int S_REGION = 1;
    private static final int S_NULL_NUM1 = 2;
    private static final int S_NULL_CAT1 = 3;
    private static final int S_NUM2_OUT = 4;
    private static final int S_NUM2_OUT_VALUE = 5;
    private static final int S_CAT1_UNSEEN = 6;
    private static final int S_TARGET = 7;
    private static final int S_CONT = 1000;
    private static final int S_CAT = 5000;

    private SyntheticData() {}

    /**
     * @param analysisRows A, rows in the analysis table
     * @param referenceRows R, rows in the reference table
     * @param features number of numbered features (at least 3): 3/4 continuous, 1/4 categorical
     * @param seed random seed
     * @param driftStart fraction of the analysis where drift starts (0.5 → second half; ≥ 1 → no
     *     drift)
     * @param format "parquet" (default when null or blank) or "csv" (with header)
     */
    public record Options(
            long analysisRows, long referenceRows, int features, long seed, double driftStart, String format) {}

    /** What was written: paths, row counts and the feature names by kind. */
    public record Summary(
            String referencePath,
            String analysisPath,
            String targetsPath,
            long referenceRows,
            long analysisRows,
            List<String> continuous,
            List<String> categorical) {}

    /**
     * Writes DIR/reference, DIR/analysis, DIR/analysis_targets (format: parquet default, or csv with
     * header). Overwrites.
     */
    public static Summary write(SparkSession spark, String outDir, Options o) {
        return write(spark, outDir, o, 0);
    }

    /**
     * As {@link #write(SparkSession, String, Options)}, with {@code partitions} files per table (0 =
     * one per {@link #ROWS_PER_FILE} rows). Each file holds consecutive ids in order and file names
     * sort in id order.
     */
    public static Summary write(SparkSession spark, String outDir, Options o, int partitions) {
        String format = o.format() == null || o.format().isBlank()
                ? "parquet"
                : o.format().trim().toLowerCase(Locale.ROOT);
        if (!format.equals("parquet") && !format.equals("csv")) {
            throw new IllegalArgumentException("format must be parquet or csv, got: " + o.format());
        }
        String dir = outDir.endsWith("/") ? outDir.substring(0, outDir.length() - 1) : outDir;
        Summary s = new Summary(
                dir + "/reference",
                dir + "/analysis",
                dir + "/analysis_targets",
                o.referenceRows(),
                o.analysisRows(),
                continuousNames(o.features()),
                categoricalNames(o.features()));

        Dataset<Row> reference = reference(spark, o, partitions);
        Dataset<Row> analysisFull = analysisWithTargets(spark, o, partitions);
        List<Column> analysisCols = new ArrayList<>();
        for (String c : analysisFull.columns()) {
            if (!c.equals("repaid")) {
                analysisCols.add(ColumnNames.column(c));
            }
        }
        save(reference, format, s.referencePath());
        save(analysisFull.select(analysisCols.toArray(new Column[0])), format, s.analysisPath());
        save(analysisFull.select(col("id"), col("repaid")), format, s.targetsPath());
        return s;
    }

    /** The reference table (with {@code repaid}), lazily. */
    public static Dataset<Row> reference(SparkSession spark, Options o, int partitions) {
        validate(o);
        return generate(spark, 0, o.referenceRows(), Long.MAX_VALUE, o, partitions);
    }

    /** The analysis table including {@code repaid}, lazily. */
    public static Dataset<Row> analysisWithTargets(SparkSession spark, Options o, int partitions) {
        validate(o);
        long r = o.referenceRows();
        return generate(spark, r, r + o.analysisRows(), driftStartId(o), o, partitions);
    }

    /** The id at which drift starts ({@code Long.MAX_VALUE} for none). */
    public static long driftStartId(Options o) {
        double f = Math.max(0.0, o.driftStart());
        return f >= 1.0 ? Long.MAX_VALUE : o.referenceRows() + (long) Math.ceil(f * o.analysisRows());
    }

    public static List<String> continuousNames(int features) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features - catCount(features); j++) {
            names.add("num_" + j);
        }
        return List.copyOf(names);
    }

    public static List<String> categoricalNames(int features) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < catCount(features); j++) {
            names.add("cat_" + j);
        }
        return List.copyOf(names);
    }

    private static int catCount(int features) {
        return (int) Math.max(1, Math.round(features / 4.0));
    }

    private static void validate(Options o) {
        if (o.features() < 3) {
            throw new IllegalArgumentException("features must be at least 3, got: " + o.features());
        }
        if (o.referenceRows() < 0 || o.analysisRows() < 0) {
            throw new IllegalArgumentException("row counts must be non-negative");
        }
    }

    private static void save(Dataset<Row> df, String format, String path) {
        var w = df.write().mode(SaveMode.Overwrite).format(format);
        if (format.equals("csv")) {
            w = w.option("header", "true");
        }
        w.save(path);
    }

    // ---- generation
    // ------------------------------------------------------------------------------------------

    /**
     * One projection over {@code spark.range}. The shared latent draws are Column expressions reused
     * by value: Spark's subexpression elimination computes each once per row. (Materialising them in
     * stacked projections was measured 10x slower: the fused generated method grows too large for the
     * JIT.)
     */
    private static Dataset<Row> generate(
            SparkSession spark, long from, long to, long driftFrom, Options o, int partitions) {
        long n = to - from;
        int parts = partitions > 0
                ? partitions
                : (int) Math.max(1, Math.min(100_000, (n + ROWS_PER_FILE - 1) / ROWS_PER_FILE));
        long seed = o.seed();
        int nCont = o.features() - catCount(o.features());
        int nCat = catCount(o.features());
        Column drift = col("id").geq(lit(driftFrom));

        // latent draws used by more than one column
        Column z1 = normal(seed, S_CONT + 10);
        Column num1Null = uniform(seed, S_NULL_NUM1).lt(0.01);
        Column cat0U = uniform(seed, S_CAT);

        List<Column> out = new ArrayList<>();
        out.add(col("id"));
        out.add(timestamp_seconds(lit(START_EPOCH_SECONDS).plus(col("id").multiply(STEP_SECONDS)))
                .as("timestamp"));

        Column num0 = normal(seed, S_CONT).plus(when(drift, lit(1.5)).otherwise(lit(0.0))); // N(0,1), +1.5 std drifted
        Column num2 = lit(0.0);
        for (int j = 0; j < nCont; j++) {
            int base = S_CONT + 10 * j;
            Column c;
            if (j == 0) {
                c = num0;
            } else if (j == 1) { // lognormal with 1% missing
                c = when(num1Null, lit(null).cast("double")).otherwise(exp(lit(0.1).plus(z1.multiply(0.5))));
            } else if (j == 2) { // U(0,10); 2% in (10, 15] when drifted
                num2 = when(
                                drift.and(uniform(seed, S_NUM2_OUT).lt(0.02)),
                                lit(10.0).plus(lit(5.0).multiply(uniform(seed, S_NUM2_OUT_VALUE))))
                        .otherwise(uniform(seed, base).multiply(10.0));
                c = num2;
            } else {
                c = switch (j % 3) {
                    case 0 -> normal(seed, base).multiply(1.0 + 0.5 * (j % 4)).plus((double) j);
                    case 1 -> exp(lit(0.1 * j).plus(normal(seed, base).multiply(0.5)));
                    default -> uniform(seed, base).multiply(10.0 * (1 + j / 3));
                };
            }
            out.add(c.as("num_" + j));
        }

        Column cat0 = when(drift, pick(cat0U, CAT0, CAT0_DRIFT_P)).otherwise(pick(cat0U, CAT0, CAT0_P));
        for (int j = 0; j < nCat; j++) {
            Column c;
            if (j == 0) {
                c = cat0;
            } else {
                int levels = 3 + (j % 4);
                String[] names = new String[levels];
                double[] p = new double[levels];
                double total = levels * (levels + 1) / 2.0;
                for (int i = 0; i < levels; i++) {
                    names[i] = String.valueOf((char) ('A' + i));
                    p[i] = (levels - i) / total;
                }
                c = pick(uniform(seed, S_CAT + 10 * j), names, p);
                if (j == 1) { // 1% missing; 2% unseen "Z" when drifted
                    c = when(uniform(seed, S_NULL_CAT1).lt(0.01), lit(null).cast("string"))
                            .when(drift.and(uniform(seed, S_CAT1_UNSEEN).lt(0.02)), lit("Z"))
                            .otherwise(c);
                }
            }
            out.add(c.as("cat_" + j));
        }
        out.add(pick(uniform(seed, S_REGION), REGIONS, REGION_P).as("region"));

        // model score s and true score t (see class javadoc)
        Column z1Seen = when(num1Null, lit(0.0)).otherwise(z1);
        Column x2 = nCont > 2 ? num2.minus(5.0).divide(2.887) : lit(0.0);
        Column c0 = when(cat0.equalTo("low"), lit(-0.6))
                .when(cat0.equalTo("high"), lit(0.8))
                .otherwise(lit(0.0));
        Column common = lit(-0.3).plus(x2.multiply(0.5)).plus(c0);
        Column s = common.plus(num0.multiply(1.2)).minus(z1Seen.multiply(0.8));
        Column tDrift = common.plus(num0.minus(1.5).multiply(0.3)).plus(z1Seen.multiply(0.8));
        Column proba = sigmoid(s);
        out.add(proba.as("y_pred_proba"));
        out.add(when(proba.geq(0.5), lit(1)).otherwise(lit(0)).as("y_pred"));
        out.add(when(uniform(seed, S_TARGET).lt(sigmoid(when(drift, tDrift).otherwise(s))), lit(1))
                .otherwise(lit(0))
                .as("repaid"));

        return spark.range(from, to, 1, parts).select(out.toArray(new Column[0]));
    }

    /**
     * Uniform in (0,1) from stream {@code k}: the top 53 bits of xxhash64(id, seed, k), centred in
     * their cell.
     */
    static Column uniform(long seed, int k) {
        Column h = xxhash64(col("id"), lit(seed), lit(k));
        return shiftrightunsigned(h, 11).cast("double").plus(0.5).divide(TWO_POW_53);
    }

    /** Standard normal by Box–Muller from streams {@code k} and {@code k + 1}. */
    static Column normal(long seed, int k) {
        return sqrt(log(uniform(seed, k)).multiply(-2.0))
                .multiply(cos(uniform(seed, k + 1).multiply(2 * Math.PI)));
    }

    private static Column sigmoid(Column x) {
        return lit(1.0).divide(lit(1.0).plus(exp(x.multiply(-1.0))));
    }

    /** The level whose cumulative-probability interval contains {@code u}. */
    private static Column pick(Column u, String[] levels, double[] p) {
        Column c = null;
        double cum = 0;
        for (int i = 0; i < levels.length - 1; i++) {
            cum += p[i];
            c = c == null ? when(u.lt(cum), lit(levels[i])) : c.when(u.lt(cum), lit(levels[i]));
        }
        return c == null ? lit(levels[0]) : c.otherwise(lit(levels[levels.length - 1]));
    }
}
