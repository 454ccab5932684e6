package dev.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.results.ResultRow;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A categorical column whose every value is distinct (an id) next to a small one: its states switch
 * to the frequent-items sketch, so its drift and reconstruction results say {@code approximate}
 * (no bound known for them), its unseen values are null with the reason, and the small column's
 * results stay exact.
 */
class HighCardinalitySparkTest extends SparkTestBase {
    @TempDir
    static Path dir;

    private static String parquet(String name, long rows, long offset) {
        Dataset<Row> d = session()
                .range(rows)
                .selectExpr(
                        "timestamp_seconds(1704067200 + id * 60) as ts",
                        "concat('user_', id + " + offset + ") as user_id",
                        "cast(id % 5 as string) as small",
                        "cast(id % 97 as double) / 7 as num");
        String path = dir.resolve(name).toString();
        d.write().parquet(path);
        return path;
    }

    @Test
    void anIdColumnIsSketchedAndSaysSoWhileTheOthersStayExact() {
        String reference = parquet("reference", 20_000, 0);
        String analysis = parquet("analysis", 20_000, 1_000_000);
        List<ResultRow> rows = compute("""
        monitor: ids
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        columns: {timestamp: ts, features: [user_id, small, num]}
        chunking: {size: 5000}
        calculators:
          univariate_drift: {categorical_methods: [chi2, jensen_shannon, total_variation]}
          data_quality: {metrics: [unseen_values, missing_values], columns: [user_id, small]}
          multivariate_drift: {}
        """.formatted(reference, analysis));
        List<ResultRow> ids =
                rows.stream().filter(r -> "user_id".equals(r.columnName())).toList();
        assertThat(ids.stream().filter(r -> r.calculator().equals("univariate_drift")))
                .hasSize(3 * 8)
                .allMatch(r -> r.approximate() && r.errorBound() == null && r.value() != null);
        assertThat(ids.stream().filter(r -> r.metric().equals("unseen_values")))
                .hasSize(8)
                .allMatch(r -> r.value() == null
                        && r.note() != null
                        && r.note().contains("more than " + CategoryCounts.WHOLE_CAPACITY));
        assertThat(ids.stream().filter(r -> r.metric().equals("missing_values")))
                .allMatch(r -> !r.approximate() && r.value() == 0.0);
        assertThat(rows.stream().filter(r -> "small".equals(r.columnName())))
                .isNotEmpty()
                .allMatch(r -> !r.approximate());
        assertThat(rows.stream().filter(r -> r.calculator().equals("multivariate_drift")))
                .isNotEmpty()
                .allMatch(ResultRow::approximate);
    }
}
