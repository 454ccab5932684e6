package dev.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Small cases worked by hand (sklearn's definitions), the confusion-matrix metrics through their
 * measures.
 */
class ClassificationMathTest {
    static TreeMap<Double, Long> counts(double... scores) {
        TreeMap<Double, Long> m = new TreeMap<>();
        for (double s : scores) {
            m.merge(s, 1L, Long::sum);
        }
        return m;
    }

    @Test
    void rocAucCountsTiesHalf() {
        // positives 0.8, 0.4; negatives 0.4, 0.1: pairs (0.8>0.4)(0.8>0.1)(0.4=0.4 → ½)(0.4>0.1) = 3.5
        // / 4
        assertThat(ClassificationMath.rocAuc(counts(0.8, 0.4), counts(0.4, 0.1)))
                .isCloseTo(0.875, within(1e-15));
        assertThat(ClassificationMath.rocAuc(counts(0.8), counts())).isNaN();
    }

    @Test
    void averagePrecisionIsSklearns() {
        // y = [1,0,1,0], s = [0.9,0.8,0.7,0.1]: thresholds 0.9 (P=1,R=.5), 0.8 (P=.5,R=.5), 0.7
        // (P=2/3,R=1)
        // AP = 0.5·1 + 0 + 0.5·2/3 = 0.8333…
        assertThat(ClassificationMath.averagePrecision(counts(0.9, 0.7), counts(0.8, 0.1)))
                .isCloseTo(0.5 + 0.5 * 2 / 3.0, within(1e-15));
        assertThat(ClassificationMath.averagePrecision(counts(), counts(0.3))).isNaN();
    }

    static double realized(String metric, BinaryProblem.States c) {
        return StateTables.binary(metric).realized(c);
    }

    @Test
    void confusionMetricsAndTheirNaNRules() {
        BinaryProblem.States c = StateTables.binary(50, 10, 5, 35);
        assertThat(realized("precision", c)).isCloseTo(35 / 45.0, within(1e-15));
        assertThat(realized("recall", c)).isCloseTo(35 / 40.0, within(1e-15));
        assertThat(realized("f1", c)).isCloseTo(70 / 85.0, within(1e-15));
        assertThat(realized("specificity", c)).isCloseTo(50 / 60.0, within(1e-15));
        assertThat(realized("accuracy", c)).isCloseTo(0.85, within(1e-15));
        double[][] bv = {{0, -200}, {-100, 1000}};
        RealizedPerformanceConfig withValues = new RealizedPerformanceConfig(List.of(), bv, false, null);
        assertThat(StateTables.binary("business_value", "business_value", withValues)
                        .realized(c))
                .isEqualTo(35 * 1000 - 10 * 200 - 5 * 100);
        BinaryProblem.States onlyNegatives = StateTables.binary(7, 3, 0, 0);
        assertThat(realized("f1", onlyNegatives)).isNaN();
        assertThat(realized("specificity", onlyNegatives)).isCloseTo(0.7, within(1e-15));
        assertThat(realized("accuracy", onlyNegatives)).isCloseTo(0.7, within(1e-15));
        // one label only: NannyML's 1×1 confusion matrix broadcast
        RealizedPerformanceConfig small =
                new RealizedPerformanceConfig(List.of(), new double[][] {{1, 2}, {3, 4}}, false, null);
        assertThat(StateTables.binary("business_value", "business_value", small)
                        .realized(StateTables.binary(4, 0, 0, 0)))
                .isEqualTo(40);
        assertThat(realized("specificity", StateTables.binary(4, 0, 0, 0))).isNaN();
        assertThat(realized("accuracy", StateTables.binary(0, 0, 0, 0))).isNaN();
    }

    static double cell(String cell, String normalization, BinaryProblem.States c) {
        return StateTables.binary("confusion_matrix", cell, StateTables.settings(normalization))
                .realized(c);
    }

    @Test
    void normalisedConfusionCellsAsSklearn() {
        // tn 4, fp 1, fn 2, tp 3: sklearn's confusion_matrix(normalize=...) [[tn, fp], [fn, tp]]
        BinaryProblem.States c = StateTables.binary(4, 1, 2, 3);
        assertThat(cell("true_positive", null, c)).isEqualTo(3);
        assertThat(cell("true_positive", "all", c)).isEqualTo(0.3);
        assertThat(cell("true_positive", "true", c)).isEqualTo(3.0 / 5);
        assertThat(cell("false_negative", "true", c)).isEqualTo(2.0 / 5);
        assertThat(cell("true_negative", "true", c)).isEqualTo(4.0 / 5);
        assertThat(cell("false_positive", "true", c)).isEqualTo(1.0 / 5);
        assertThat(cell("true_positive", "pred", c)).isEqualTo(3.0 / 4);
        assertThat(cell("false_positive", "pred", c)).isEqualTo(1.0 / 4);
        assertThat(cell("true_negative", "pred", c)).isEqualTo(4.0 / 6);
        assertThat(cell("false_negative", "pred", c)).isEqualTo(2.0 / 6);
        assertThat(cell("true_positive", null, StateTables.binary(0, 0, 0, 0))).isNaN();
    }

    /** NannyML's sampling-error components on the whole reference, worked by hand. */
    @Test
    void samplingErrorsFromTheWholeReference() {
        BinaryProblem.States ref = StateTables.binary(50, 10, 5, 35);
        Measure<BinaryProblem.States, Cbpe.Chunk> precision = StateTables.binary("precision");
        double q = 35 / 45.0;
        assertThat(precision.component(ref)).containsExactly(Math.sqrt(q * (1 - q)), 45 / 100.0);
        assertThat(precision.samplingError(precision.component(ref), 400))
                .isCloseTo(Math.sqrt(q * (1 - q)) / Math.sqrt(400 * 0.45), within(1e-15));
        // F1: NannyML's factor (TP + FN + FP) / (TP + ½(FN + FP)) on the std among TP + FN + FP rows
        double f = 35 / 50.0;
        assertThat(StateTables.binary("f1").component(ref)).containsExactly(50 / 42.5 * Math.sqrt(f * (1 - f)), 0.5);
        // an unnormalised cell: std of its indicator · √n
        Measure<BinaryProblem.States, Cbpe.Chunk> tp =
                StateTables.binary("confusion_matrix", "true_positive", StateTables.settings(null));
        assertThat(tp.samplingError(tp.component(ref), 100)).isCloseTo(Math.sqrt(0.35 * 0.65) * 10, within(1e-12));
    }
}
