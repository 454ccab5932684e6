package dev.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** DLE's chunk-level math (NannyML 0.13.1 rules, docs/nannyml-dle.md). */
class DleTest {
  @Test
  void eachMetricLearnsItsOwnLoss() {
    assertThat(Dle.loss("mae")).isEqualTo("ae");
    assertThat(Dle.loss("mape")).isEqualTo("ape");
    // rmse and rmsle share the loss of mse and msle: NannyML fits two identical models, Vigil one
    assertThat(Dle.loss("mse")).isEqualTo(Dle.loss("rmse")).isEqualTo("se");
    assertThat(Dle.loss("msle")).isEqualTo(Dle.loss("rmsle")).isEqualTo("sle");
    assertThatThrownBy(() -> Dle.loss("roc_auc")).isInstanceOf(IllegalArgumentException.class);
    assertThat(DirectLossEstimationCalculator.output("rmse"))
        .isEqualTo(DirectLossEstimationCalculator.output("mse"));
  }

  @Test
  void theEstimateIsTheMeanPredictedLossOrItsRoot() {
    assertThat(Dle.estimate("mae", 850.25)).isEqualTo(850.25);
    assertThat(Dle.estimate("mape", 0.125)).isEqualTo(0.125);
    assertThat(Dle.estimate("mse", 1.44e6)).isEqualTo(1.44e6);
    assertThat(Dle.estimate("msle", 0.09)).isEqualTo(0.09);
    // the root of the mean, not the mean of roots: sqrt(mean(1, 9)) = sqrt(5), while mean(1, 3)
    // would be 2
    assertThat(Dle.estimate("rmse", (1.0 + 9.0) / 2)).isEqualTo(Math.sqrt(5));
    assertThat(Dle.estimate("rmsle", 0.09)).isCloseTo(0.3, within(1e-15));
    assertThat(Dle.estimate("rmse", Double.NaN)).isNaN();
  }

  @Test
  void confidenceBandIsThreeSamplingErrorsClippedToTheLimits() {
    // every DLE metric: lower limit 0, no upper limit
    assertThat(RealizedBaseline.confidenceBand(850, 8.2, 0.0, null))
        .containsExactly(850 - 3 * 8.2, 850 + 3 * 8.2);
    assertThat(RealizedBaseline.confidenceBand(0.01, 0.02, 0.0, null))
        .containsExactly(0.0, 0.01 + 3 * 0.02);
    // CBPE's rates: [0, 1]; business value: none
    assertThat(RealizedBaseline.confidenceBand(0.98, 0.01, 0.0, 1.0))
        .containsExactly(0.98 - 3 * 0.01, 1.0);
    assertThat(RealizedBaseline.confidenceBand(-5, 2, null, null)).containsExactly(-11.0, 1.0);
    double[] nan = RealizedBaseline.confidenceBand(1.0, Double.NaN, 0.0, 1.0);
    assertThat(nan[0]).isNaN();
    assertThat(nan[1]).isNaN();
  }

  @Test
  void samplingErrorsAreRealizedPerformances() {
    // mae: std(|e|)/sqrt(n); rmse: the delta method sqrt(std(e²)² / (4 n mean(e²)))
    assertThat(
            RealizedPerformanceCalculator.regressionSamplingError(
                "mae", new double[] {600, 1}, 6000))
        .isCloseTo(600 / Math.sqrt(6000), within(1e-12));
    assertThat(
            RealizedPerformanceCalculator.regressionSamplingError(
                "rmse", new double[] {2e6, 1.2e6}, 6000))
        .isCloseTo(Math.sqrt(4e12 / (4 * 6000 * 1.2e6)), within(1e-12));
    assertThat(
            RealizedPerformanceCalculator.regressionSamplingError(
                "rmsle", new double[] {0.2, 0.05}, 100))
        .isCloseTo(Math.sqrt(0.04 / (4 * 100 * 0.05)), within(1e-15));
  }
}
