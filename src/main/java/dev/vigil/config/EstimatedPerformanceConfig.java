package dev.vigil.config;

/**
 * {@code calculators.estimated_performance}: CBPE for binary classification. {@code metrics},
 * {@code business_value_matrix} and {@code normalize_business_value} as for realized performance, plus
 * {@code calibration}: {@code auto} (NannyML's rule: calibrate when cross-fitted isotonic calibration lowers the
 * expected calibration error on the reference), {@code always} or {@code never}.
 */
public record EstimatedPerformanceConfig(RealizedPerformanceConfig metrics, Calibration calibration) {
  public enum Calibration { AUTO, ALWAYS, NEVER }
}
