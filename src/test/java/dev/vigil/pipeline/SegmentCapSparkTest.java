package dev.vigil.pipeline;

import static org.apache.spark.sql.functions.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.Segmentation;
import dev.vigil.results.ResultRow;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code columns.max_segment_values}: a segment column of 1,000 distinct values keeps its 10 most
 * frequent reference values (found here independently, by a Spark count ordered by count then value)
 * as their own segments, and every other row — in the reference and in the analysis, where 50 values
 * the reference never had appear — is in {@code shop=%other}; the segments' rows add up to the whole
 * population's in every chunk. The cross [shop, region] is capped the same way, per value pair; region
 * alone (2 values in the reference) is not capped, so the analysis's new region "east" keeps its
 * segment.
 */
class SegmentCapSparkTest extends SparkTestBase {
    static final int N = 10;
    static final long ROWS = 20_000;

    @TempDir
    static Path dir;

    static Dataset<Row> reference;
    static Dataset<Row> analysis;

    @BeforeAll
    static void data() {
        // shop index floor(1000 (id/ROWS)^3): 2,000 rows of s0, then fewer and fewer, about 7 of s999
        Column u = col("id").divide(ROWS);
        reference = rows(floor(pow(u, 3).multiply(1000)), lit("north"));
        // the analysis: the same head, and 50 shops the reference has not seen
        analysis = rows(
                when(col("id").mod(10).equalTo(0), col("id").mod(50).plus(1000))
                        .otherwise(floor(pow(u, 2).multiply(1000))),
                when(col("id").mod(7).equalTo(0), "east").otherwise("north"));
        reference.write().parquet(dir.resolve("ref").toString());
        analysis.write().parquet(dir.resolve("ana").toString());
    }

    private static Dataset<Row> rows(Column shopIndex, Column third) {
        return session()
                .range(0, ROWS, 1, 4)
                .select(
                        col("id"),
                        timestamp_seconds(col("id").multiply(60).plus(1_700_000_000L))
                                .as("ts"),
                        rand(1).as("x"),
                        concat(lit("s"), shopIndex.cast("long").cast("string")).as("shop"),
                        when(rand(2).lt(0.5), third).otherwise("south").as("region"));
    }

    static List<ResultRow> run() {
        return compute("""
        monitor: cap
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        columns: {timestamp: ts, id: id, features: [x], segments: [shop, [shop, region], region], max_segment_values: %d}
        chunking: {size: 5000}
        calculators: {data_quality: {metrics: [mean]}}
        """.formatted(dir.resolve("ref"), dir.resolve("ana"), N));
    }

    /** The N most frequent values of {@code columns} joined with ',' (count descending, then value). */
    static Set<String> top(Dataset<Row> rows, String... columns) {
        Column[] cols = java.util.Arrays.stream(columns).map(c -> col(c)).toArray(Column[]::new);
        return rows
                .groupBy(cols)
                .count()
                .orderBy(desc("count"), asc(columns[0]), asc(columns[columns.length - 1]))
                .limit(N)
                .collectAsList()
                .stream()
                .map(r -> java.util.stream.IntStream.range(0, columns.length)
                        .mapToObj(r::getString)
                        .collect(Collectors.joining(",")))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void onlyTheMostFrequentValuesKeepTheirSegmentTheRestIsOther() {
        assertThat(reference.select("shop").distinct().count()).isEqualTo(1000);
        Set<String> topShops = top(reference, "shop");
        Set<String> topPairs = top(reference, "shop", "region");
        List<ResultRow> rows = run();
        for (String period : List.of("reference", "analysis")) {
            Dataset<Row> data = period.equals("reference") ? reference : analysis;
            // one row per (segment, chunk): the mean of x
            List<ResultRow> means = rows.stream()
                    .filter(r -> r.period().equals(period) && r.metric().equals("mean"))
                    .toList();
            check(
                    means,
                    "shop=",
                    topShops,
                    data.where(not(col("shop").isin(topShops.toArray()))).count());
            Set<String> pairs = new TreeSet<>();
            topPairs.forEach(p -> pairs.add(p));
            long otherPairs = data.where(
                            not(concat_ws(",", col("shop"), col("region")).isin(pairs.toArray())))
                    .count();
            check(means, "shop,region=", topPairs, otherPairs);
            Set<String> regions = means.stream()
                    .map(ResultRow::segment)
                    .filter(g -> g != null && g.startsWith("region="))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(regions)
                    .as(period + ": region is under the cap")
                    .isEqualTo(
                            period.equals("reference")
                                    ? Set.of("region=north", "region=south")
                                    : Set.of("region=east", "region=north", "region=south"));
        }
    }

    /** The entry's segments are the top values and other, other holds {@code otherRows}, and in every
     * chunk the segments' rows add up to the whole population's. */
    private static void check(List<ResultRow> means, String prefix, Set<String> top, long otherRows) {
        Map<String, Long> whole = new HashMap<>();
        Map<String, Long> sum = new HashMap<>();
        Set<String> values = new TreeSet<>();
        long other = 0;
        for (ResultRow r : means) {
            if (r.segment() == null) {
                whole.put(r.chunkKey(), r.chunkRows());
            } else if (r.segment().startsWith(prefix)) {
                String v = r.segment().substring(prefix.length());
                values.add(v);
                sum.merge(r.chunkKey(), r.chunkRows(), Long::sum);
                if (v.equals(Segmentation.OTHER)) {
                    other += r.chunkRows();
                }
            }
        }
        Set<String> expected = new TreeSet<>(top);
        expected.add(Segmentation.OTHER);
        assertThat(values).as(prefix).isEqualTo(expected);
        assertThat(sum).as(prefix + " rows per chunk").isEqualTo(whole);
        assertThat(other).as(prefix + "%other rows").isEqualTo(otherRows);
        System.out.printf(
                "%s: %d segments; rows per chunk %s = whole %s; %%other %d rows%n",
                prefix, values.size(), sum, whole, other);
    }
}
