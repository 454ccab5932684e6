package dev.vigil.performance;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.generate.SyntheticData;
import dev.vigil.results.ResultRow;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * performance_gap on the generated data, whose second half of the analysis changes its concept (the
 * targets' relation to the inputs, {@link SyntheticData}) as well as its inputs: CBPE follows the
 * inputs, the targets show the model failing, and the gap alerts there and only there. Analysis
 * chunks 0-4 are drawn as the reference, 5-9 drifted (2,000 rows each).
 */
class PerformanceGapSparkTest extends SparkTestBase {
    @TempDir
    static Path dir;

    static final List<String> METRICS = List.of("roc_auc", "f1", "accuracy");

    @BeforeAll
    static void data() {
        SyntheticData.write(
                session(), dir.toString(), new SyntheticData.Options(20_000, 20_000, 4, 11, 0.5, "parquet"));
        // covariate shift alone: analysis drawn as the reference, its second half only where num_0 > 0.5
        Path shifted = dir.resolve("shifted");
        SyntheticData.write(
                session(), shifted.toString(), new SyntheticData.Options(60_000, 20_000, 4, 12, 1.0, "parquet"));
        Dataset<Row> a = session().read().parquet(shifted.resolve("analysis").toString());
        long firstShifted = 20_000 + 10_000;
        a.where(col("id").lt(firstShifted).or(col("num_0").gt(0.5)))
                .write()
                .parquet(shifted.resolve("analysis_shifted").toString());
    }

    static List<ResultRow> run(String gap) {
        return run("", "analysis", gap);
    }

    static List<ResultRow> run(String data, String analysis, String gap) {
        Path d = dir.resolve(data);
        return compute("""
        monitor: gap
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        targets: {path: %s, format: parquet, join_on: id}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba, target: repaid,
                  segments: [region]}
        chunking: {size: 2000}
        calculators: {estimated_performance: {metrics: [roc_auc, f1, accuracy]%s}}
        """.formatted(d.resolve("reference"), d.resolve(analysis), d.resolve("analysis_targets"), gap));
    }

    static String key(ResultRow r) {
        return r.metric() + "|" + r.segment() + "|" + r.period() + "|" + r.chunkIndex();
    }

    @Test
    void theGapIsRealizedMinusEstimatedAndAlertsWhereTheConceptChanged() {
        List<ResultRow> rows = run("");
        Map<String, ResultRow> estimates = new HashMap<>();
        Map<String, ResultRow> gaps = new HashMap<>();
        for (ResultRow r : rows) {
            if (r.calculator().equals(EstimatedPerformanceCalculator.NAME)) {
                estimates.put(key(r), r);
            } else if (r.calculator().equals(PerformanceGap.NAME)) {
                gaps.put(key(r), r);
            }
        }
        // every estimate with a realized value (every chunk here has targets) has its gap row, and no other
        long withRealized = estimates.values().stream()
                .filter(e -> e.value() != null && e.realized() != null)
                .count();
        assertThat(gaps).hasSize((int) withRealized);
        assertThat(withRealized).isGreaterThanOrEqualTo(3 * 20 * 5 - 3); // metrics × chunks × (whole + 4 regions)
        Map<String, Integer> alertsByPart = new TreeMap<>();
        for (ResultRow g : gaps.values()) {
            ResultRow e = estimates.get(key(g));
            String at = key(g);
            assertThat(g.columnName()).isNull();
            assertThat(g.value()).as(at).isCloseTo(e.realized() - e.value(), within(1e-12));
            assertThat(g.samplingError()).as(at).isEqualTo(e.samplingError());
            assertThat(g.lowerThreshold()).as(at).isCloseTo(-3 * e.samplingError(), within(1e-12));
            assertThat(g.upperThreshold()).as(at).isCloseTo(3 * e.samplingError(), within(1e-12));
            assertThat(g.alert()).as(at).isEqualTo(Math.abs(g.value()) > 3 * e.samplingError());
            if (g.segment() == null) {
                String part = g.period().equals("reference")
                        ? "reference"
                        : g.chunkIndex() < 5 ? "analysis before the change" : "analysis after the change";
                alertsByPart.merge(part + " " + g.metric(), g.alert() ? 1 : 0, Integer::sum);
            }
        }
        System.out.println(
                "performance_gap alerts, whole population, of 10 reference and 5 + 5 analysis chunks: " + alertsByPart);
        for (String m : METRICS) {
            assertThat(alertsByPart.get("reference " + m)).as(m).isZero();
            assertThat(alertsByPart.get("analysis before the change " + m))
                    .as(m)
                    .isZero();
        }
        assertThat(alertsByPart.get("analysis after the change roc_auc")).isEqualTo(5);
        assertThat(alertsByPart.get("analysis after the change accuracy")).isGreaterThanOrEqualTo(4);
    }

    /**
     * Inputs shifted, concept unchanged (the second half of the analysis keeps only rows with num_0 >
     * 0.5, whose outcomes follow the model): the performance moves, CBPE follows it, and the gap
     * does not alert.
     */
    @Test
    void aCovariateShiftAloneLeavesTheGapQuiet() {
        List<ResultRow> rows = run("shifted", "analysis_shifted", "");
        long gapAlerts = 0;
        long gapRows = 0;
        double moved = 0;
        for (ResultRow r : rows) {
            if (r.segment() != null || !r.period().equals("analysis")) {
                continue;
            }
            if (r.calculator().equals(PerformanceGap.NAME)) {
                gapRows++;
                gapAlerts += r.alert() ? 1 : 0;
            } else if (r.metric().equals("accuracy") && r.chunkIndex() >= 5 && r.realized() != null) {
                // how far the shifted chunks' accuracy is from the unshifted reference's, in sampling errors
                moved = Math.max(moved, Math.abs(r.realized() - reference(rows)) / r.samplingError());
            }
        }
        System.out.printf(
                "covariate shift only: %d of %d performance_gap rows alert; the shifted chunks' realized accuracy"
                        + " is up to %.1f sampling errors from the reference's%n",
                gapAlerts, gapRows, moved);
        assertThat(gapRows).isGreaterThanOrEqualTo(3 * 10);
        assertThat(moved).as("the shift moves the performance").isGreaterThan(3);
        assertThat(gapAlerts).isZero();
    }

    /** The reference chunks' mean realized accuracy. */
    private static double reference(List<ResultRow> rows) {
        return rows.stream()
                .filter(r -> r.segment() == null
                        && r.period().equals("reference")
                        && r.calculator().equals(EstimatedPerformanceCalculator.NAME)
                        && r.metric().equals("accuracy"))
                .mapToDouble(ResultRow::realized)
                .average()
                .orElseThrow();
    }

    @Test
    void nullTurnsTheGapOff() {
        List<ResultRow> rows = run(", performance_gap: null");
        assertThat(rows).extracting(ResultRow::calculator).doesNotContain(PerformanceGap.NAME);
        assertThat(rows).extracting(ResultRow::calculator).contains(EstimatedPerformanceCalculator.NAME);
    }
}
