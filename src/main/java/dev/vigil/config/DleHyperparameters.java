package dev.vigil.config;

/**
 * {@code calculators.estimated_performance.hyperparameters} for DLE (regression): the
 * gradient-boosted trees that predict each row's loss, under LightGBM's names (NannyML's {@code
 * hyperparameters} are LightGBM's) mapped onto Spark MLlib's {@code GBTRegressor}: {@code
 * n_estimators} → maxIter, {@code learning_rate} → stepSize, {@code max_depth} → maxDepth, {@code
 * min_child_samples} → minInstancesPerNode, {@code max_bin} → maxBins, {@code subsample} →
 * subsamplingRate, {@code seed} → seed.
 */
public record DleHyperparameters(
    int nEstimators,
    double learningRate,
    int maxDepth,
    int minChildSamples,
    int maxBin,
    double subsample,
    long seed)
    implements java.io.Serializable {
  /** Vigil's defaults (README, "Estimated performance for regression"). */
  public static final DleHyperparameters DEFAULTS =
      new DleHyperparameters(50, 0.1, 5, 20, 64, 1.0, 42);

  public static final java.util.List<String> KEYS =
      java.util.List.of(
          "n_estimators",
          "learning_rate",
          "max_depth",
          "min_child_samples",
          "max_bin",
          "subsample",
          "seed");
}
