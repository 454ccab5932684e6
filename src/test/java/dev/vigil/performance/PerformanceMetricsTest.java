package dev.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.config.ProblemType;
import dev.vigil.internal.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The registry: the names per problem type, defaults and threshold names it gives the
 * configuration, each metric's measures agreeing with the problem types it declares, and a metric
 * without an estimate refused for estimated_performance when the section is read.
 */
class PerformanceMetricsTest {
    static final List<String> CLASSES = List.of("a", "b", "c");
    static final RealizedPerformanceConfig SETTINGS =
            new RealizedPerformanceConfig(List.of(), new double[][] {{0, 1}, {2, 3}}, false, null);

    @Test
    void namesPerProblemTypeInNannyMlsOrder() {
        assertThat(PerformanceMetrics.names(ProblemType.BINARY_CLASSIFICATION, false))
                .containsExactly(
                        "roc_auc",
                        "f1",
                        "precision",
                        "recall",
                        "specificity",
                        "accuracy",
                        "average_precision",
                        "confusion_matrix",
                        "business_value");
        assertThat(PerformanceMetrics.names(ProblemType.MULTICLASS_CLASSIFICATION, false))
                .isEqualTo(PerformanceMetrics.names(ProblemType.BINARY_CLASSIFICATION, false));
        assertThat(PerformanceMetrics.names(ProblemType.REGRESSION, false))
                .containsExactly("mae", "mape", "mse", "rmse", "msle", "rmsle");
        for (ProblemType t : ProblemType.values()) {
            assertThat(PerformanceMetrics.names(t, true)).isEqualTo(PerformanceMetrics.names(t, false));
        }
    }

    @Test
    void defaultsAndThresholdNames() {
        List<String> classification = List.of("roc_auc", "f1", "precision", "recall", "specificity", "accuracy");
        assertThat(PerformanceMetrics.defaults(ProblemType.BINARY_CLASSIFICATION, false))
                .isEqualTo(classification);
        assertThat(PerformanceMetrics.defaults(ProblemType.MULTICLASS_CLASSIFICATION, true))
                .isEqualTo(classification);
        assertThat(PerformanceMetrics.defaults(ProblemType.REGRESSION, true))
                .isEqualTo(PerformanceMetrics.names(ProblemType.REGRESSION, false));
        assertThat(RealizedPerformanceConfig.METRICS.help())
                .contains("default: roc_auc, f1, precision, recall, specificity, accuracy for");
        List<String> thresholds = new ArrayList<>(
                PerformanceMetrics.ALL.stream().map(m -> m.name()).toList());
        thresholds.addAll(List.of("true_positive", "true_negative", "false_positive", "false_negative"));
        assertThat(PerformanceMetrics.thresholdNames())
                .containsExactlyElementsOf(thresholds.stream().sorted().toList());
    }

    /** A metric declares its problem types once; its measures exist for exactly those. */
    @Test
    void everyMetricHasMeasuresForExactlyItsProblemTypes() {
        for (PerformanceMetric m : PerformanceMetrics.ALL) {
            for (ProblemType t : ProblemType.values()) {
                if (m.problemTypes().contains(t)) {
                    assertThat(measures(m, t)).as(m.name() + " on " + t).isNotEmpty();
                } else {
                    assertThatThrownBy(() -> measures(m, t))
                            .as(m.name() + " on " + t)
                            .isInstanceOf(UnsupportedOperationException.class);
                }
            }
        }
    }

    static List<? extends Measure<?, ?>> measures(PerformanceMetric m, ProblemType t) {
        return switch (t) {
            case BINARY_CLASSIFICATION -> m.binary(SETTINGS);
            case MULTICLASS_CLASSIFICATION -> m.multiclass(SETTINGS, CLASSES);
            case REGRESSION -> m.regression();
        };
    }

    @Test
    void confusionMatrixReportsEveryCellUnderItsThresholdName() {
        PerformanceMetric cm = PerformanceMetrics.get("confusion_matrix");
        assertThat(cm.binary(SETTINGS).stream().map(Measure::name))
                .containsExactly("true_positive", "true_negative", "false_positive", "false_negative");
        assertThat(cm.multiclass(SETTINGS, CLASSES)).hasSize(9);
        assertThat(cm.multiclass(SETTINGS, CLASSES).get(1).name()).isEqualTo("true_a_pred_b");
        cm.multiclass(SETTINGS, CLASSES).forEach(c -> assertThat(c.metric()).isEqualTo("confusion_matrix"));
        // counts have no upper limit; normalised cells are rates
        assertThat(cm.binary(SETTINGS).get(0).rule().upperLimit()).isNull();
        assertThat(cm.binary(StateTables.settings("all")).get(0).rule().upperLimit())
                .isEqualTo(1.0);
    }

    @Test
    void eachMetricDeclaresWhichWayItIsBetter() {
        for (String m : List.of("roc_auc", "f1", "precision", "recall", "specificity", "accuracy")) {
            assertThat(PerformanceMetrics.higherIsBetter(m)).as(m).contains(true);
        }
        assertThat(PerformanceMetrics.higherIsBetter("average_precision")).contains(true);
        assertThat(PerformanceMetrics.higherIsBetter("business_value")).contains(true);
        for (String m : List.of("mae", "mape", "mse", "rmse", "msle", "rmsle")) {
            assertThat(PerformanceMetrics.higherIsBetter(m)).as(m).contains(false);
        }
        // counts, not a performance; and names that are no performance metric
        assertThat(PerformanceMetrics.higherIsBetter("confusion_matrix")).isEmpty();
        assertThat(PerformanceMetrics.higherIsBetter("true_positive")).isEmpty();
        assertThat(PerformanceMetrics.higherIsBetter("jensen_shannon")).isEmpty();
        // every registered metric says one of the three
        for (PerformanceMetric m : PerformanceMetrics.ALL) {
            assertThat(m.better()).as(m.name()).isNotNull();
        }
    }

    /** A realized-only metric: registered, but without a CBPE expectation. */
    static final class RealizedOnly extends PerformanceMetric {
        RealizedOnly() {
            super("realized_only", BINARY, OPT_IN);
        }

        @Override
        Set<ProblemType> estimated() {
            return Set.of();
        }

        @Override
        Better better() {
            return Better.HIGHER;
        }
    }

    @Test
    void aMetricWithoutAnEstimateIsRefusedForEstimatedPerformanceWhenTheSectionIsRead() {
        List<PerformanceMetric> registry = new ArrayList<>(PerformanceMetrics.ALL);
        registry.add(new RealizedOnly());
        ProblemType binary = ProblemType.BINARY_CLASSIFICATION;
        PerformanceMetrics.check(
                registry, "calculators.realized_performance.metrics", List.of("realized_only"), binary, false);
        assertThat(PerformanceMetrics.names(registry, binary, false)).contains("realized_only");
        assertThat(PerformanceMetrics.names(registry, binary, true)).doesNotContain("realized_only");
        assertThatThrownBy(() -> PerformanceMetrics.check(
                        registry,
                        "calculators.estimated_performance.metrics",
                        List.of("f1", "realized_only"),
                        binary,
                        true))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("configuration key 'calculators.estimated_performance.metrics'")
                .hasMessageContaining("'realized_only'")
                .hasMessageContaining("realized_performance only")
                .hasMessageContaining("roc_auc");
        assertThatThrownBy(() -> PerformanceMetrics.check(
                        registry, "calculators.realized_performance.metrics", List.of("f2"), binary, false))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("'f2' is not known (did you mean 'f1'?)");
    }
}
