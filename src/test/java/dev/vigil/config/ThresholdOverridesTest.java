package dev.vigil.config;

import static dev.vigil.config.ConfigFixture.BASE;
import static dev.vigil.config.ConfigFixture.fails;
import static dev.vigil.config.ConfigFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.thresholds.FlatBands;
import org.junit.jupiter.api.Test;

/**
 * Every override {@code thresholds.<calculator>.<metric>} is applied or refused (exit 2, saying
 * why and what to set instead): never accepted and ignored.
 */
class ThresholdOverridesTest {
    static final String CONSTANT = ": {type: constant, upper: 0.2}}\n";

    static String drift(String settings, String threshold) {
        return BASE + "calculators: {univariate_drift: {" + settings + "}}\n" + "thresholds: {univariate_drift."
                + threshold + CONSTANT;
    }

    @Test
    void aThresholdMethodsOverrideIsApplied() {
        assertThat(parse(drift("", "jensen_shannon")).thresholds()).containsKey("univariate_drift.jensen_shannon");
        assertThat(parse(drift("continuous_methods: [kolmogorov_smirnov]", "kolmogorov_smirnov"))
                        .thresholds())
                .containsKey("univariate_drift.kolmogorov_smirnov");
    }

    @Test
    void chi2AlertsOnAlphaNotOnThresholds() {
        fails(
                drift("categorical_methods: [chi2]", "chi2"),
                "thresholds.univariate_drift.chi2",
                "is refused",
                "p-value",
                "calculators.univariate_drift.alpha");
    }

    @Test
    void kolmogorovSmirnovOnItsPValueHasNoThresholds() {
        fails(
                drift(
                        "continuous_methods: [kolmogorov_smirnov], kolmogorov_smirnov_alert: p_value",
                        "kolmogorov_smirnov"),
                "thresholds.univariate_drift.kolmogorov_smirnov",
                "p-value",
                "calculators.univariate_drift.alpha");
    }

    @Test
    void aConstantBandMustHaveRoom() {
        fails(
                BASE + "thresholds: {data_quality.mean: {type: constant, lower: 3, upper: 3}}\n",
                "thresholds.data_quality.mean.upper",
                "a number above lower (3.0)");
        fails(BASE + "thresholds: {data_quality.mean: {type: constant, lower: 4, upper: 3}}\n", "cannot be empty");
        assertThat(parse(BASE + "thresholds: {data_quality.mean: {type: constant, lower: 2, upper: 3}}\n")
                        .thresholds())
                .containsKey("data_quality.mean");
    }

    @Test
    void flatBandsFollowVigilsRuleUnlessNannyMlsIsAsked() {
        assertThat(parse(BASE).flatBands()).isEqualTo(FlatBands.VIGIL);
        assertThat(parse(BASE + "flat_bands: nannyml\n").flatBands()).isEqualTo(FlatBands.NANNYML);
        fails(BASE + "flat_bands: loose\n", "flat_bands", "[nannyml, vigil]");
    }

    @Test
    void aMethodThatDoesNotRun() {
        fails(drift("", "hellinger"), "thresholds.univariate_drift.hellinger", "not among", "continuous_methods");
    }

    @Test
    void driftShareHasItsOwnKey() {
        fails(
                drift("", "drift_share"),
                "thresholds.univariate_drift.drift_share",
                "calculators.univariate_drift.drift_share");
    }

    @Test
    void aCalculatorThatDoesNotRun() {
        fails(
                BASE + "thresholds: {multivariate_drift.reconstruction_error" + CONSTANT,
                "thresholds.multivariate_drift.reconstruction_error",
                "multivariate_drift is not enabled");
        fails(
                BASE + "calculators: {univariate_drift: }\nthresholds: {data_quality.mean" + CONSTANT,
                "thresholds.data_quality.mean",
                "data_quality is not enabled");
    }

    @Test
    void aDataQualityMetricThatIsNotComputed() {
        assertThat(parse(BASE + "thresholds: {data_quality.mean" + CONSTANT).thresholds())
                .containsKey("data_quality.mean");
        fails(
                BASE + "calculators: {data_quality: {metrics: [mean]}}\nthresholds: {data_quality.std" + CONSTANT,
                "thresholds.data_quality.std",
                "not among calculators.data_quality.metrics [mean]");
    }

    @Test
    void aPerformanceMetricThatIsNotComputed() {
        String base = BASE + "columns: {prediction: p, scores: s, target: y}\n";
        assertThat(parse(base + "calculators: {realized_performance: {metrics: [f1, confusion_matrix]}}\n"
                                + "thresholds: {realized_performance.true_positive" + CONSTANT)
                        .thresholds())
                .containsKey("realized_performance.true_positive");
        fails(
                base + "calculators: {realized_performance: {metrics: [f1]}}\n"
                        + "thresholds: {realized_performance.roc_auc" + CONSTANT,
                "thresholds.realized_performance.roc_auc",
                "not among calculators.realized_performance.metrics [f1]");
        fails(
                base + "calculators: {estimated_performance: {metrics: [f1]}}\n"
                        + "thresholds: {estimated_performance.roc_auc" + CONSTANT,
                "thresholds.estimated_performance.roc_auc",
                "not among calculators.estimated_performance.metrics [f1]");
    }

    @Test
    void aMultivariateMetricOfTheOtherMethod() {
        String base = BASE + "columns: {features: [a, b]}\n";
        assertThat(parse(base + "calculators: {multivariate_drift: }\n"
                                + "thresholds: {multivariate_drift.reconstruction_error" + CONSTANT)
                        .thresholds())
                .containsKey("multivariate_drift.reconstruction_error");
        fails(
                base + "calculators: {multivariate_drift: }\n"
                        + "thresholds: {multivariate_drift.domain_classifier_auroc" + CONSTANT,
                "thresholds.multivariate_drift.domain_classifier_auroc",
                "measures reconstruction_error");
    }
}
