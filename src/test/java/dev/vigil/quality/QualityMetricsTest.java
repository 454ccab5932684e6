package dev.vigil.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.calculators.Calculators;
import dev.vigil.config.ProblemType;
import dev.vigil.quality.QualityColumn.Kind;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.thresholds.Bounds;
import dev.vigil.thresholds.MetricRule;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry and what reads it: names, kinds, NannyML's rules, the states asked for. */
class QualityMetricsTest {
    static QualityMetric metric(String name) {
        return QualityMetrics.named(name).orElseThrow();
    }

    @Test
    void namesInTheConfigurationsOrderEachOnce() {
        assertThat(QualityMetrics.NAMES)
                .containsExactly(
                        "missing_values",
                        "unseen_values",
                        "numerical_range",
                        "mean",
                        "std",
                        "median",
                        "sum",
                        "row_count");
        assertThat(new HashSet<>(QualityMetrics.NAMES)).hasSameSizeAs(QualityMetrics.NAMES);
        assertThat(QualityMetrics.named("meen")).isEmpty();
    }

    @Test
    void configurationHelpAndThresholdsReadTheRegistry() {
        assertThat(DataQualityConfig.ALL_METRICS).isEqualTo(QualityMetrics.NAMES);
        assertThat(Calculators.get(DataQualityType.class).choices()).isEqualTo(Map.of("metrics", QualityMetrics.NAMES));
        for (ProblemType type : ProblemType.values()) {
            assertThat(Calculators.get(DataQualityType.class).thresholdMetrics(type))
                    .isEqualTo(QualityMetrics.NAMES);
        }
    }

    @Test
    void eachMetricAppliesToItsKinds() {
        for (QualityMetric m : QualityMetrics.ALL) {
            String kinds = (m.appliesTo(Kind.MODEL) ? "M" : "")
                    + (m.appliesTo(Kind.CONTINUOUS) ? "N" : "")
                    + (m.appliesTo(Kind.CATEGORICAL) ? "C" : "");
            String expected = switch (m.name()) {
                case "missing_values" -> "NC";
                case "unseen_values" -> "C";
                case "row_count" -> "M";
                default -> "N";
            };
            assertThat(kinds).as(m.name()).isEqualTo(expected);
        }
    }

    @Test
    void checksClipToTheUnitIntervalAndAlertOutside() {
        MetricRule missing = metric("missing_values").rule();
        Bounds b = missing.bounds(new double[] {0.0, 0.0, 0.3});
        assertThat(b.lower()).isZero();
        assertThat(missing.alert(b, Double.NaN)).isFalse();
        assertThat(missing.alert(b, b.upper())).isFalse();
        assertThat(missing.alert(b, b.upper() + 1e-9)).isTrue();
        for (String name : List.of("unseen_values", "numerical_range")) {
            MetricRule rule = metric(name).rule();
            Bounds constant = rule.bounds(new double[] {0.5, 0.7});
            assertThat(constant).isEqualTo(new Bounds(null, 0.0));
            assertThat(rule.alert(constant, 0.0)).isFalse();
            assertThat(rule.alert(constant, 0.01)).isTrue();
        }
    }

    @Test
    void summaryStatisticsDropLimitsAndAlertUnlessStrictlyInside() {
        double[] values = {1.0, 2.0, 3.0};
        for (String name : List.of("std", "row_count")) {
            assertThat(metric(name).rule().bounds(values).lower()).as(name).isNull();
        }
        for (String name : List.of("mean", "median", "sum")) {
            MetricRule rule = metric(name).rule();
            Bounds b = rule.bounds(values);
            assertThat(b.lower()).as(name).isNegative();
            assertThat(rule.alert(b, b.upper())).isTrue();
            assertThat(rule.alert(b, Double.NaN)).isTrue();
            assertThat(rule.alert(b, 2.0)).isFalse();
        }
    }

    @Test
    void sharedStatesAreAskedForOnce() {
        DataQualityCalculator all =
                new DataQualityCalculator(QualityMetrics.NAMES, List.of("x"), List.of("c"), Map.of());
        assertThat(all.referenceSpecs())
                .containsExactly(
                        new Specs.NullsOf("x", StateSpec.Input.NUMERIC),
                        new Specs.MomentsOf("x"),
                        new Specs.QuantilesOf("x"),
                        new Specs.NullsOf("c", StateSpec.Input.STRING),
                        new Specs.CategoriesOf("c"));
        DataQualityCalculator counts =
                new DataQualityCalculator(List.of("row_count"), List.of("x"), List.of("c"), Map.of());
        assertThat(counts.referenceSpecs()).isEmpty();
    }
}
