package dev.vigil.config;

import static dev.vigil.config.ConfigFixture.BASE;
import static dev.vigil.config.ConfigFixture.fails;
import static dev.vigil.config.ConfigFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.calculators.Calculators;
import dev.vigil.drift.UnivariateDriftType;
import dev.vigil.multivariate.MultivariateDriftConfig;
import dev.vigil.multivariate.MultivariateDriftType;
import dev.vigil.performance.EstimatedPerformanceConfig;
import dev.vigil.performance.EstimatedPerformanceType;
import dev.vigil.performance.RealizedPerformanceConfig;
import dev.vigil.performance.RealizedPerformanceType;
import dev.vigil.quality.DataQualityType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ConfigLoader}: calculator settings (estimated performance, multivariate drift, domain
 * classifier, univariate drift, alert delivery), their defaults and their errors.
 */
class ConfigCalculatorErrorsTest {
    @Test
    void everyContractCalculatorIsAvailable() {
        // every calculator of the contract (CONTRACT.md section 2) is registered, in its order, then
        // Vigil's own
        assertThat(Calculators.names())
                .containsExactly(
                        "univariate_drift",
                        "multivariate_drift",
                        "realized_performance",
                        "estimated_performance",
                        "data_quality",
                        "consecutive_drift",
                        "profile",
                        "fairness");
    }

    /**
     * Score columns keep the file's order (an immutable Map.copyOf would reorder them per JVM, and
     * CBPE hashes them).
     */
    @Test
    void multiclassScoresKeepTheirOrder() {
        MonitorConfig c = parse(BASE
                + "problem_type: multiclass_classification\n"
                + "columns: {scores: {zeta: pz, alpha: pa, mid: pm, beta: pb, omega: po}}\n");
        assertThat(c.columns().scores().keySet()).containsExactly("zeta", "alpha", "mid", "beta", "omega");
        assertThat(c.columns().scores().values()).containsExactly("pz", "pa", "pm", "pb", "po");
    }

    /**
     * Multiclass business value: a k×k matrix in the sorted class order (the mapping's order does
     * not matter); any other shape is refused on one line naming the key, k×k and the classes.
     */
    @Test
    void multiclassBusinessValueMatrixIsKByKOverTheSortedClasses() {
        String multiclass = BASE
                + "problem_type: multiclass_classification\n"
                + "columns: {target: y, prediction: p, scores: {upmarket: pu, highstreet: ph, prepaid: pp}}\n";
        RealizedPerformanceConfig r =
                parse(multiclass + """
        calculators:
          realized_performance:
            metrics: [average_precision, business_value]
            business_value_matrix: [[5, -1, -2], [-1, 4, -1], [-3, -1, 6]]
            normalize_business_value: per_prediction
        """).calculator(Calculators.get(RealizedPerformanceType.class));
        assertThat(r.metrics()).containsExactly("average_precision", "business_value");
        assertThat(r.businessValueMatrix()).isDeepEqualTo(new double[][] {{5, -1, -2}, {-1, 4, -1}, {-3, -1, 6}});
        assertThat(r.normalizeBusinessValuePerPrediction()).isTrue();
        String classes = "[highstreet, prepaid, upmarket]";
        for (String calculator : List.of("realized_performance", "estimated_performance")) {
            String section =
                    "calculators: {" + calculator + ": {metrics: [business_value], business_value_matrix: %s}}\n";
            fails(
                    multiclass + section.formatted("[[0, -200], [-100, 1000]]"),
                    "configuration key 'calculators." + calculator + ".business_value_matrix'",
                    "a 3x3 list of numbers",
                    classes);
            fails(
                    multiclass + section.formatted("[[1, 2, 3], [4, 5, 6], [7, 8]]"),
                    "calculators." + calculator + ".business_value_matrix",
                    "3x3",
                    classes);
            fails(
                    multiclass + section.formatted("[[1, 2, 3], [4, x, 6], [7, 8, 9]]"),
                    "calculators." + calculator + ".business_value_matrix",
                    "3x3",
                    classes);
            fails(
                    multiclass + "calculators: {" + calculator + ": {metrics: [business_value]}}\n",
                    "configuration key 'calculators." + calculator + ".business_value_matrix' is missing",
                    "3x3",
                    classes);
        }
        // binary keeps its 2x2 layout
        fails(
                BASE + "columns: {target: y, prediction: p, scores: s}\n"
                        + "calculators: {realized_performance: {metrics: [business_value],"
                        + " business_value_matrix: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]}}\n",
                "calculators.realized_performance.business_value_matrix",
                "a 2x2 list [[TN, FP], [FN, TP]] of numbers");
    }

    @Test
    void alertDeliveryLimits() {
        MonitorConfig c = parse(BASE + "alerts: {webhook: {url: \"http://h/x\"}, timeout_seconds: 2, attempts: 5}\n");
        assertThat(c.alerts()).isEqualTo(AlertsConfig.of("http://h/x", null, 2, 5));
        fails(BASE + "alerts: {webhook: {url: \"http://h/x\"}, attempts: 0}\n", "alerts.attempts");
        fails(BASE + "alerts: {webhook: {url: \"http://h/x\"}, retries: 2}\n", "alerts.retries");
    }

    @Test
    void estimatedPerformanceSettings() {
        String columns = "columns: {prediction: p, scores: s, target: y}\n";
        fails(
                BASE + columns + "calculators: {estimated_performance: {calibration: sometimes}}\n",
                "calculators.estimated_performance.calibration",
                "sometimes");
        fails(
                BASE + columns + "calculators: {estimated_performance: {normalize_confusion_matrix: rows}}\n",
                "calculators.estimated_performance.normalize_confusion_matrix",
                "rows",
                "pred");
        fails(
                BASE + "columns: {prediction: p, target: y}\ncalculators: {estimated_performance: {}}\n",
                "columns.scores");
        MonitorConfig c = parse(BASE
                + columns
                + "calculators: {estimated_performance: {calibration: never, normalize_confusion_matrix: true}}\n");
        assertThat(c.calculator(Calculators.get(EstimatedPerformanceType.class)).calibration())
                .isEqualTo(EstimatedPerformanceConfig.Calibration.NEVER);
        assertThat(c.calculator(Calculators.get(EstimatedPerformanceType.class))
                        .metrics()
                        .normalizeConfusionMatrix())
                .isEqualTo("true");
    }

    @Test
    void thePerformanceGapMultiple() {
        String columns = "columns: {prediction: p, scores: s, target: y}\n";
        EstimatedPerformanceType type = Calculators.get(EstimatedPerformanceType.class);
        assertThat(parse(BASE + columns + "calculators: {estimated_performance: {}}\n")
                        .calculator(type)
                        .performanceGap())
                .isEqualTo(3.0);
        assertThat(parse(BASE + columns + "calculators: {estimated_performance: {performance_gap: 4}}\n")
                        .calculator(type)
                        .performanceGap())
                .isEqualTo(4.0);
        assertThat(parse(BASE + columns + "calculators: {estimated_performance: {performance_gap: null}}\n")
                        .calculator(type)
                        .performanceGap())
                .isNull();
        fails(
                BASE + columns + "calculators: {estimated_performance: {performance_gap: 0}}\n",
                "calculators.estimated_performance.performance_gap",
                "a number > 0, or null");
        // DLE takes it too
        String regression = BASE + "problem_type: regression\ncolumns: {target: y, prediction: p}\n";
        assertThat(parse(regression + "calculators: {estimated_performance: {performance_gap: 2.5}}\n")
                        .calculator(type)
                        .performanceGap())
                .isEqualTo(2.5);
        fails(
                regression + "calculators: {estimated_performance: {performance_gap: -1}}\n",
                "calculators.estimated_performance.performance_gap");
    }

    @Test
    void badMultivariateSettings() {
        fails(
                BASE + "calculators: {multivariate_drift: {n_components: 1.5}}\n",
                "calculators.multivariate_drift.n_components",
                "1.5",
                "(0, 1)");
        fails(
                BASE + "calculators: {multivariate_drift: {n_components: 0}}\n",
                "calculators.multivariate_drift.n_components",
                "whole number");
        fails(
                BASE + "calculators: {multivariate_drift: {n_components: five}}\n",
                "calculators.multivariate_drift.n_components",
                "five");
        fails(
                BASE + "calculators: {multivariate_drift: {method: pca}}\n",
                "calculators.multivariate_drift.method",
                "reconstruction_error",
                "domain_classifier");
        fails(
                BASE + "calculators: {multivariate_drift: {n_component: 3}}\n",
                "calculators.multivariate_drift.n_component",
                "did you mean 'n_components'");
        fails(
                BASE + "thresholds: {multivariate_drift.reconstruction: {type: constant, upper: 1}}\n",
                "thresholds.multivariate_drift.reconstruction",
                "reconstruction_error");
    }

    @Test
    void multivariateDriftIsOptInWithNannyMLDefaults() throws Exception {
        MonitorConfig c = parse(BASE + "calculators: {multivariate_drift: null}\n");
        assertThat(c.calculator(Calculators.get(MultivariateDriftType.class)))
                .isEqualTo(MultivariateDriftConfig.defaults());
        assertThat(c.calculator(Calculators.get(UnivariateDriftType.class))).isNull();
        assertThat(parse(BASE).calculator(Calculators.get(MultivariateDriftType.class)))
                .isNull();
        assertThat(parse(BASE + "calculators: {multivariate_drift: {n_components: 3, columns: [a, b]}}\n")
                        .calculator(Calculators.get(MultivariateDriftType.class)))
                .isEqualTo(new MultivariateDriftConfig("reconstruction_error", List.of("a", "b"), 3.0));
    }

    @Test
    void domainClassifierDefaultsAndSettings() throws Exception {
        MonitorConfig c = parse(BASE + "calculators: {multivariate_drift: {method: domain_classifier}}\n");
        assertThat(c.calculator(Calculators.get(MultivariateDriftType.class)).method())
                .isEqualTo("domain_classifier");
        assertThat(c.calculator(Calculators.get(MultivariateDriftType.class)).columns())
                .isNull();
        var d = c.calculator(Calculators.get(MultivariateDriftType.class)).domainClassifier();
        assertThat(d).isEqualTo(MultivariateDriftConfig.DomainClassifierConfig.defaults());
        assertThat(d.cvFoldsNum()).isEqualTo(5);
        assertThat(d.maxTrainingRows()).isEqualTo(10_000);
        // LGBMClassifier's defaults, NannyML's model
        assertThat(d.nEstimators()).isEqualTo(100);
        assertThat(d.numLeaves()).isEqualTo(31);
        assertThat(d.maxDepth()).isEqualTo(-1);
        assertThat(d.minChildSamples()).isEqualTo(20);
        assertThat(d.maxBins()).isEqualTo(255);
        assertThat(parse(BASE + "calculators: {multivariate_drift: null}\n")
                        .calculator(Calculators.get(MultivariateDriftType.class))
                        .domainClassifier())
                .isNull();
        MonitorConfig set = parse(BASE + """
        calculators:
          multivariate_drift: {method: domain_classifier, columns: [a, b], max_training_rows: 500, cv_folds_num: 3,
                               n_estimators: 7, learning_rate: 0.3, max_depth: 2, min_child_samples: 5, max_bins: 64, num_leaves: 15,
                               random_state: 1}
        thresholds:
          multivariate_drift.domain_classifier_auroc: {type: constant, lower: 0.4, upper: 0.7}
        """);
        assertThat(set.calculator(Calculators.get(MultivariateDriftType.class)))
                .isEqualTo(new MultivariateDriftConfig(
                        "domain_classifier",
                        List.of("a", "b"),
                        MultivariateDriftConfig.DEFAULT_N_COMPONENTS,
                        new MultivariateDriftConfig.DomainClassifierConfig(500, 3, 7, 0.3, 2, 5, 64, 1, 15)));
        assertThat(set.thresholds()
                        .get("multivariate_drift.domain_classifier_auroc")
                        .upper())
                .isEqualTo(0.7);
        assertThat(parse(
                                BASE + "calculators: {multivariate_drift: {method: domain_classifier}}\n",
                                "calculators.multivariate_drift.max_training_rows=2000")
                        .calculator(Calculators.get(MultivariateDriftType.class))
                        .domainClassifier()
                        .maxTrainingRows())
                .isEqualTo(2000);
    }

    @Test
    void badDomainClassifierSettings() {
        String dc = BASE + "calculators: {multivariate_drift: {method: domain_classifier, %s}}\n";
        fails(
                dc.formatted("max_trainig_rows: 5"),
                "calculators.multivariate_drift.max_trainig_rows",
                "not known",
                "did you mean 'max_training_rows'");
        fails(
                dc.formatted("max_training_rows: 0"),
                "calculators.multivariate_drift.max_training_rows",
                "positive whole number");
        fails(dc.formatted("max_training_rows: many"), "calculators.multivariate_drift.max_training_rows", "many");
        fails(dc.formatted("cv_folds_num: 1"), "calculators.multivariate_drift.cv_folds_num", ">= 2");
        fails(dc.formatted("n_estimators: 0"), "calculators.multivariate_drift.n_estimators", "positive whole number");
        fails(dc.formatted("max_depth: 0"), "calculators.multivariate_drift.max_depth", "-1 (no limit)");
        fails(dc.formatted("num_leaves: 1"), "calculators.multivariate_drift.num_leaves", ">= 2");
        fails(dc.formatted("learning_rate: 0"), "calculators.multivariate_drift.learning_rate", "(0, 1]");
        fails(dc.formatted("learning_rate: fast"), "calculators.multivariate_drift.learning_rate", "fast");
        fails(dc.formatted("max_bins: 1"), "calculators.multivariate_drift.max_bins", ">= 2");
        fails(dc.formatted("random_state: 1.5"), "calculators.multivariate_drift.random_state", "whole number");
        fails(
                dc.formatted("n_components: 0.65"),
                "calculators.multivariate_drift.n_components",
                "method: reconstruction_error");
        fails(
                BASE + "calculators: {multivariate_drift: {max_depth: 3}}\n",
                "calculators.multivariate_drift.max_depth",
                "method: domain_classifier");
        fails(
                BASE + "calculators: {multivariate_drift: {method: domain_clasifier}}\n",
                "calculators.multivariate_drift.method",
                "did you mean 'domain_classifier'");
        fails(
                BASE + "thresholds: {multivariate_drift.domain_classifier: {type: constant, upper: 0.7}}\n",
                "thresholds.multivariate_drift.domain_classifier",
                "domain_classifier_auroc");
    }

    @Test
    void unknownDriftMethodListsTheValidOnes() {
        fails(
                BASE + "calculators: {univariate_drift: {continuous_methods: [jensen_shanon]}}\n",
                "calculators.univariate_drift.continuous_methods",
                "did you mean 'jensen_shannon'",
                "kolmogorov_smirnov");
        fails(
                BASE + "calculators: {univariate_drift: {categorical_methods: [kolmogorov_smirnov]}}\n",
                "calculators.univariate_drift.categorical_methods",
                "chi2",
                "l_infinity");
    }

    @Test
    void driftDefaultsAreNannyMls() {
        MonitorConfig c = parse(BASE + "calculators: {univariate_drift: {}}\n");
        assertThat(c.calculator(Calculators.get(UnivariateDriftType.class)).continuousMethods())
                .containsExactly("jensen_shannon");
        assertThat(c.calculator(Calculators.get(UnivariateDriftType.class)).categoricalMethods())
                .containsExactly("jensen_shannon");
        assertThat(c.calculator(Calculators.get(UnivariateDriftType.class)).nBins())
                .isEqualTo(10_000);
        assertThat(c.calculator(Calculators.get(DataQualityType.class))).isNull();
    }
}
