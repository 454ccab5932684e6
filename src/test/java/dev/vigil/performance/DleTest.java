package dev.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.config.ProblemType;
import dev.vigil.performance.RegressionProblem.Loss;
import dev.vigil.thresholds.MetricRule;
import org.junit.jupiter.api.Test;

/** DLE's chunk-level math (NannyML 0.13.1 rules, docs/nannyml-dle.md). */
class DleTest {
    static LossMetric metric(String name) {
        return (LossMetric) PerformanceMetrics.get(name);
    }

    @Test
    void eachMetricLearnsItsOwnLoss() {
        assertThat(metric("mae").loss()).isEqualTo(Loss.AE);
        assertThat(metric("mape").loss()).isEqualTo(Loss.APE);
        // rmse and rmsle share the loss of mse and msle: NannyML fits two identical models, Vigil one
        assertThat(metric("mse").loss()).isEqualTo(metric("rmse").loss()).isEqualTo(Loss.SE);
        assertThat(metric("msle").loss()).isEqualTo(metric("rmsle").loss()).isEqualTo(Loss.SLE);
        assertThat(DirectLossEstimationCalculator.output(metric("rmse").loss()))
                .isEqualTo(DirectLossEstimationCalculator.output(metric("mse").loss()));
        for (String name : PerformanceMetrics.names(ProblemType.REGRESSION, true)) {
            assertThat(metric(name).regression())
                    .singleElement()
                    .extracting(m -> m.loss())
                    .isEqualTo(metric(name).loss());
        }
    }

    @Test
    void theEstimateIsTheMeanPredictedLossOrItsRoot() {
        assertThat(metric("mae").of(850.25)).isEqualTo(850.25);
        assertThat(metric("mape").of(0.125)).isEqualTo(0.125);
        assertThat(metric("mse").of(1.44e6)).isEqualTo(1.44e6);
        assertThat(metric("msle").of(0.09)).isEqualTo(0.09);
        // the root of the mean, not the mean of roots: sqrt(mean(1, 9)) = sqrt(5), while mean(1, 3)
        // would be 2
        assertThat(metric("rmse").of((1.0 + 9.0) / 2)).isEqualTo(Math.sqrt(5));
        assertThat(metric("rmsle").of(0.09)).isCloseTo(0.3, within(1e-15));
        assertThat(metric("rmse").of(Double.NaN)).isNaN();
    }

    @Test
    void confidenceBandIsThreeSamplingErrorsClippedToTheLimits() {
        // every DLE metric: lower limit 0, no upper limit
        assertThat(MetricRule.confidenceBand(850, 8.2, 0.0, null)).containsExactly(850 - 3 * 8.2, 850 + 3 * 8.2);
        assertThat(MetricRule.confidenceBand(0.01, 0.02, 0.0, null)).containsExactly(0.0, 0.01 + 3 * 0.02);
        // CBPE's rates: [0, 1]; business value: none
        assertThat(MetricRule.confidenceBand(0.98, 0.01, 0.0, 1.0)).containsExactly(0.98 - 3 * 0.01, 1.0);
        assertThat(MetricRule.confidenceBand(-5, 2, null, null)).containsExactly(-11.0, 1.0);
        double[] nan = MetricRule.confidenceBand(1.0, Double.NaN, 0.0, 1.0);
        assertThat(nan[0]).isNaN();
        assertThat(nan[1]).isNaN();
        assertThat(metric("mae").regression().get(0).rule().lowerLimit()).isEqualTo(0.0);
        assertThat(metric("mae").regression().get(0).rule().upperLimit()).isNull();
    }

    @Test
    void samplingErrorsAreRealizedPerformances() {
        // mae: std(|e|)/sqrt(n); rmse: the delta method sqrt(std(e²)² / (4 n mean(e²)))
        assertThat(metric("mae").errorOf(new double[] {600, 1}, 6000)).isCloseTo(600 / Math.sqrt(6000), within(1e-12));
        assertThat(metric("rmse").errorOf(new double[] {2e6, 1.2e6}, 6000))
                .isCloseTo(Math.sqrt(4e12 / (4 * 6000 * 1.2e6)), within(1e-12));
        assertThat(metric("rmsle").errorOf(new double[] {0.2, 0.05}, 100))
                .isCloseTo(Math.sqrt(0.04 / (4 * 100 * 0.05)), within(1e-15));
    }
}
