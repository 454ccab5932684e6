package dev.vigil.performance;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.config.ColumnsConfig;
import dev.vigil.config.Key;
import dev.vigil.config.ProblemType;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import dev.vigil.internal.Errors;
import dev.vigil.performance.EstimatedPerformanceConfig.Calibration;
import java.io.Serializable;
import java.util.List;

/**
 * {@code calculators.fairness}: which fairness metrics ({@link FairnessMetrics}; default every one
 * the configured columns allow: statistical parity with a prediction, the realized differences with
 * a target too, the estimated ones with a score as well) and CBPE's calibration for the estimated
 * ones. Binary classification only, and only with segments or slices (each segment value is
 * compared with the rest of its chunk).
 */
public record FairnessConfig(List<String> metrics, Calibration calibration) implements Serializable {
    static final Key<List<String>> METRICS = Key.names(
                    "metrics",
                    null,
                    "the fairness metrics, among " + FairnessMetrics.NAMES
                            + " (default: every one the columns allow: statistical_parity_difference needs"
                            + " columns.prediction, the other realized ones columns.target too, the estimated ones"
                            + " columns.scores as well)")
            .withChoices(FairnessMetrics.NAMES);
    static final Key<Calibration> CALIBRATION = Key.oneOf(
            "calibration",
            Calibration.class,
            Calibration.AUTO,
            "the estimated metrics: calibrate the scores, each segment's and the whole population's on the"
                    + " reference, when NannyML's rule says so (auto), always or never");

    public static final Schema SCHEMA = Schema.of(
            "calculators.fairness",
            "fairness of a binary classifier per segment value: statistical parity, equal opportunity and"
                    + " predictive parity differences against the rest of each chunk, realized and CBPE-estimated"
                    + " (opt-in; needs columns.segments or columns.slices)",
            METRICS,
            CALIBRATION);

    static FairnessConfig parse(Section s, CalculatorType.Context context) {
        SCHEMA.check(s);
        String key = s.path();
        ProblemType type = context.problemType();
        ColumnsConfig columns = context.columns();
        if (type != ProblemType.BINARY_CLASSIFICATION) {
            throw Errors.refused(
                    key,
                    "the fairness metrics are defined for problem_type binary_classification, and this monitor's"
                            + " is " + type.key());
        }
        if (columns.segmentation().isEmpty()) {
            throw Errors.missingKey(
                    "columns.segments",
                    "segment columns (or columns.slices), because " + key
                            + " compares each segment value with the rest of its chunk");
        }
        if (columns.prediction() == null) {
            throw Errors.missingKey("columns.prediction", "the prediction column, because " + key + " needs one");
        }
        List<String> metrics;
        if (s.has(METRICS.name())) {
            metrics = List.copyOf(METRICS.read(s));
            if (metrics.isEmpty()) {
                throw Errors.badValue(METRICS.in(s), "[]", "at least one of " + FairnessMetrics.NAMES);
            }
            for (String m : metrics) {
                if (!FairnessMetrics.NAMES.contains(m)) {
                    throw Errors.unknownName(METRICS.in(s), m, FairnessMetrics.NAMES);
                }
                FairnessMetric metric = FairnessMetrics.get(m);
                boolean estimated = FairnessMetrics.isEstimated(m);
                if ((estimated || metric.needsTargets()) && columns.target() == null) {
                    throw Errors.missingKey(
                            "columns.target",
                            "the target column, because " + METRICS.in(s) + " lists " + m
                                    + (estimated ? " (CBPE calibrates on the reference targets)" : ""));
                }
                if (estimated && columns.scores().isEmpty()) {
                    throw Errors.missingKey(
                            "columns.scores", "the score column, because " + METRICS.in(s) + " lists " + m);
                }
            }
        } else {
            metrics = FairnessMetrics.NAMES.stream()
                    .filter(m ->
                            columns.target() != null || !FairnessMetrics.get(m).needsTargets())
                    .filter(m -> !FairnessMetrics.isEstimated(m)
                            || (columns.target() != null && !columns.scores().isEmpty()))
                    .toList();
        }
        return new FairnessConfig(metrics, CALIBRATION.read(s));
    }
}
