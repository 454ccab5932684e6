package dev.vigil.performance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.config.ColumnsConfig;
import dev.vigil.config.Key;
import dev.vigil.config.ProblemType;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import dev.vigil.internal.Errors;
import dev.vigil.performance.PerformanceMetric.Needs;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code calculators.realized_performance}: the metrics (NannyML's names; {@code confusion_matrix}
 * gives true_positive, true_negative, false_positive, false_negative) and the business value matrix
 * in NannyML's layout {@code [[TN, FP], [FN, TP]]} (rows: true class, columns: predicted class);
 * the confusion matrix as counts or normalised as NannyML ({@code all}: by rows, {@code true}: by
 * the true class, {@code pred}: by the predicted class).
 */
public record RealizedPerformanceConfig(
        List<String> metrics,
        double[][] businessValueMatrix,
        boolean normalizeBusinessValuePerPrediction,
        String normalizeConfusionMatrix)
        implements Serializable {
    /** NannyML's {@code normalize_confusion_matrix} values (null: counts). */
    public static final List<String> CONFUSION_NORMALIZATIONS = List.of("all", "true", "pred");

    static final Key<List<String>> METRICS = Key.names(
            "metrics",
            null,
            "the metrics (NannyML's names; default: "
                    + String.join(", ", PerformanceMetrics.defaults(ProblemType.BINARY_CLASSIFICATION, false))
                    + " for classification, every metric for regression)");
    static final Key<String> BUSINESS_VALUE_MATRIX = Key.of(
            "business_value_matrix",
            "a 2x2 list [[TN, FP], [FN, TP]] of numbers",
            null,
            "the value of each confusion-matrix cell, in NannyML's layout (needed for" + " business_value)",
            (s, k) -> null);
    static final Key<String> NORMALIZE_BUSINESS_VALUE = Key.of(
            "normalize_business_value",
            "per_prediction or null",
            null,
            "business_value per prediction instead of the chunk's total",
            (s, k) -> s.string(k, null));
    static final Key<String> NORMALIZE_CONFUSION_MATRIX = Key.of(
            "normalize_confusion_matrix",
            "one of all, true, pred, or null",
            null,
            "the confusion matrix as counts (null) or normalised by all rows, the true class or the"
                    + " predicted class",
            (s, k) -> s.string(k, null));

    public static final Schema SCHEMA = Schema.of(
            "calculators.realized_performance",
            "NannyML's realized performance, where targets are known (opt-in; needs columns.target"
                    + " and columns.prediction)",
            METRICS,
            BUSINESS_VALUE_MATRIX,
            NORMALIZE_BUSINESS_VALUE,
            NORMALIZE_CONFUSION_MATRIX);

    /**
     * Reads a performance calculator's metrics section ({@code name}: realized_performance, or
     * estimated_performance with its own extra keys allowed and only the metrics it estimates).
     */
    static RealizedPerformanceConfig parse(
            Section r,
            String name,
            ProblemType type,
            ColumnsConfig columns,
            List<String> extraKeys,
            boolean estimated) {
        String key = "calculators." + name;
        if (columns.target() == null) {
            throw Errors.missingKey("columns.target", "the target column, because " + name + " needs one");
        }
        if (columns.prediction() == null) {
            throw Errors.missingKey("columns.prediction", "the prediction column, because " + name + " needs one");
        }
        List<String> allowed = new ArrayList<>(SCHEMA.names());
        allowed.addAll(extraKeys);
        r.allow(allowed.toArray(String[]::new));
        List<String> metrics = r.has(METRICS.name()) ? METRICS.read(r) : PerformanceMetrics.defaults(type, estimated);
        PerformanceMetrics.check(key + ".metrics", metrics, type, estimated);
        if (type == ProblemType.MULTICLASS_CLASSIFICATION && columns.scores().isEmpty()) {
            throw Errors.missingKey(
                    "columns.scores",
                    "the {class_label: score_column} mapping, because multiclass "
                            + name
                            + " takes its classes from it");
        }
        List<String> needScores = PerformanceMetrics.needing(Needs.SCORES, type);
        if (type == ProblemType.BINARY_CLASSIFICATION
                && columns.scores().isEmpty()
                && metrics.stream().anyMatch(needScores::contains)) {
            throw Errors.missingKey("columns.scores", "the score column, because " + and(needScores) + " need one");
        }
        double[][] matrix = r.has(BUSINESS_VALUE_MATRIX.name()) ? matrix(r, key) : null;
        List<String> needMatrix = PerformanceMetrics.needing(Needs.BUSINESS_VALUE_MATRIX, metrics);
        if (!needMatrix.isEmpty() && matrix == null) {
            throw Errors.missingKey(
                    key + ".business_value_matrix", "a 2x2 list [[TN, FP], [FN, TP]] for " + and(needMatrix));
        }
        String norm = NORMALIZE_BUSINESS_VALUE.read(r);
        if (norm != null && !norm.equals("per_prediction")) {
            throw Errors.badValue(key + ".normalize_business_value", norm, "per_prediction or null");
        }
        String cm = NORMALIZE_CONFUSION_MATRIX.read(r);
        if (cm != null && !CONFUSION_NORMALIZATIONS.contains(cm)) {
            throw Errors.unknownName(key + ".normalize_confusion_matrix", cm, CONFUSION_NORMALIZATIONS);
        }
        return new RealizedPerformanceConfig(List.copyOf(metrics), matrix, norm != null, cm);
    }

    /** "a", "a and b", "a, b and c". */
    private static String and(List<String> names) {
        int last = names.size() - 1;
        return last == 0 ? names.get(0) : String.join(", ", names.subList(0, last)) + " and " + names.get(last);
    }

    private static double[][] matrix(Section r, String key) {
        JsonNode m = r.node().get(BUSINESS_VALUE_MATRIX.name());
        if (!m.isArray()
                || m.size() != 2
                || !m.get(0).isArray()
                || !m.get(1).isArray()
                || m.get(0).size() != 2
                || m.get(1).size() != 2) {
            throw Errors.badValue(
                    key + ".business_value_matrix", m.toString(), "a 2x2 list [[TN, FP], [FN, TP]] of numbers");
        }
        double[][] matrix = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                if (!m.get(i).get(j).isNumber()) {
                    throw Errors.badValue(key + ".business_value_matrix", m.toString(), "a 2x2 list of numbers");
                }
                matrix[i][j] = m.get(i).get(j).asDouble();
            }
        }
        return matrix;
    }
}
