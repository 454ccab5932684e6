package dev.vigil.generate;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.testing.SparkTestBase;
import java.io.File;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic data generator, on the shared test session ({@link SparkTestBase}). */
class SyntheticDataSparkTest extends SparkTestBase {
    private static final long R = 20_000;
    private static final long A = 20_000;
    private static final SyntheticData.Options OPTS = new SyntheticData.Options(A, R, 20, 42L, 0.5, "parquet");

    @TempDir
    static Path tmp;

    private static SyntheticData.Summary summary;
    private static Dataset<Row> ref;
    private static Dataset<Row> ana;
    private static Dataset<Row> targets;

    @BeforeAll
    static void setUp() {
        summary = SyntheticData.write(spark, tmp.resolve("main").toString(), OPTS);
        ref = spark.read().parquet(summary.referencePath());
        ana = spark.read().parquet(summary.analysisPath());
        targets = spark.read().parquet(summary.targetsPath());
    }

    @Test
    void rowCountsAndColumns() {
        List<String> cont = new ArrayList<>();
        for (int j = 0; j < 15; j++) {
            cont.add("num_" + j);
        }
        List<String> cat = List.of("cat_0", "cat_1", "cat_2", "cat_3", "cat_4");
        assertThat(summary.continuous()).isEqualTo(cont);
        assertThat(summary.categorical()).isEqualTo(cat);
        assertThat(summary.referenceRows()).isEqualTo(R);
        assertThat(summary.analysisRows()).isEqualTo(A);

        List<String> expected = new ArrayList<>(List.of("id", "timestamp"));
        expected.addAll(cont);
        expected.addAll(cat);
        expected.addAll(List.of("region", "y_pred_proba", "y_pred"));
        assertThat(Arrays.asList(ana.columns())).isEqualTo(expected);
        expected.add("repaid");
        assertThat(Arrays.asList(ref.columns())).isEqualTo(expected);
        assertThat(targets.columns()).containsExactly("id", "repaid");
        assertThat(ref.schema().apply("timestamp").dataType().typeName()).isEqualTo("timestamp");
        assertThat(ref.schema().apply("id").dataType().typeName()).isEqualTo("long");
        assertThat(ref.schema().apply("y_pred").dataType().typeName()).isEqualTo("integer");
        assertThat(ref.schema().apply("repaid").dataType().typeName()).isEqualTo("integer");
        assertThat(ref.schema().apply("cat_0").dataType().typeName()).isEqualTo("string");

        assertThat(ref.count()).isEqualTo(R);
        assertThat(ana.count()).isEqualTo(A);
        assertThat(targets.count()).isEqualTo(A);
        Row ids = ana.agg(min("id"), max("id")).first();
        assertThat(ids.getLong(0)).isEqualTo(R);
        assertThat(ids.getLong(1)).isEqualTo(R + A - 1);
        assertThat(targets.join(ana, "id").count()).isEqualTo(A);

        Row q = ref.agg(
                        avg(when(col("num_1").isNull(), 1.0).otherwise(0.0)),
                        avg(when(col("cat_1").isNull(), 1.0).otherwise(0.0)),
                        min("y_pred_proba"),
                        max("y_pred_proba"),
                        sum(when(
                                        col("y_pred")
                                                .equalTo(
                                                        when(col("y_pred_proba").geq(0.5), 1)
                                                                .otherwise(0)),
                                        0)
                                .otherwise(1)),
                        avg("repaid"))
                .first();
        assertThat(q.getDouble(0)).isBetween(0.005, 0.015);
        assertThat(q.getDouble(1)).isBetween(0.005, 0.015);
        assertThat(q.getDouble(2)).isGreaterThan(0.0);
        assertThat(q.getDouble(3)).isLessThan(1.0);
        assertThat(q.getLong(4)).isZero();
        assertThat(q.getDouble(5)).isBetween(0.2, 0.8);
        assertThat(distinct(ref, "cat_0")).containsExactlyInAnyOrder("low", "mid", "high");
        assertThat(distinct(ref, "region")).containsExactlyInAnyOrder("north", "south", "east", "west");
        for (String c : cat.subList(1, cat.size())) {
            assertThat(distinct(ref, c).size()).as(c).isBetween(3, 6);
        }
    }

    @Test
    void sameSeedSameDataWhateverThePartitioning() {
        SyntheticData.Options small = new SyntheticData.Options(3_000, 2_000, 8, 7L, 0.5, "parquet");
        SyntheticData.Summary a = SyntheticData.write(spark, tmp.resolve("p1").toString(), small, 1);
        SyntheticData.Summary b = SyntheticData.write(spark, tmp.resolve("p5").toString(), small, 5);
        for (String[] paths : new String[][] {
            {a.referencePath(), b.referencePath()},
            {a.analysisPath(), b.analysisPath()},
            {a.targetsPath(), b.targetsPath()}
        }) {
            List<Row> x = spark.read().parquet(paths[0]).orderBy("id").collectAsList();
            List<Row> y = spark.read().parquet(paths[1]).orderBy("id").collectAsList();
            assertThat(x).hasSize(y.size()).isEqualTo(y);
        }
        assertThat(new File(b.analysisPath()).list((d, n) -> n.endsWith(".parquet")))
                .hasSize(5);
        // a different seed gives different data
        SyntheticData.Summary c = SyntheticData.write(
                spark, tmp.resolve("s8").toString(), new SyntheticData.Options(3_000, 2_000, 8, 8L, 0.5, "parquet"), 1);
        assertThat(spark.read().parquet(c.referencePath()).orderBy("id").collectAsList())
                .isNotEqualTo(
                        spark.read().parquet(a.referencePath()).orderBy("id").collectAsList());
    }

    @Test
    void driftIsPresentOnlyAfterDriftStart() {
        long from = SyntheticData.driftStartId(OPTS);
        assertThat(from).isEqualTo(R + A / 2);
        Row r = ref.agg(avg("num_0"), stddev_pop("num_0"), max("num_2"), min("num_2"))
                .first();
        double mean = r.getDouble(0);
        double sd = r.getDouble(1);
        Row early =
                ana.where(col("id").lt(from)).agg(avg("num_0"), max("num_2")).first();
        Row late =
                ana.where(col("id").geq(from)).agg(avg("num_0"), max("num_2")).first();
        assertThat(Math.abs(early.getDouble(0) - mean)).isLessThan(0.1 * sd);
        assertThat(late.getDouble(0) - early.getDouble(0)).isGreaterThan(1.0 * sd);
        assertThat(sd).isCloseTo(1.0, within(0.05));

        // num_2 outside the reference range only after drift start, in about 2% of the drifted rows
        assertThat(r.getDouble(2)).isLessThanOrEqualTo(10.0);
        assertThat(early.getDouble(1)).isLessThanOrEqualTo(r.getDouble(2));
        long outside = ana.where(col("num_2").gt(r.getDouble(2)).or(col("num_2").lt(r.getDouble(3))))
                .count();
        assertThat(outside).isBetween(100L, 300L);
        assertThat(ana.where(col("num_2").gt(10.0)).agg(min("id")).first().getLong(0))
                .isGreaterThanOrEqualTo(from);

        // cat_0 moves towards "high"
        double highRef = share(ref, "cat_0", "high");
        assertThat(highRef).isCloseTo(0.2, within(0.02));
        assertThat(share(ana.where(col("id").lt(from)), "cat_0", "high")).isCloseTo(highRef, within(0.03));
        assertThat(share(ana.where(col("id").geq(from)), "cat_0", "high")).isCloseTo(0.5, within(0.03));

        // the model's accuracy falls
        Dataset<Row> joined = ana.join(targets, "id");
        double accEarly = accuracy(joined.where(col("id").lt(from)));
        double accLate = accuracy(joined.where(col("id").geq(from)));
        assertThat(accuracy(ref)).isCloseTo(accEarly, within(0.03));
        assertThat(accEarly - accLate).isGreaterThan(0.15);
    }

    @Test
    void unseenLevelZOnlyAfterDriftStart() {
        long from = SyntheticData.driftStartId(OPTS);
        assertThat(ref.where(col("cat_1").equalTo("Z")).count()).isZero();
        Row z = ana.where(col("cat_1").equalTo("Z")).agg(count("*"), min("id")).first();
        assertThat(z.getLong(0)).isBetween(100L, 300L); // ~2% of 10k drifted rows
        assertThat(z.getLong(1)).isGreaterThanOrEqualTo(from);
    }

    @Test
    void noDriftWhenDriftStartIsOne() {
        SyntheticData.Options none = new SyntheticData.Options(4_000, 1_000, 8, 1L, 1.0, "parquet");
        assertThat(SyntheticData.driftStartId(none)).isEqualTo(Long.MAX_VALUE);
        Dataset<Row> a = SyntheticData.analysisWithTargets(spark, none, 2);
        assertThat(a.where(col("cat_1").equalTo("Z").or(col("num_2").gt(10.0))).count())
                .isZero();
        assertThat(a.columns()).contains("num_0", "num_1", "num_2", "num_5", "cat_0", "cat_1", "region");
    }

    @Test
    void timestampsStrictlyIncreasingInIdOrder() {
        List<Row> rows = ref.select("id", "timestamp")
                .union(ana.select("id", "timestamp"))
                .orderBy("id")
                .collectAsList();
        assertThat(rows).hasSize((int) (R + A));
        assertThat(((Timestamp) rows.get(0).get(1)).toInstant()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).getLong(0)).isEqualTo(rows.get(i - 1).getLong(0) + 1);
            long gap = ((Timestamp) rows.get(i).get(1)).getTime()
                    - ((Timestamp) rows.get(i - 1).get(1)).getTime();
            if (gap != 60_000L) {
                assertThat(gap).as("row %d", i).isEqualTo(60_000L);
            }
        }
        // the files as written (one per table here) are already in id order
        List<Row> asRead = ana.select("id").collectAsList();
        for (int i = 0; i < asRead.size(); i++) {
            assertThat(asRead.get(i).getLong(0)).isEqualTo(R + i);
        }
        List<Row> byTs = ana.orderBy("timestamp").select("id").collectAsList();
        assertThat(byTs).isEqualTo(asRead);
    }

    @Test
    void csvWithHeader() {
        SyntheticData.Options o = new SyntheticData.Options(500, 300, 3, 3L, 0.5, "csv");
        SyntheticData.Summary s = SyntheticData.write(spark, tmp.resolve("csv").toString(), o);
        assertThat(s.continuous()).containsExactly("num_0", "num_1");
        assertThat(s.categorical()).containsExactly("cat_0");
        Dataset<Row> a = spark.read()
                .option("header", "true")
                .option("inferSchema", "true")
                .csv(s.analysisPath());
        assertThat(a.columns())
                .containsExactly("id", "timestamp", "num_0", "num_1", "cat_0", "region", "y_pred_proba", "y_pred");
        assertThat(a.schema().apply("timestamp").dataType().typeName()).isEqualTo("timestamp");
        List<Row> ids = a.select("id").collectAsList();
        assertThat(ids).hasSize(500);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(((Number) ids.get(i).get(0)).longValue()).isEqualTo(300L + i);
        }
        Dataset<Row> t = spark.read()
                .option("header", "true")
                .option("inferSchema", "true")
                .csv(s.targetsPath());
        assertThat(t.columns()).containsExactly("id", "repaid");
        assertThat(spark.read().option("header", "true").csv(s.referencePath()).count())
                .isEqualTo(300);
        // overwrite
        SyntheticData.write(spark, tmp.resolve("csv").toString(), o);
        assertThat(spark.read().option("header", "true").csv(s.referencePath()).count())
                .isEqualTo(300);
    }

    private static List<String> distinct(Dataset<Row> df, String c) {
        return df.where(col(c).isNotNull())
                .select(c)
                .distinct()
                .as(Encoders.STRING())
                .collectAsList();
    }

    private static double share(Dataset<Row> df, String c, String level) {
        return df.agg(avg(when(col(c).equalTo(level), 1.0).otherwise(0.0)))
                .first()
                .getDouble(0);
    }

    private static double accuracy(Dataset<Row> df) {
        return df.agg(avg(when(col("y_pred").equalTo(col("repaid")), 1.0).otherwise(0.0)))
                .first()
                .getDouble(0);
    }
}
