package dev.vigil.config;

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
    implements java.io.Serializable {
  /** NannyML's {@code normalize_confusion_matrix} values (null: counts). */
  public static final List<String> CONFUSION_NORMALIZATIONS = List.of("all", "true", "pred");

  public static final List<String> BINARY =
      List.of(
          "roc_auc",
          "f1",
          "precision",
          "recall",
          "specificity",
          "accuracy",
          "average_precision",
          "confusion_matrix",
          "business_value");

  /**
   * Multiclass in this version: one-vs-rest, macro-averaged, and the confusion matrix (no business
   * value or AP yet).
   */
  public static final List<String> MULTICLASS =
      List.of(
          "roc_auc", "f1", "precision", "recall", "specificity", "accuracy", "confusion_matrix");

  public static final List<String> REGRESSION =
      List.of("mae", "mape", "mse", "rmse", "msle", "rmsle");
  public static final List<String> ALL;

  static {
    java.util.List<String> all = new java.util.ArrayList<>(BINARY);
    all.addAll(REGRESSION);
    ALL = List.copyOf(all);
  }
}
