package dev.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.performance.ClassificationMath.Confusion;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Small cases worked by hand (sklearn's definitions). */
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

  @Test
  void confusionMetricsAndTheirNaNRules() {
    Confusion c = new Confusion(50, 10, 5, 35);
    assertThat(ClassificationMath.precision(c)).isCloseTo(35 / 45.0, within(1e-15));
    assertThat(ClassificationMath.recall(c)).isCloseTo(35 / 40.0, within(1e-15));
    assertThat(ClassificationMath.f1(c)).isCloseTo(70 / 85.0, within(1e-15));
    assertThat(ClassificationMath.specificity(c)).isCloseTo(50 / 60.0, within(1e-15));
    assertThat(ClassificationMath.accuracy(c)).isCloseTo(0.85, within(1e-15));
    assertThat(ClassificationMath.businessValue(c, new double[][] {{0, -200}, {-100, 1000}}, false))
        .isEqualTo(35 * 1000 - 10 * 200 - 5 * 100);
    Confusion onlyNegatives = new Confusion(7, 3, 0, 0);
    assertThat(ClassificationMath.f1(onlyNegatives)).isNaN();
    assertThat(ClassificationMath.specificity(onlyNegatives)).isCloseTo(0.7, within(1e-15));
    assertThat(ClassificationMath.accuracy(onlyNegatives)).isCloseTo(0.7, within(1e-15));
    // one label only: NannyML's 1×1 confusion matrix broadcast
    assertThat(
            ClassificationMath.businessValue(
                new Confusion(4, 0, 0, 0), new double[][] {{1, 2}, {3, 4}}, false))
        .isEqualTo(40);
  }

  @Test
  void normalisedConfusionCellsAsSklearn() {
    // tn 4, fp 1, fn 2, tp 3: sklearn's confusion_matrix(normalize=...) [[tn, fp], [fn, tp]]
    ClassificationMath.Confusion c = new ClassificationMath.Confusion(4, 1, 2, 3);
    assertThat(ClassificationMath.cell(c, "true_positive", null)).isEqualTo(3);
    assertThat(ClassificationMath.cell(c, "true_positive", "all")).isEqualTo(0.3);
    assertThat(ClassificationMath.cell(c, "true_positive", "true")).isEqualTo(3.0 / 5);
    assertThat(ClassificationMath.cell(c, "false_negative", "true")).isEqualTo(2.0 / 5);
    assertThat(ClassificationMath.cell(c, "true_negative", "true")).isEqualTo(4.0 / 5);
    assertThat(ClassificationMath.cell(c, "false_positive", "true")).isEqualTo(1.0 / 5);
    assertThat(ClassificationMath.cell(c, "true_positive", "pred")).isEqualTo(3.0 / 4);
    assertThat(ClassificationMath.cell(c, "false_positive", "pred")).isEqualTo(1.0 / 4);
    assertThat(ClassificationMath.cell(c, "true_negative", "pred")).isEqualTo(4.0 / 6);
    assertThat(ClassificationMath.cell(c, "false_negative", "pred")).isEqualTo(2.0 / 6);
  }
}
