package dev.vigil.performance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.results.ResultRow;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fairness} on generated data with a bias injected in one segment value: calibrated scores,
 * the prediction {@code score ≥ 0.5}, the target drawn from the score; from the third analysis chunk
 * on, the model predicts 1 for region=APAC (5% of the rows) on every low score and on 35% of the high
 * ones: a higher positive rate, a lower TPR and a lower precision there. Every fairness metric,
 * realized and estimated, alerts on APAC in those chunks, and on nothing else: not on APAC before,
 * not on the other four regions, not on the reference. Another region's rest holds APAC's rows, so
 * its differences move too, by APAC's change × APAC's share of that rest (here about 1/15 of it): with
 * 4 regions × 4 chunks × 5 metrics besides APAC's, the thresholds are set to ± 4σ (through {@code
 * thresholds.fairness.<metric>}) so that this and chance leave the other regions quiet, while APAC's
 * change is 6σ or more.
 */
class FairnessSparkTest extends SparkTestBase {
    static final int CHUNK = 6_000;
    static final double APAC = 0.05;
    static final List<String> OTHERS = List.of("EU", "US", "LATAM", "AFRICA");
    static final int REFERENCE_CHUNKS = 10;
    static final int ANALYSIS_CHUNKS = 4;
    static final int BIASED_FROM = 2;

    @TempDir
    static Path dir;

    private static Dataset<Row> rows(long from, long to, long biasedFrom) {
        Column u = rand(11);
        Column region = when(u.lt(APAC), lit("APAC"));
        for (int i = 0; i < OTHERS.size() - 1; i++) {
            region = region.when(u.lt(APAC + (1 - APAC) * (i + 1) / OTHERS.size()), lit(OTHERS.get(i)));
        }
        region = region.otherwise(lit(OTHERS.get(OTHERS.size() - 1)));
        Column score = round(rand(12), 3);
        Column target = when(rand(13).lt(col("score")), 1).otherwise(0);
        Column fair = when(col("score").geq(0.5), 1).otherwise(0);
        // APAC's bias: 1 on every low score, on 35% of the high ones
        Column biased = when(col("score").lt(0.5).or(rand(14).lt(0.35)), 1).otherwise(0);
        return session()
                .range(from, to, 1, 2)
                .select(
                        col("id"),
                        timestamp_seconds(col("id").multiply(60).plus(1_700_000_000L))
                                .as("ts"),
                        region.as("region"),
                        score.as("score"),
                        rand(15).as("x"))
                .withColumn("target", target)
                .withColumn(
                        "pred",
                        when(col("region").equalTo("APAC").and(col("id").geq(biasedFrom)), biased)
                                .otherwise(fair));
    }

    /**
     * Mean ± 4σ of the reference chunks for every fairness metric, through the thresholds section:
     * see the class comment for why 4 rather than NannyML's 3.
     */
    private static String thresholds() {
        return FairnessMetrics.NAMES.stream()
                .map(m -> "  fairness." + m
                        + ": {type: standard_deviation, std_lower_multiplier: 4, std_upper_multiplier: 4}")
                .collect(Collectors.joining("\n"));
    }

    @Test
    void alertsOnTheBiasedSegmentOnlyAndOnlyWhereTheBiasIs() {
        long ref = (long) CHUNK * REFERENCE_CHUNKS;
        long end = ref + (long) CHUNK * ANALYSIS_CHUNKS;
        rows(0, ref, Long.MAX_VALUE).write().parquet(dir.resolve("reference").toString());
        rows(ref, end, ref + (long) CHUNK * BIASED_FROM)
                .write()
                .parquet(dir.resolve("analysis").toString());
        List<ResultRow> rows =
                compute("""
        monitor: fairness
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        columns: {timestamp: ts, id: id, features: [x], prediction: pred, scores: score, target: target, segments: [region]}
        chunking: {size: %d}
        calculators:
          fairness: {}
        thresholds:
        %s
        """.formatted(dir.resolve("reference"), dir.resolve("analysis"), CHUNK, thresholds()));
        List<ResultRow> fairness = rows.stream()
                .filter(r -> r.calculator().equals(FairnessCalculator.NAME))
                .toList();
        // 5 regions × 14 chunks × 5 metrics
        assertThat(fairness).hasSize(5 * (REFERENCE_CHUNKS + ANALYSIS_CHUNKS) * 5);
        assertThat(fairness).allMatch(r -> "region".equals(r.columnName()) && r.segment() != null);

        for (String metric : FairnessMetrics.NAMES) {
            System.out.printf("%s (value [lower, upper], * alert), analysis chunks 0..3:%n", metric);
            for (String region : java.util.stream.Stream.concat(java.util.stream.Stream.of("APAC"), OTHERS.stream())
                    .toList()) {
                String line = fairness.stream()
                        .filter(r -> r.metric().equals(metric)
                                && r.segment().equals("region=" + region)
                                && r.period().equals("analysis"))
                        .map(r -> String.format(
                                "%+.3f [%+.3f, %+.3f]%s",
                                r.value(), r.lowerThreshold(), r.upperThreshold(), r.alert() ? "*" : " "))
                        .collect(Collectors.joining(" "));
                System.out.printf("  %-7s %s%n", region, line);
            }
        }
        Map<String, List<Integer>> alerted = new TreeMap<>();
        for (ResultRow r : fairness) {
            if (r.alert()) {
                alerted.computeIfAbsent(
                                r.period() + " " + r.segment() + " " + r.metric(), k -> new java.util.ArrayList<>())
                        .add(r.chunkIndex());
            }
        }
        System.out.println("fairness alerts: " + alerted);
        Map<String, List<Integer>> expected = new TreeMap<>();
        for (String metric : FairnessMetrics.NAMES) {
            expected.put("analysis region=APAC " + metric, List.of(2, 3));
        }
        assertThat(alerted).isEqualTo(expected);

        // every value is there (no segment lacks positives or predictions in a chunk of 5,000)
        assertThat(fairness).allMatch(r -> r.value() != null && r.samplingError() != null);
        // the estimated rows carry the realized difference of the same chunk
        assertThat(fairness.stream().filter(r -> FairnessMetrics.isEstimated(r.metric())))
                .allMatch(r -> r.realized() != null && r.lowerConfidenceBound() != null);
    }
}
