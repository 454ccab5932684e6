package dev.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Multiclass average_precision and business_value on hand-computed cases (no Spark): the states are
 * folded from rows as the scan would fold them ({@link StateTables}), CBPE's from rows of class
 * scores without a calibrator (each score is its probability). sklearn is not installed here, so
 * the realized macro AP is also compared, on random rows with ties, with a row-level transcription
 * of sklearn's definition (distinct thresholds, precision at each, weighted by the recall step).
 */
class MulticlassScoreAndValueTest {
    static final List<String> CLASSES = List.of("a", "b", "c");
    static final MulticlassProblem PROBLEM = MulticlassProblem.of(Map.of("a", "sa", "b", "sb", "c", "sc"), "y", "p");

    /** Value of (true class i, predicted class j), rows the true class. */
    static final double[][] BV = {{5, -1, -2}, {-1, 4, -1}, {-3, -1, 6}};

    /** A row's derived columns: its (target, prediction) cell and each class's score on its side. */
    static Map<String, Object> row(String y, String p, double... scores) {
        Map<String, Object> r = new HashMap<>();
        r.put(MulticlassProblem.CELL, y + MulticlassProblem.SEP + p);
        for (int c = 0; c < CLASSES.size(); c++) {
            boolean mine = CLASSES.get(c).equals(y);
            r.put(MulticlassProblem.pos(c), mine ? scores[c] : null);
            r.put(MulticlassProblem.neg(c), mine ? null : scores[c]);
        }
        return r;
    }

    static MulticlassProblem.States chunk(List<Map<String, Object>> rows) {
        return PROBLEM.chunk(StateTables.of(PROBLEM.specs(), List.of(rows)), null, 0);
    }

    static RealizedPerformanceConfig settings(boolean perPrediction) {
        return new RealizedPerformanceConfig(List.of(), BV, perPrediction, null);
    }

    static Measure<MulticlassProblem.States, MulticlassExpected> measure(String metric, boolean perPrediction) {
        List<? extends Measure<MulticlassProblem.States, MulticlassExpected>> m =
                PerformanceMetrics.get(metric).multiclass(settings(perPrediction), CLASSES);
        assertThat(m).hasSize(1);
        return m.get(0);
    }

    /**
     * Six rows (target; scores a, b, c):
     *
     * <pre>
     * a; .7 .2 .1    a; .4 .5 .1    b; .3 .6 .1    b; .5 .2 .3    c; .2 .3 .5    c; .1 .1 .8
     * </pre>
     *
     * Class a by score: .7(+) .5 .4(+) .3 .2 .1 → R .5 at P 1, R 1 at P 2/3: AP = .5 + .5·2/3 = 5/6.
     * Class b: .6(+) .5 .3 then .2 tied (one +, one −) .1 → .5·1 + .5·(2/5) = .7. Class c: .8(+)
     * .5(+) → 1. Macro: (5/6 + .7 + 1) / 3 = 38/45.
     */
    static List<Map<String, Object>> sixRows() {
        return List.of(
                row("a", "a", .7, .2, .1),
                row("a", "b", .4, .5, .1),
                row("b", "b", .3, .6, .1),
                row("b", "a", .5, .2, .3),
                row("c", "c", .2, .3, .5),
                row("c", "c", .1, .1, .8));
    }

    @Test
    void realizedMacroAveragePrecisionByHand() {
        Measure<MulticlassProblem.States, MulticlassExpected> ap = measure("average_precision", false);
        assertThat(ap.realized(chunk(sixRows()))).isCloseTo(38.0 / 45, within(1e-15));
        assertThat(ap.rule().lowerLimit()).isEqualTo(0.0);
        assertThat(ap.rule().upperLimit()).isEqualTo(1.0);
        // without class c among the targets sklearn has no one-vs-rest value for it: NaN, said why
        assertThat(ap.realized(chunk(sixRows().subList(0, 4)))).isNaN();
        assertThat(ap.undefinedBecause()).contains("not every class");
        assertThat(ap.realized(chunk(List.of()))).isNaN();
    }

    /**
     * The multiclass AP sampling error combines the classes' binary bootstrap components {σ_c, S_c}
     * as NannyML: √(mean_c σ_c²·S_c / n). Each class's component is the binary one of that class
     * against the rest.
     */
    @Test
    void averagePrecisionSamplingErrorCombinesTheClassBootstraps() {
        Measure<MulticlassProblem.States, MulticlassExpected> ap = measure("average_precision", false);
        List<Map<String, Object>> rows = randomRows(new Random(11), 400, 10);
        MulticlassProblem.States reference = chunk(rows);
        double[] k = ap.component(reference);
        assertThat(k).hasSize(6);
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            var p = reference.positives(c).sortedArrays();
            var q = reference.negatives(c).sortedArrays();
            double[] binary =
                    ClassificationMath.averagePrecisionComponent(p.values(), p.counts(), q.values(), q.counts());
            assertThat(new double[] {k[2 * c], k[2 * c + 1]}).containsExactly(binary);
            assertThat(binary[1]).isEqualTo(200); // S = min(400 / 2, 50,000)
            sum += binary[0] * binary[0] * 200 / 100;
        }
        assertThat(ap.samplingError(k, 100)).isCloseTo(Math.sqrt(sum / 3), within(1e-15));
        // the rule on round numbers: σ .1, .2, .3, S 50, n 100 → σ²S/n = .005, .02, .045; √(.07/3) = .1527525
        assertThat(ap.samplingError(new double[] {.1, 50, .2, 50, .3, 50}, 100))
                .isCloseTo(0.15275252316519466, within(1e-15));
    }

    /**
     * Random rows with scores on a coarse grid (ties within and across classes), every class among
     * the targets: the macro AP from the grouped states equals the mean over the classes of
     * sklearn's definition applied row by row.
     */
    @Test
    void realizedMacroAveragePrecisionAgreesWithSklearnsDefinitionRowByRow() {
        Random random = new Random(7);
        double largest = 0;
        for (int trial = 0; trial < 20; trial++) {
            List<Map<String, Object>> rows = randomRows(random, 50 + random.nextInt(200), 2 + random.nextInt(20));
            double expected = 0;
            for (int c = 0; c < 3; c++) {
                expected += sklearnAveragePrecision(rows, c) / 3;
            }
            double got = measure("average_precision", false).realized(chunk(rows));
            largest = Math.max(largest, Math.abs(got - expected));
        }
        assertThat(largest).isLessThan(1e-12);
    }

    /** Rows with targets cycling through the classes and scores on {@code grid} steps. */
    static List<Map<String, Object>> randomRows(Random random, int n, int grid) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String y = CLASSES.get(i % 3);
            double[] s = new double[3];
            for (int c = 0; c < 3; c++) {
                s[c] = random.nextInt(grid + 1) / (double) grid;
            }
            rows.add(row(y, CLASSES.get(random.nextInt(3)), s));
        }
        return rows;
    }

    /**
     * sklearn's average precision of class c against the rest, from the rows themselves: for each
     * distinct score t (descending), precision = positives with score ≥ t / rows with score ≥ t,
     * weighted by the increase in recall.
     */
    static double sklearnAveragePrecision(List<Map<String, Object>> rows, int c) {
        double[] scores =
                rows.stream().mapToDouble(r -> score(r, c)).distinct().sorted().toArray();
        long positives = rows.stream()
                .filter(r -> r.get(MulticlassProblem.pos(c)) != null)
                .count();
        double ap = 0;
        double previousRecall = 0;
        for (int t = scores.length - 1; t >= 0; t--) {
            double threshold = scores[t];
            long above = rows.stream().filter(r -> score(r, c) >= threshold).count();
            long hits = rows.stream()
                    .filter(r -> score(r, c) >= threshold && r.get(MulticlassProblem.pos(c)) != null)
                    .count();
            double recall = (double) hits / positives;
            ap += (recall - previousRecall) * hits / above;
            previousRecall = recall;
        }
        return ap;
    }

    static double score(Map<String, Object> row, int c) {
        Object pos = row.get(MulticlassProblem.pos(c));
        return (Double) (pos != null ? pos : row.get(MulticlassProblem.neg(c)));
    }

    /**
     * Thirteen rows in the confusion table (rows true a, b, c; columns predicted a, b, c):
     *
     * <pre>
     * 3 1 0
     * 1 2 1
     * 0 1 4
     * </pre>
     */
    static List<Map<String, Object>> thirteenRows() {
        int[][] table = {{3, 1, 0}, {1, 2, 1}, {0, 1, 4}};
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int r = 0; r < table[i][j]; r++) {
                    rows.add(row(CLASSES.get(i), CLASSES.get(j), 1 / 3.0, 1 / 3.0, 1 / 3.0));
                }
            }
        }
        return rows;
    }

    /**
     * Σ cell·value: 3·5 + 1·(−1) + 1·(−1) + 2·4 + 1·(−1) + 1·(−1) + 4·6 = 43. Per prediction, each
     * predicted column's mean value: a (3·5 − 1) / 4 = 3.5, b (−1 + 8 − 1) / 4 = 1.5, c (−1 + 24) /
     * 5 = 4.6; sum 9.6. A chunk (a→a, b→a) predicting only a: 5 − 1 = 4; per prediction (5 − 1) / 2
     * = 2, the empty columns b and c adding 0.
     */
    @Test
    void realizedBusinessValueByHand() {
        MulticlassProblem.States chunk = chunk(thirteenRows());
        assertThat(measure("business_value", false).realized(chunk)).isCloseTo(43, within(1e-12));
        assertThat(measure("business_value", true).realized(chunk)).isCloseTo(9.6, within(1e-12));
        MulticlassProblem.States onlyA = chunk(List.of(row("a", "a", 1, 0, 0), row("b", "a", 1, 0, 0)));
        assertThat(measure("business_value", false).realized(onlyA)).isEqualTo(4);
        assertThat(measure("business_value", true).realized(onlyA)).isEqualTo(2);
        // a single label is no special case for multiclass (NannyML's k×k matrix keeps its labels)
        assertThat(measure("business_value", false).realized(chunk(List.of(row("c", "c", 0, 0, 1)))))
                .isEqualTo(6);
        assertThat(measure("business_value", false).realized(chunk(List.of()))).isNaN();
        assertThat(measure("business_value", false).rule().lowerLimit()).isNull();
        assertThat(measure("business_value", false).rule().upperLimit()).isNull();
    }

    /**
     * The thirteen per-row values 5,5,5,−1,−1,4,4,−1,−1,6,6,6,6: Σ 43, Σ v² = 3·25 + 4·1 + 2·16 +
     * 4·36 = 255, so NannyML's sample std (pandas, n − 1) is √((255 − 43²/13) / 12) = 3.0655238…;
     * SE on n rows: σ·√n, per prediction σ / √n.
     */
    @Test
    void businessValueSamplingErrorUsesTheSampleStdOfThePerRowValue() {
        double sigma = Math.sqrt((255 - 43.0 * 43.0 / 13) / 12);
        assertThat(sigma).isCloseTo(3.0655238, within(1e-7));
        Measure<MulticlassProblem.States, MulticlassExpected> total = measure("business_value", false);
        Measure<MulticlassProblem.States, MulticlassExpected> perPrediction = measure("business_value", true);
        MulticlassProblem.States reference = chunk(thirteenRows());
        assertThat(total.samplingError(total.component(reference), 100)).isCloseTo(sigma * 10, within(1e-12));
        assertThat(perPrediction.samplingError(perPrediction.component(reference), 100))
                .isCloseTo(sigma / 10, within(1e-12));
        // the binary metric keeps NannyML's population std: [[TN, FP], [FN, TP]] values 0, 1, 2, 3,
        // counts 1 each, mean 1.5, variance (2.25 + .25 + .25 + 2.25) / 4 = 1.25
        var binary = StateTables.binary(
                "business_value",
                "business_value",
                new RealizedPerformanceConfig(List.of(), new double[][] {{0, 1}, {2, 3}}, false, null));
        BinaryProblem.States b = StateTables.binary(1, 1, 1, 1);
        assertThat(binary.samplingError(binary.component(b), 4)).isCloseTo(Math.sqrt(1.25) * 2, within(1e-12));
    }

    /** CBPE's state without calibration: each row's class scores (summing to 1) are its probabilities. */
    static MulticlassExpected expected(double[][] scores, String[] predicted) {
        MulticlassExpected e =
                new MulticlassExpected(new MulticlassExpected.Calibration(CLASSES, Arrays.asList(new Isotonic[3])), 3);
        for (int i = 0; i < scores.length; i++) {
            e.addRow(scores[i], new String[] {predicted[i]});
        }
        return e;
    }

    static final double[][] CBPE_SCORES = {{.6, .3, .1}, {.2, .5, .3}, {.1, .2, .7}, {.5, .25, .25}};
    static final String[] CBPE_PREDICTED = {"a", "b", "c", "a"};

    /**
     * Expected confusion matrix Σ_{ŷ=j} P_i: column a (rows 1 and 4) a 1.1, b .55, c .35; column b
     * (row 2) .2, .5, .3; column c (row 3) .1, .2, .7. Value: column a 5.5 − .55 − 1.05 = 3.9,
     * column b −.2 + 2 − .3 = 1.5, column c −.2 − .2 + 4.2 = 3.8; total 9.2. Per prediction:
     * 3.9 / 2 + 1.5 / 1 + 3.8 / 1 = 7.25.
     */
    @Test
    void estimatedBusinessValueByHand() {
        MulticlassExpected e = expected(CBPE_SCORES, CBPE_PREDICTED);
        assertThat(measure("business_value", false).estimate(e)).isCloseTo(9.2, within(1e-12));
        assertThat(measure("business_value", true).estimate(e)).isCloseTo(7.25, within(1e-12));
    }

    /**
     * Per class, rows by raw score descending with the cumulative probability TP_k as expected true
     * positives: AP = Σ_k (TP_k − TP_{k−1}) / TP_n · TP_k / k. Class a: scores .6 .5 .2 .1, TP .6
     * 1.1 1.3 1.4. Class b: .5 .3 .25 .2, TP .5 .8 1.05 1.25. Class c: .7 .3 .25 .1, TP .7 1 1.25
     * 1.35. Macro: the mean of the three.
     */
    @Test
    void estimatedMacroAveragePrecisionByHand() {
        double a = (.6 * .6 / 1 + .5 * 1.1 / 2 + .2 * 1.3 / 3 + .1 * 1.4 / 4) / 1.4;
        double b = (.5 * .5 / 1 + .3 * .8 / 2 + .25 * 1.05 / 3 + .2 * 1.25 / 4) / 1.25;
        double c = (.7 * .7 / 1 + .3 * 1.0 / 2 + .25 * 1.25 / 3 + .1 * 1.35 / 4) / 1.35;
        assertThat(a).isCloseTo(0.5404762, within(1e-7));
        assertThat(b).isCloseTo(0.416, within(1e-12));
        assertThat(c).isCloseTo(0.5762346, within(1e-7));
        MulticlassExpected e = expected(CBPE_SCORES, CBPE_PREDICTED);
        assertThat(measure("average_precision", false).estimate(e)).isCloseTo((a + b + c) / 3, within(1e-12));
    }
}
