package dev.vigil.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/bench --shapes}'s table: deterministic, and of the shape its documentation states. */
class ShapesTableSparkTest extends SparkTestBase {
    /** More rows than the segment column's 100,000 values, so its distinct count is the full one. */
    private static final long ROWS = 100_003;

    private static final long FIRST = 5_000;

    @TempDir
    static Path tmp;

    private static Dataset<Row> table;

    @BeforeAll
    static void setUp() {
        ShapesTable.write(spark, tmp.resolve("a").toString(), ShapesTable.ANALYSIS_SEED, FIRST, ROWS, true);
        table = spark.read().parquet(tmp.resolve("a").toString()).cache();
    }

    @Test
    void columnsAndRows() {
        List<String> expected = new ArrayList<>(List.of("id", "timestamp"));
        expected.addAll(ShapesTable.numeric());
        expected.addAll(ShapesTable.categorical());
        expected.addAll(List.of("entity", "account", "y_pred_proba", "y_pred", "target"));
        assertThat(table.columns()).containsExactlyElementsOf(expected);
        assertThat(ShapesTable.numeric()).hasSize(40).startsWith("n00").endsWith("n39");
        assertThat(ShapesTable.categorical()).hasSize(10);
        assertThat(table.count()).isEqualTo(ROWS);
        Row ids = table.agg(min("id"), max("id")).first();
        assertThat(ids.getLong(0)).isEqualTo(FIRST);
        assertThat(ids.getLong(1)).isEqualTo(FIRST + ROWS - 1);
    }

    @Test
    void distinctCounts() {
        Row d = table.agg(countDistinct(col("entity")), countDistinct(col("account")), countDistinct(col("c0")))
                .first();
        assertThat(d.getLong(0)).isEqualTo(ROWS / 2).isEqualTo(ShapesTable.entityValues(ROWS));
        assertThat(d.getLong(1)).isEqualTo(ShapesTable.SEGMENT_VALUES);
        assertThat(d.getLong(2)).isEqualTo(ShapesTable.levels(0));
        for (int j = 0; j < ShapesTable.CATEGORICAL; j++) {
            long levels = table.select(countDistinct(col("c" + j))).first().getLong(0);
            assertThat(levels).as("c" + j).isEqualTo(ShapesTable.levels(j));
        }
        assertThat(table.where(col("entity").isNull().or(col("account").isNull()))
                        .count())
                .isZero();
    }

    @Test
    void deterministicWhateverThePartitioning() {
        // the same table written again, then compared row by row (both ways, duplicates counted)
        ShapesTable.write(spark, tmp.resolve("b").toString(), ShapesTable.ANALYSIS_SEED, FIRST, ROWS, true);
        Dataset<Row> again = spark.read().parquet(tmp.resolve("b").toString()).repartition(7);
        assertThat(table.exceptAll(again).count()).isZero();
        assertThat(again.exceptAll(table).count()).isZero();
        // another seed gives other values
        ShapesTable.write(spark, tmp.resolve("c").toString(), ShapesTable.REFERENCE_SEED, FIRST, 1_000, true);
        ShapesTable.write(spark, tmp.resolve("d").toString(), ShapesTable.ANALYSIS_SEED, FIRST, 1_000, true);
        Dataset<Row> other = spark.read().parquet(tmp.resolve("c").toString());
        Dataset<Row> same = spark.read().parquet(tmp.resolve("d").toString());
        assertThat(same.select("n00").exceptAll(other.select("n00")).count()).isEqualTo(1_000);
        // the first half's rows (before the drift) of a shorter table are a longer one's, entity aside (it wraps at
        // rows/2)
        assertThat(same.where(col("id").lt(FIRST + 500))
                        .drop("entity")
                        .exceptAll(table.drop("entity"))
                        .count())
                .isZero();
    }

    @Test
    void driftShiftsTheFirstNumericColumnInTheSecondHalf() {
        double early = table.where(col("id").lt(FIRST + ROWS / 2))
                .agg(org.apache.spark.sql.functions.avg("n00"))
                .first()
                .getDouble(0);
        double late = table.where(col("id").geq(FIRST + ROWS / 2))
                .agg(org.apache.spark.sql.functions.avg("n00"))
                .first()
                .getDouble(0);
        assertThat(late - early).isBetween(0.45, 0.55);
    }
}
