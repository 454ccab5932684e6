package dev.vigil.config;

import static dev.vigil.config.ConfigFixture.BASE;
import static dev.vigil.config.ConfigFixture.fails;
import static dev.vigil.config.ConfigFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.calculators.Calculators;
import dev.vigil.performance.DleHyperparameters;
import dev.vigil.performance.EstimatedPerformanceConfig;
import dev.vigil.performance.EstimatedPerformanceType;
import org.junit.jupiter.api.Test;

/** {@link ConfigLoader}: direct loss estimation (estimated performance for regression). */
class ConfigDleTest {
    private static final String REGRESSION =
            BASE + "problem_type: regression\n" + "columns: {target: y, prediction: p}\n";

    @Test
    void emptyBodyMeansTheSixRegressionMetricsAndVigilsTreeSettings() {
        EstimatedPerformanceConfig e = parse(REGRESSION + "calculators: {estimated_performance: {}}\n")
                .calculator(Calculators.get(EstimatedPerformanceType.class));
        assertThat(e.metrics().metrics()).containsExactly("mae", "mape", "mse", "rmse", "msle", "rmsle");
        assertThat(e.hyperparameters()).isEqualTo(DleHyperparameters.DEFAULTS);
        assertThat(e.calibration()).isNull();
        assertThat(parse(REGRESSION + "calculators: {estimated_performance: null}\n")
                        .calculator(Calculators.get(EstimatedPerformanceType.class)))
                .isEqualTo(e);
    }

    @Test
    void metricsAndHyperparameters() {
        EstimatedPerformanceConfig e =
                parse(REGRESSION + """
        calculators:
          estimated_performance:
            metrics: [rmse, mae]
            hyperparameters: {n_estimators: 20, learning_rate: 0.3, max_depth: 4, min_child_samples: 5,
                              max_bin: 128, subsample: 0.8, seed: 7}
        """).calculator(Calculators.get(EstimatedPerformanceType.class));
        assertThat(e.metrics().metrics()).containsExactly("rmse", "mae");
        assertThat(e.hyperparameters()).isEqualTo(new DleHyperparameters(20, 0.3, 4, 5, 128, 0.8, 7));
    }

    @Test
    void hyperparametersOneByOneAndFromSetOverrides() {
        EstimatedPerformanceConfig e = parse(
                        REGRESSION + "calculators: {estimated_performance: {}}\n",
                        "calculators.estimated_performance.hyperparameters.n_estimators=10")
                .calculator(Calculators.get(EstimatedPerformanceType.class));
        DleHyperparameters d = DleHyperparameters.DEFAULTS;
        assertThat(e.hyperparameters())
                .isEqualTo(new DleHyperparameters(
                        10, d.learningRate(), d.maxDepth(), d.minChildSamples(), d.maxBin(), d.subsample(), d.seed()));
    }

    @Test
    void classificationMetricIsRejectedWithTheValidOnes() {
        fails(
                REGRESSION + "calculators: {estimated_performance: {metrics: [mae, roc_auc]}}\n",
                "calculators.estimated_performance.metrics",
                "'roc_auc'",
                "mae",
                "rmsle");
    }

    @Test
    void cbpeKeysAreNotDleKeys() {
        fails(
                REGRESSION + "calculators: {estimated_performance: {calibration: auto}}\n",
                "calculators.estimated_performance.calibration",
                "hyperparameters",
                "metrics");
        fails(
                REGRESSION + "calculators: {estimated_performance: {business_value_matrix: [[0, 1], [1, 0]]}}\n",
                "calculators.estimated_performance.business_value_matrix");
    }

    @Test
    void badHyperparameters() {
        String calc = "calculators: {estimated_performance: {hyperparameters: {%s}}}\n";
        fails(REGRESSION + calc.formatted("n_estimators: 0"), "hyperparameters.n_estimators", "positive whole number");
        fails(REGRESSION + calc.formatted("learning_rate: 1.5"), "hyperparameters.learning_rate", "(0, 1]");
        fails(REGRESSION + calc.formatted("learning_rate: fast"), "hyperparameters.learning_rate", "fast");
        fails(REGRESSION + calc.formatted("max_depth: -1"), "hyperparameters.max_depth", "1 to 30", "-1");
        fails(REGRESSION + calc.formatted("max_bin: 1"), "hyperparameters.max_bin", "2 to 65536");
        fails(REGRESSION + calc.formatted("subsample: 0"), "hyperparameters.subsample", "(0, 1]");
        fails(REGRESSION + calc.formatted("seed: 1.5"), "hyperparameters.seed", "whole number");
        fails(REGRESSION + calc.formatted("num_leaves: 31"), "hyperparameters.num_leaves", "n_estimators", "max_depth");
        fails(
                REGRESSION + "calculators: {estimated_performance: {hyperparameters: 5}}\n",
                "calculators.estimated_performance.hyperparameters",
                "mapping");
    }

    @Test
    void needsTargetAndPrediction() {
        fails(
                BASE + "problem_type: regression\ncolumns: {prediction: p}\ncalculators: {estimated_performance: {}}\n",
                "columns.target",
                "estimated_performance");
        fails(
                BASE + "problem_type: regression\ncolumns: {target: y}\ncalculators: {estimated_performance: {}}\n",
                "columns.prediction",
                "estimated_performance");
    }

    @Test
    void thresholdOverridesUseTheRegressionMetricNames() {
        MonitorConfig c = parse(REGRESSION + """
        calculators: {estimated_performance: {metrics: [mae]}}
        thresholds: {estimated_performance.mae: {type: constant, lower: null, upper: 900}}
        """);
        assertThat(c.thresholds()).containsKey("estimated_performance.mae");
    }
}
