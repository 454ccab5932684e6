package dev.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Measurement;
import dev.vigil.performance.EstimatedPerformanceConfig.Calibration;
import dev.vigil.stats.StateSpec;
import dev.vigil.testing.InMemoryScan;
import dev.vigil.thresholds.Threshold;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fairness metrics on a few rows, worked by hand: each segment value's rate against the rest of
 * its chunk (the whole chunk minus the segment), realized from the counted confusion cells and
 * estimated from the scores as CBPE's expected cells; their sampling errors, thresholds, alerts and
 * the notes of the values that cannot be computed. No Spark: {@link InMemoryScan} folds the derived
 * columns' values into the scan's states.
 */
class FairnessCalculatorTest {
    private static final List<String> ALL = FairnessMetrics.NAMES;

    /** A row of the derived columns the scan would add: region, target (null: none), prediction, score. */
    private static Map<String, Object> row(String region, Integer y, int p, double score) {
        Map<String, Object> r = new HashMap<>();
        r.put("region", region);
        r.put(FairnessCalculator.PRED, String.valueOf(p));
        r.put(BinaryProblem.CELL, y == null ? null : String.valueOf(2 * y + p));
        r.put(BinaryProblem.POS, y != null && y == 1 ? score : null);
        r.put(BinaryProblem.NEG, y != null && y == 0 ? score : null);
        r.put(BinaryProblem.PRED1, p == 1 ? score : null);
        r.put(BinaryProblem.PRED0, p == 0 ? score : null);
        r.put(EstimatedPerformanceCalculator.FOLD, (double) Math.abs(r.hashCode() % 10));
        return r;
    }

    private static void add(List<Map<String, Object>> rows, int times, String region, Integer y, int p, double s) {
        for (int i = 0; i < times; i++) {
            rows.add(row(region, y, p, s));
        }
    }

    /**
     * Chunk X. A: TP 3 (scores .9 .8 .7), FP 1 (.6), FN 1 (.4), TN 3 (.3 .2 .1); B: TP 1 (.5), FP 1
     * (.5), FN 3 (.25), TN 5 (.25); C: 2 rows predicted 1 with score .9 and no target.
     */
    private static List<Map<String, Object>> chunkX() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("A", 1, 1, 0.9));
        rows.add(row("A", 1, 1, 0.8));
        rows.add(row("A", 1, 1, 0.7));
        rows.add(row("A", 0, 1, 0.6));
        rows.add(row("A", 1, 0, 0.4));
        rows.add(row("A", 0, 0, 0.3));
        rows.add(row("A", 0, 0, 0.2));
        rows.add(row("A", 0, 0, 0.1));
        commonBc(rows);
        return rows;
    }

    private static void commonBc(List<Map<String, Object>> rows) {
        add(rows, 1, "B", 1, 1, 0.5);
        add(rows, 1, "B", 0, 1, 0.5);
        add(rows, 3, "B", 1, 0, 0.25);
        add(rows, 5, "B", 0, 0, 0.25);
        add(rows, 2, "C", null, 1, 0.9);
    }

    /** Chunk Y: A has TP 2, FN 2, TN 4 (predicted 1 on 2 of 8 rows); B and C as in X. */
    private static List<Map<String, Object>> chunkY() {
        List<Map<String, Object>> rows = new ArrayList<>();
        add(rows, 2, "A", 1, 1, 0.8);
        add(rows, 2, "A", 1, 0, 0.4);
        add(rows, 4, "A", 0, 0, 0.2);
        commonBc(rows);
        return rows;
    }

    /** Chunk Z: every row of A predicted 1 (4 positives, 4 negatives); B and C as in X. */
    private static List<Map<String, Object>> chunkZ() {
        List<Map<String, Object>> rows = new ArrayList<>();
        add(rows, 4, "A", 1, 1, 0.9);
        add(rows, 4, "A", 0, 1, 0.6);
        commonBc(rows);
        return rows;
    }

    private static FairnessCalculator calculator(List<String> metrics, Map<String, Threshold> overrides) {
        return new FairnessCalculator(
                new FairnessConfig(metrics, Calibration.NEVER), "y", "p", "s", List.of("id"), overrides);
    }

    /**
     * The reference pass and fit; the calibration folds (a row state, read only by calibration: auto)
     * are left out, calibration being never here.
     */
    private static FittedCalculator fit(FairnessCalculator c, List<List<Map<String, Object>>> reference) {
        List<StateSpec> specs = c.referenceSpecs().stream()
                .filter(s -> !(s instanceof FoldScoreCounts.Of))
                .toList();
        return c.fit(InMemoryScan.scan(reference, specs, "region"), null);
    }

    private static Measurement find(List<Measurement> rows, String metric, String segment, int chunk) {
        return rows.stream()
                .filter(m -> m.metric().equals(metric) && m.segment().equals(segment) && m.chunkIndex() == chunk)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void eachSegmentAgainstTheRestOfItsChunkByHand() {
        FittedCalculator f = fit(calculator(ALL, Map.of()), List.of(chunkX(), chunkY()));
        List<Measurement> ref = f.reference();
        // 3 segments × 2 chunks × 5 metrics, none for the whole population
        assertThat(ref)
                .hasSize(30)
                .allMatch(m -> m.segment() != null && m.calculator().equals("fairness"));
        assertThat(ref).allMatch(m -> m.column().equals("region"));

        // X, A against B ∪ C: P(ŷ=1) 4/8 vs 4/12; TPR 3/4 vs 1/4 (C has no target); precision 3/4 vs 1/2
        assertThat(find(ref, "statistical_parity_difference", "region=A", 0).value())
                .isCloseTo(0.5 - 4.0 / 12, within(1e-12));
        assertThat(find(ref, "equal_opportunity_difference", "region=A", 0).value())
                .isCloseTo(0.5, within(1e-12));
        assertThat(find(ref, "predictive_parity_difference", "region=A", 0).value())
                .isCloseTo(0.25, within(1e-12));
        // B against A ∪ C: P(ŷ=1) 2/10 vs 6/10; TPR 1/4 vs 3/4; precision 1/2 vs 3/4
        assertThat(find(ref, "statistical_parity_difference", "region=B", 0).value())
                .isCloseTo(0.2 - 0.6, within(1e-12));
        assertThat(find(ref, "equal_opportunity_difference", "region=B", 0).value())
                .isCloseTo(-0.5, within(1e-12));
        // C: predicted 1 on both rows vs 6/18; no target, so no TPR or precision: said so
        assertThat(find(ref, "statistical_parity_difference", "region=C", 0).value())
                .isCloseTo(1 - 6.0 / 18, within(1e-12));
        Measurement eoC = find(ref, "equal_opportunity_difference", "region=C", 0);
        assertThat(eoC.value()).isNull();
        assertThat(eoC.note())
                .isEqualTo("equal_opportunity_difference is null: the segment has no rows with a target and a"
                        + " prediction in this chunk");
        assertThat(find(ref, "predictive_parity_difference", "region=C", 0).note())
                .contains("the segment has no rows with a target and a prediction");

        // estimated, scores as probabilities. A: expected TP .9+.8+.7+.6 = 3, FP 1, FN .4+.3+.2+.1 = 1.
        // rest B ∪ C: TP .5+.5+1.8 = 2.8, FP .5+.5+.2 = 1.2, FN 8 × .25 = 2
        Measurement eeA = find(ref, "estimated_equal_opportunity_difference", "region=A", 0);
        assertThat(eeA.value()).isCloseTo(0.75 - 2.8 / 4.8, within(1e-12));
        assertThat(eeA.realized()).isCloseTo(0.5, within(1e-12));
        assertThat(find(ref, "estimated_predictive_parity_difference", "region=A", 0)
                        .value())
                .isCloseTo(0.75 - 2.8 / 4.0, within(1e-12));
        // C's estimate exists (scores need no target): TPR 1.8/1.8 vs (3+1)/(3+1+1+2)
        assertThat(find(ref, "estimated_equal_opportunity_difference", "region=C", 0)
                        .value())
                .isCloseTo(1 - 4.0 / 7.0, within(1e-12));
        assertThat(find(ref, "estimated_equal_opportunity_difference", "region=C", 0)
                        .realized())
                .isNull();

        // sampling error of SPD for A on chunk X: reference A: 6/16 predicted 1 (X: 4, Y: 2), rest
        // 8/24; √(q_s(1−q_s)/8 + q_r(1−q_r)/12)
        double qs = 6.0 / 16;
        double qr = 8.0 / 24;
        assertThat(find(ref, "statistical_parity_difference", "region=A", 0).samplingError())
                .isCloseTo(Math.sqrt(qs * (1 - qs) / 8 + qr * (1 - qr) / 12), within(1e-12));
        // equal opportunity for A: reference TPR 5/8 over 8 of 16 labelled rows; rest 2/8 over 8 of 20
        double ts = 5.0 / 8;
        double tr = 2.0 / 8;
        assertThat(find(ref, "equal_opportunity_difference", "region=A", 0).samplingError())
                .isCloseTo(
                        Math.sqrt(ts * (1 - ts) / (8 * (8.0 / 16)) + tr * (1 - tr) / (10 * (8.0 / 20))), within(1e-12));
        // the estimate's band is ± 3 of its sampling errors, within [−1, 1]
        assertThat(eeA.value() - eeA.lowerConfidenceBound()).isCloseTo(3 * eeA.samplingError(), within(1e-12));
        assertThat(eeA.upperConfidenceBound()).isEqualTo(1.0); // clipped to the limit

        // thresholds: SPD of A is 1/6 on X and 2/8 − 4/12 = −1/12 on Y: mean 1/24, std 1/8
        Measurement spdY = find(ref, "statistical_parity_difference", "region=A", 1);
        assertThat(spdY.value()).isCloseTo(-1.0 / 12, within(1e-12));
        assertThat(spdY.lowerThreshold()).isCloseTo(1.0 / 24 - 3.0 / 8, within(1e-12));
        assertThat(spdY.upperThreshold()).isCloseTo(1.0 / 24 + 3.0 / 8, within(1e-12));
        // an estimate's thresholds are its realized metric's (CBPE's rule): equal opportunity of A is
        // 1/2 on X and 2/4 − 1/4 = 1/4 on Y, so mean 3/8 ± 3 × 1/8
        Measurement eeY = find(ref, "estimated_equal_opportunity_difference", "region=A", 1);
        assertThat(eeY.lowerThreshold()).isCloseTo(0.0, within(1e-12));
        assertThat(eeY.upperThreshold()).isCloseTo(0.75, within(1e-12));
        assertThat(find(ref, "equal_opportunity_difference", "region=A", 1).upperThreshold())
                .isCloseTo(0.75, within(1e-12));
        assertThat(ref.stream()
                        .filter(Measurement::alert)
                        .map(m -> m.metric() + " " + m.segment() + " " + m.chunkIndex()))
                .containsExactly("estimated_equal_opportunity_difference region=A 1");
        // Y's estimate, A: TP 2 × .8 = 1.6, FN 2 × .4 + 4 × .2 = 1.6, so TPR 1/2 against the rest's
        // 2.8 / 4.8: below the realized band's lower threshold 0
        assertThat(eeY.value()).isCloseTo(0.5 - 2.8 / 4.8, within(1e-12));

        // analysis: X again (no alert) and Z, where A is predicted 1 on every row: 1 − 4/12 = 2/3
        List<Measurement> ana = f.calculate(InMemoryScan.analysis(f, List.of(chunkX(), chunkZ()), "region"));
        Measurement spdZ = find(ana, "statistical_parity_difference", "region=A", 1);
        assertThat(spdZ.value()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(spdZ.alert()).isTrue();
        assertThat(find(ana, "statistical_parity_difference", "region=A", 0).alert())
                .isFalse();
        // Z: A's TPR 4/4 vs 1/4; precision 4/8 vs 1/2
        assertThat(find(ana, "equal_opportunity_difference", "region=A", 1).value())
                .isCloseTo(0.75, within(1e-12));
        assertThat(find(ana, "predictive_parity_difference", "region=A", 1).value())
                .isCloseTo(0.0, within(1e-12));
    }

    /**
     * A chunk holding one segment value only leaves the rest without rows: null, and said so; a
     * configured threshold replaces the standard one.
     */
    @Test
    void anEmptyRestIsExplainedAndThresholdsFollowTheConfiguration() {
        List<Map<String, Object>> onlyA = new ArrayList<>();
        add(onlyA, 3, "A", 1, 1, 0.9);
        add(onlyA, 2, "A", 0, 0, 0.2);
        FairnessCalculator c = calculator(
                List.of("statistical_parity_difference", "estimated_predictive_parity_difference"),
                Map.of("statistical_parity_difference", new Threshold.Constant(-0.1, 0.1)));
        FittedCalculator f = fit(c, List.of(chunkX(), onlyA));
        Measurement spd = find(f.reference(), "statistical_parity_difference", "region=A", 1);
        assertThat(spd.value()).isNull();
        assertThat(spd.alert()).isFalse();
        assertThat(spd.note())
                .isEqualTo("statistical_parity_difference is null: the rest of the chunk (the rows outside the"
                        + " segment) has no rows with a prediction in this chunk");
        Measurement est = find(f.reference(), "estimated_predictive_parity_difference", "region=A", 1);
        assertThat(est.value()).isNull();
        assertThat(est.note()).contains("the rest of the chunk").contains("rows with a score and a prediction");
        // the constant threshold: SPD of A on X is 1/6 > 0.1
        Measurement x = find(f.reference(), "statistical_parity_difference", "region=A", 0);
        assertThat(x.lowerThreshold()).isEqualTo(-0.1);
        assertThat(x.upperThreshold()).isEqualTo(0.1);
        assertThat(x.alert()).isTrue();
        // B is absent from the second chunk: its rows there say why
        assertThat(find(f.reference(), "statistical_parity_difference", "region=B", 1)
                        .note())
                .contains("the segment has no rows with a prediction");
    }

    /** The sampling error of a difference of two proportions, and the rest as whole minus segment. */
    @Test
    void samplingErrorAndRestArithmetic() {
        FairnessMetric eo = new FairnessMetric.EqualOpportunity();
        FairnessCounts segment = new FairnessCounts(10, 4, 3, 1, 1, 5);
        FairnessCounts whole = new FairnessCounts(30, 12, 8, 4, 4, 14);
        FairnessCounts rest = whole.minus(segment);
        assertThat(rest).isEqualTo(new FairnessCounts(20, 8, 5, 3, 3, 9));
        assertThat(eo.rate(segment)).isEqualTo(0.75);
        assertThat(eo.rate(rest)).isEqualTo(5.0 / 8);
        double[] k = eo.component(segment, rest);
        // q(1−q) and the share of positives among the labelled rows, for each group
        assertThat(k).containsExactly(0.75 * 0.25, 0.4, 5.0 / 8 * 3.0 / 8, 0.4);
        assertThat(FairnessMetric.samplingError(k, 100, 300))
                .isCloseTo(Math.sqrt(0.1875 / 40 + (15.0 / 64) / 120), within(1e-15));
        assertThat(new FairnessMetric.PredictiveParity().rate(new FairnessCounts(5, 0, 0, 0, 2, 3)))
                .isNaN();
    }
}
