package dev.vigil.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.results.ResultRow;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profile calculator against exact computations by Spark SQL on the same rows, chunk by chunk:
 * a numeric column with nulls, NaNs and zeros, and a string column with nulls and varied lengths.
 * Counts, shares, distinct counts, min, max, mean, sample stddev, median and quantiles (Spark's
 * {@code percentile}, the same linear rule as numpy), and string lengths all agree; none is
 * approximate at this size.
 */
class ProfileSparkTest extends SparkTestBase {
    @TempDir
    static Path dir;

    private static final String[] COLUMNS = {
        "timestamp_seconds(1704067200 + id * 60) as ts",
        "case when id % 50 = 0 then null when id % 37 = 0 then double('NaN') when id % 10 = 0 then 0.0"
                + " else round(sin(id) * 100, 1) end as x",
        "case when id % 23 = 0 then null else repeat('ab', cast(id % 7 as int)) || cast(id % 13 as string) end"
                + " as s"
    };

    private static String write(String name, long from, long rows) {
        String path = dir.resolve(name).toString();
        session().range(from, from + rows).selectExpr(COLUMNS).write().parquet(path);
        return path;
    }

    @Test
    void everyProfileMetricEqualsItsExactComputation() {
        String reference = write("reference", 0, 2_000);
        String analysis = write("analysis", 2_000, 3_000);
        List<ResultRow> rows = compute("""
        monitor: profiled
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        columns: {timestamp: ts, features: [x, s]}
        chunking: {size: 1000}
        calculators:
          profile: {quantiles: [0.05, 0.5, 0.9]}
        """.formatted(reference, analysis)).stream()
                .filter(r -> r.calculator().equals(DataQualityCalculator.PROFILE)
                        && r.period().equals("analysis"))
                .toList();
        Map<String, Double> got = new HashMap<>();
        for (ResultRow r : rows) {
            got.put(r.columnName() + "/" + r.metric() + "/" + r.chunkIndex(), r.value());
            assertThat(r.approximate()).as(r.metric()).isFalse();
            assertThat(r.alert()).isFalse();
        }
        Dataset<Row> expected = session()
                .read()
                .parquet(analysis)
                .selectExpr("*", "cast(floor((unix_seconds(ts) - 1704067200) / 60 / 1000) - 2 as int) as chunk")
                .groupBy("chunk")
                .agg(
                        org.apache.spark.sql.functions.expr("count(1) as rows"),
                        org.apache.spark.sql.functions.expr(
                                "count(case when x is not null and not isnan(x) then 1 end) as x_count"),
                        org.apache.spark.sql.functions.expr("count(1) - count(x) as x_num_nulls"),
                        org.apache.spark.sql.functions.expr("count(case when isnan(x) then 1 end) as x_num_nan"),
                        org.apache.spark.sql.functions.expr("count(case when x = 0 then 1 end) as x_num_zeros"),
                        org.apache.spark.sql.functions.expr(
                                "count(distinct case when not isnan(x) then x end) as x_distinct_count"),
                        org.apache.spark.sql.functions.expr("min(case when not isnan(x) then x end) as x_min"),
                        org.apache.spark.sql.functions.expr("max(case when not isnan(x) then x end) as x_max"),
                        org.apache.spark.sql.functions.expr("avg(case when not isnan(x) then x end) as x_avg"),
                        org.apache.spark.sql.functions.expr(
                                "stddev_samp(case when not isnan(x) then x end) as x_stddev"),
                        org.apache.spark.sql.functions.expr(
                                "percentile(case when not isnan(x) then x end, 0.5) as x_median"),
                        org.apache.spark.sql.functions.expr(
                                "percentile(case when not isnan(x) then x end, 0.05) as x_q05"),
                        org.apache.spark.sql.functions.expr(
                                "percentile(case when not isnan(x) then x end, 0.9) as x_q9"),
                        org.apache.spark.sql.functions.expr("count(s) as s_count"),
                        org.apache.spark.sql.functions.expr("count(1) - count(s) as s_num_nulls"),
                        org.apache.spark.sql.functions.expr("count(distinct s) as s_distinct_count"),
                        org.apache.spark.sql.functions.expr("min(length(s)) as s_min_length"),
                        org.apache.spark.sql.functions.expr("avg(length(s)) as s_avg_length"),
                        org.apache.spark.sql.functions.expr("max(length(s)) as s_max_length"));
        int checked = 0;
        for (Row e : expected.collectAsList()) {
            int chunk = e.getInt(e.fieldIndex("chunk"));
            double n = e.getLong(e.fieldIndex("rows"));
            Map<String, Double> want = new HashMap<>();
            for (String f : e.schema().fieldNames()) {
                if (f.startsWith("x_") || f.startsWith("s_")) {
                    Object v = e.get(e.fieldIndex(f));
                    want.put(f, v == null ? null : ((Number) v).doubleValue());
                }
            }
            want.put("x_percent_null", want.get("x_num_nulls") / n);
            want.put("x_percent_nan", want.get("x_num_nan") / n);
            want.put("x_percent_zeros", want.get("x_num_zeros") / n);
            want.put("x_percent_distinct", want.get("x_distinct_count") / want.get("x_count"));
            want.put("s_percent_null", want.get("s_num_nulls") / n);
            want.put("s_percent_distinct", want.get("s_distinct_count") / want.get("s_count"));
            want.put("x_quantile_0.05", want.remove("x_q05"));
            want.put("x_quantile_0.9", want.remove("x_q9"));
            want.put("x_quantile_0.5", want.get("x_median"));
            for (var w : want.entrySet()) {
                String column = w.getKey().substring(0, 1);
                String metric = w.getKey().substring(2);
                String key = column + "/" + metric + "/" + chunk;
                assertThat(got).as(key).containsKey(key);
                assertThat(got.get(key))
                        .as(key)
                        .isCloseTo(w.getValue(), within(1e-9 * Math.max(1, Math.abs(w.getValue()))));
                assertThat(got.get(key))
                        .as(key)
                        .isCloseTo(w.getValue(), within(1e-9 * Math.max(1, Math.abs(w.getValue()))));
                checked++;
            }
        }
        System.out.printf("profile: %d values checked against Spark SQL%n", checked);
        assertThat(checked).isEqualTo(3 * 25);
        // the profile names every metric on its kind: no NaN or zero counts on strings
        assertThat(got).doesNotContainKey("s/num_nan/0").doesNotContainKey("x/min_length/0");
    }
}
