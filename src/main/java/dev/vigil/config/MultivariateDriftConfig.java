package dev.vigil.config;

import java.util.List;

/**
 * {@code calculators.multivariate_drift}: the method, its columns (null = the features) and the
 * method's settings: NannyML's {@code n_components} for {@code reconstruction_error} (PCA data
 * reconstruction: a fraction of the variance in (0, 1), or a whole number of components), the
 * classifier's settings for {@code domain_classifier} (null for the other method).
 */
public record MultivariateDriftConfig(
    String method,
    List<String> columns,
    double nComponents,
    DomainClassifierConfig domainClassifier)
    implements java.io.Serializable {
  public static final String RECONSTRUCTION_ERROR = "reconstruction_error";
  public static final String DOMAIN_CLASSIFIER = "domain_classifier";
  public static final List<String> METHODS = List.of(RECONSTRUCTION_ERROR, DOMAIN_CLASSIFIER);

  /**
   * The metric each method writes (the domain classifier's is NannyML's {@code
   * domain_classifier_auroc}).
   */
  public static final List<String> METRICS =
      List.of(RECONSTRUCTION_ERROR, "domain_classifier_auroc");

  public static final double DEFAULT_N_COMPONENTS = 0.65;

  public MultivariateDriftConfig(String method, List<String> columns, double nComponents) {
    this(method, columns, nComponents, null);
  }

  public static MultivariateDriftConfig defaults() {
    return new MultivariateDriftConfig(RECONSTRUCTION_ERROR, null, DEFAULT_N_COMPONENTS);
  }

  /**
   * The domain classifier's settings. NannyML's names where it has the setting ({@code
   * cv_folds_num}; LightGBM's {@code n_estimators}, {@code learning_rate}, {@code max_depth},
   * {@code min_child_samples}, {@code random_state}), mapped onto spark-mllib's GBTClassifier
   * (maxIter, stepSize, maxDepth, minInstancesPerNode, seed); {@code max_bins} is MLlib's; {@code
   * max_training_rows} is Vigil's cost bound: the reference and each chunk are sampled to at most
   * this many rows.
   */
  public record DomainClassifierConfig(
      int maxTrainingRows,
      int cvFoldsNum,
      int nEstimators,
      double learningRate,
      int maxDepth,
      int minChildSamples,
      int maxBins,
      long randomState) {
    public static final List<String> KEYS =
        List.of(
            "max_training_rows",
            "cv_folds_num",
            "n_estimators",
            "learning_rate",
            "max_depth",
            "min_child_samples",
            "max_bins",
            "random_state");

    public static DomainClassifierConfig defaults() {
      return new DomainClassifierConfig(10_000, 5, 20, 0.1, 5, 20, 32, 13);
    }
  }
}
