package dev.vigil.generate;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The deterministic performance table of {@code ../shared/PERF_TABLE.md}, the table Vigil's
 * benchmark is compared with NannyML on: every value is a pure function of (table seed, stream, row
 * index), so each Spark task generates its rows independently and the table is the same whatever
 * the partitioning. Columns, in the recipe's order: {@code timestamp, c01..c12, cat1..cat4, y_true,
 * y_pred_proba, y_pred}. The reference uses seed 1 and starts on 2020-01-01; an analysis table seed
 * 2, 2021-01-01, drifted in its second half (rows {@code r >= n/2}).
 *
 * <p>{@code Math.log/exp/cos} may differ from another language's in the last ulp, which can very
 * rarely move a value that lies on a rounding boundary (the recipe says so too); {@code
 * PerfTableTest} checks the recipe's printed rows.
 */
public final class PerfTable {
    private PerfTable() {}

    /** The table seeds of the recipe. */
    public static final long REFERENCE_SEED = 1;

    public static final long ANALYSIS_SEED = 2;

    private static final long REFERENCE_START = epochSeconds(2020);
    private static final long ANALYSIS_START = epochSeconds(2021);

    public static final StructType SCHEMA = schema();

    /** SplitMix64's output function. */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform in (0, 1) for (seed, stream, row). */
    static double uniform(long seed, long stream, long r) {
        long key = (seed << 56) | (stream << 40) | r;
        return ((mix(key) >>> 11) + 0.5) / 9007199254740992.0; // 2^53
    }

    /** A standard normal, Box–Muller's cosine branch on streams s and s + 1. */
    static double normal(long seed, long s, long r) {
        return Math.sqrt(-2 * Math.log(uniform(seed, s, r))) * Math.cos(2 * Math.PI * uniform(seed, s + 1, r));
    }

    static double r3(double x) {
        return Math.rint(x * 1000) / 1000 + 0.0;
    }

    static double r4(double x) {
        return Math.rint(x * 10000) / 10000 + 0.0;
    }

    /** The first level whose running sum of probabilities exceeds u; the last one otherwise. */
    static String level(double u, String[] levels, double[] probabilities) {
        double sum = 0;
        for (int i = 0; i < levels.length; i++) {
            sum += probabilities[i];
            if (sum > u) {
                return levels[i];
            }
        }
        return levels[levels.length - 1];
    }

    private static final String[] CAT1 = {"A", "B", "C"};
    private static final double[] CAT1_P = {0.5, 0.3, 0.2};
    private static final double[] CAT1_DRIFTED = {0.3, 0.3, 0.4};
    private static final String[] CAT2 = {"b0", "b1", "b2", "b3", "b4"};
    private static final double[] CAT2_P = {0.4, 0.25, 0.15, 0.12, 0.08};
    private static final String[] CAT3 = {"d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9"};
    private static final double[] CAT3_P = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
    private static final String[] CAT4 = {"yes", "no"};
    private static final double[] CAT4_P = {0.35, 0.65};

    /**
     * Row r of a table: {@code seed} 1 (reference) or 2 (analysis, {@code rows} its size, drifted
     * from row {@code rows / 2}).
     */
    public static Row row(long seed, long rows, long r) {
        int d = seed != REFERENCE_SEED && r >= rows / 2 ? 1 : 0;
        long start = seed == REFERENCE_SEED ? REFERENCE_START : ANALYSIS_START;
        double c01 = r3(0.5 * d + 1.0 * normal(seed, 2, r));
        double c02 = r3(1 + 1.5 * (d == 1 ? 1.5 : 1) * normal(seed, 4, r));
        double c03 = r3(2 + 2.0 * normal(seed, 6, r));
        double c04 = r3(3 + 0.5 * normal(seed, 8, r));
        double c05 = r3(4 + 1.0 * normal(seed, 10, r));
        double c06 = r3(5 + 3.0 * normal(seed, 12, r));
        double c07 = r3(10 * uniform(seed, 14, r) + 2 * d);
        double c08 = r3(10 * uniform(seed, 16, r));
        double c09 = r3(Math.exp(0.5 * normal(seed, 18, r)));
        double c10 = r3(Math.exp(0.5 * normal(seed, 20, r)));
        double c11 = r3(-2 * Math.log(uniform(seed, 22, r)));
        double c12 = r3(normal(seed, 24, r) + (uniform(seed, 40, r) < 0.3 ? 4 : 0));
        String cat1 = level(uniform(seed, 41, r), CAT1, d == 1 ? CAT1_DRIFTED : CAT1_P);
        String cat2 = level(uniform(seed, 42, r), CAT2, CAT2_P);
        String cat3 = level(uniform(seed, 43, r), CAT3, CAT3_P);
        String cat4 = level(uniform(seed, 44, r), CAT4, CAT4_P);
        double logit = -0.3
                + 1.2 * c01
                + 0.4 * (c02 - 1)
                - 0.4 * (c03 - 2)
                + 0.15 * (c07 - 5)
                + (cat1.equals("A") ? 0.8 : 0)
                - (cat4.equals("yes") ? 0.5 : 0);
        double proba = r4(1 / (1 + Math.exp(-logit)));
        int yTrue = uniform(seed, 60, r) < proba ? 1 : 0;
        int yPred = proba >= 0.5 ? 1 : 0;
        return RowFactory.create(
                new Timestamp((start + 30 * r) * 1000),
                c01,
                c02,
                c03,
                c04,
                c05,
                c06,
                c07,
                c08,
                c09,
                c10,
                c11,
                c12,
                cat1,
                cat2,
                cat3,
                cat4,
                yTrue,
                proba,
                yPred);
    }

    /** Writes rows {@code 0..rows-1} of the table with {@code seed} as Parquet under {@code path}. */
    public static void write(SparkSession spark, String path, long seed, long rows) {
        int parts = (int) Math.max(1, Math.min(64, rows / 500_000));
        MapPartitionsFunction<Long, Row> generate = ids -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public Row next() {
                return row(seed, rows, ids.next());
            }
        };
        spark.range(0, rows, 1, parts)
                .mapPartitions(generate, Encoders.row(SCHEMA))
                .write()
                .mode(SaveMode.Overwrite)
                .parquet(path);
    }

    private static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("timestamp", DataTypes.TimestampType, false));
        for (int i = 1; i <= 12; i++) {
            fields.add(DataTypes.createStructField(String.format("c%02d", i), DataTypes.DoubleType, false));
        }
        for (int i = 1; i <= 4; i++) {
            fields.add(DataTypes.createStructField("cat" + i, DataTypes.StringType, false));
        }
        fields.add(DataTypes.createStructField("y_true", DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField("y_pred_proba", DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField("y_pred", DataTypes.IntegerType, false));
        return DataTypes.createStructType(fields);
    }

    private static long epochSeconds(int year) {
        return LocalDateTime.of(year, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    }
}
