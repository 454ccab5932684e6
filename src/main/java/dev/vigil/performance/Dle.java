package dev.vigil.performance;

/**
 * DLE's chunk-level math (NannyML 0.13.1, {@code direct_loss_estimation/metrics.py} and {@code
 * dle.py}): which per-row loss each metric's model predicts and the estimate from the mean of the
 * (clipped) predicted losses.
 */
final class Dle {
  private Dle() {}

  /**
   * The per-row loss a metric's model predicts: {@code ae} = |y − ŷ| (mae), {@code ape} = |y − ŷ| /
   * max(|y|, ε) (mape), {@code se} = (y − ŷ)² (mse and rmse), {@code sle} = (ln(1 + y) − ln(1 +
   * ŷ))² (msle and rmsle).
   */
  static String loss(String metric) {
    return switch (metric) {
      case "mae" -> "ae";
      case "mape" -> "ape";
      case "mse", "rmse" -> "se";
      case "msle", "rmsle" -> "sle";
      default -> throw new IllegalArgumentException("DLE has no metric " + metric);
    };
  }

  /**
   * The chunk's estimate from the mean of its rows' predicted losses (each already clipped at 0):
   * the mean itself, its square root for rmse and rmsle. NaN (an empty chunk) stays NaN.
   */
  static double estimate(String metric, double meanPredictedLoss) {
    loss(metric);
    return metric.equals("rmse") || metric.equals("rmsle")
        ? Math.sqrt(meanPredictedLoss)
        : meanPredictedLoss;
  }
}
