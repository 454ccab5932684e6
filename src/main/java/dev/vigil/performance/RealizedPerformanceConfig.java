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
 * in NannyML's layout, rows the true class and columns the predicted class: binary {@code [[TN,
 * FP], [FN, TP]]}, multiclass k×k over the score mapping's labels sorted (refused, naming the
 * classes, when its shape is not k×k); the confusion matrix as counts or normalised as NannyML
 * ({@code all}: by rows, {@code true}: by the true class, {@code pred}: by the predicted class).
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
            "a 2x2 list [[TN, FP], [FN, TP]] of numbers (binary), a kxk list (multiclass)",
            null,
            "the value of each confusion-matrix cell, in NannyML's layout: rows the true class, columns the"
                    + " predicted class, multiclass in the sorted order of the columns.scores labels (needed"
                    + " for business_value)",
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
        List<String> classes = type == ProblemType.MULTICLASS_CLASSIFICATION
                ? columns.scores().keySet().stream().sorted().toList()
                : List.of();
        String shape = matrixShape(classes);
        double[][] matrix = r.has(BUSINESS_VALUE_MATRIX.name()) ? matrix(r, key, classes, shape) : null;
        List<String> needMatrix = PerformanceMetrics.needing(Needs.BUSINESS_VALUE_MATRIX, metrics);
        if (!needMatrix.isEmpty() && matrix == null) {
            throw Errors.missingKey(key + ".business_value_matrix", shape + " for " + and(needMatrix));
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

    /**
     * The business value matrix expected: binary 2×2 in NannyML's cell names, multiclass k×k over
     * the sorted {@code classes}.
     */
    private static String matrixShape(List<String> classes) {
        if (classes.isEmpty()) {
            return "a 2x2 list [[TN, FP], [FN, TP]] of numbers";
        }
        int k = classes.size();
        return "a " + k + "x" + k + " list of numbers, row i the true class and column j the predicted class in"
                + " the order of the classes " + classes;
    }

    private static double[][] matrix(Section r, String key, List<String> classes, String shape) {
        int k = classes.isEmpty() ? 2 : classes.size();
        JsonNode m = r.node().get(BUSINESS_VALUE_MATRIX.name());
        boolean square = m.isArray() && m.size() == k;
        for (int i = 0; square && i < k; i++) {
            square = m.get(i).isArray() && m.get(i).size() == k;
        }
        if (!square) {
            throw Errors.badValue(key + ".business_value_matrix", m.toString(), shape);
        }
        double[][] matrix = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (!m.get(i).get(j).isNumber()) {
                    throw Errors.badValue(key + ".business_value_matrix", m.toString(), shape);
                }
                matrix[i][j] = m.get(i).get(j).asDouble();
            }
        }
        return matrix;
    }
}
