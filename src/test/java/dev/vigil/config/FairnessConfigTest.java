package dev.vigil.config;

import static dev.vigil.config.ConfigFixture.BASE;
import static dev.vigil.config.ConfigFixture.fails;
import static dev.vigil.config.ConfigFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.calculators.Calculators;
import dev.vigil.performance.EstimatedPerformanceConfig.Calibration;
import dev.vigil.performance.FairnessConfig;
import dev.vigil.performance.FairnessType;
import org.junit.jupiter.api.Test;

/** {@code calculators.fairness}: its defaults from the columns, and each refusal naming its key. */
class FairnessConfigTest {
    private static final String SEGMENTED = BASE + "columns: {prediction: p, segments: [region]%s}\n";

    private static FairnessConfig fairness(String columns, String section) {
        return parse(SEGMENTED.formatted(columns) + "calculators: {fairness: " + section + "}\n")
                .calculator(Calculators.get(FairnessType.class));
    }

    @Test
    void theDefaultMetricsAreThoseTheColumnsAllow() {
        assertThat(fairness("", "{}").metrics()).containsExactly("statistical_parity_difference");
        assertThat(fairness(", target: y", "{}").metrics())
                .containsExactly(
                        "statistical_parity_difference",
                        "equal_opportunity_difference",
                        "predictive_parity_difference");
        FairnessConfig all = fairness(", target: y, scores: s", "{}");
        assertThat(all.metrics())
                .containsExactly(
                        "statistical_parity_difference",
                        "equal_opportunity_difference",
                        "predictive_parity_difference",
                        "estimated_equal_opportunity_difference",
                        "estimated_predictive_parity_difference");
        assertThat(all.calibration()).isEqualTo(Calibration.AUTO);
        assertThat(fairness(", target: y, scores: s", "{metrics: [predictive_parity_difference], calibration: never}"))
                .isEqualTo(new FairnessConfig(java.util.List.of("predictive_parity_difference"), Calibration.NEVER));
    }

    @Test
    void refusalsNameTheKey() {
        fails(
                BASE + "problem_type: regression\ncolumns: {prediction: p, target: y, segments: [region]}\n"
                        + "calculators: {fairness: {}}\n",
                "configuration key 'calculators.fairness' is refused",
                "binary_classification",
                "regression");
        fails(
                BASE + "columns: {prediction: p, target: y}\ncalculators: {fairness: {}}\n",
                "configuration key 'columns.segments' is missing",
                "compares each segment value with the rest of its chunk");
        fails(
                SEGMENTED.formatted("") + "calculators: {fairness: {metrics: [equal_opportunity_difference]}}\n",
                "configuration key 'columns.target' is missing",
                "calculators.fairness.metrics lists equal_opportunity_difference");
        fails(
                SEGMENTED.formatted(", target: y")
                        + "calculators: {fairness: {metrics: [estimated_predictive_parity_difference]}}\n",
                "configuration key 'columns.scores' is missing");
        fails(
                SEGMENTED.formatted(", target: y")
                        + "calculators: {fairness: {metrics: [equal_oportunity_difference]}}\n",
                "'equal_oportunity_difference' is not known",
                "did you mean 'equal_opportunity_difference'");
        fails(
                SEGMENTED.formatted(", target: y") + "calculators: {fairness: {metric: []}}\n",
                "configuration key 'calculators.fairness.metric' is not known");
    }

    @Test
    void thresholdsAreConfiguredAsAnyMetrics() {
        MonitorConfig c = parse(SEGMENTED.formatted(", target: y")
                + "calculators: {fairness: {}}\n"
                + "thresholds: {fairness.statistical_parity_difference: {type: constant, lower: -0.1, upper: 0.1}}\n");
        assertThat(c.thresholds()).containsKey("fairness.statistical_parity_difference");
        fails(
                SEGMENTED.formatted("")
                        + "calculators: {fairness: {}}\n"
                        + "thresholds: {fairness.predictive_parity_difference: {type: constant, upper: 0.1}}\n",
                "predictive_parity_difference is not among calculators.fairness.metrics");
    }
}
