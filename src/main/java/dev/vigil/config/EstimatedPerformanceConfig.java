package dev.vigil.config;

/**
 * {@code calculators.estimated_performance}: CBPE for binary classification, DLE for regression.
 * {@code metrics}, {@code business_value_matrix} and {@code normalize_business_value} as for
 * realized performance; CBPE adds {@code calibration}: {@code auto} (NannyML's rule: calibrate when
 * cross-fitted isotonic calibration lowers the expected calibration error on the reference), {@code
 * always} or {@code never}; DLE adds {@code hyperparameters} (null for CBPE; calibration is null
 * for DLE).
 */
public record EstimatedPerformanceConfig(
    RealizedPerformanceConfig metrics, Calibration calibration, DleHyperparameters hyperparameters)
    implements java.io.Serializable {
  public enum Calibration {
    AUTO,
    ALWAYS,
    NEVER
  }

  /** CBPE. */
  public EstimatedPerformanceConfig(RealizedPerformanceConfig metrics, Calibration calibration) {
    this(metrics, calibration, null);
  }
}
