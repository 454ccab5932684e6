package dev.vigil.config;

import java.util.List;

/**
 * {@code calculators.univariate_drift}: columns (null = features + scores + prediction), the
 * methods per column kind (NannyML's default: jensen_shannon for both), and NannyML's {@code
 * calculation_method}/{@code n_bins} for kolmogorov_smirnov and wasserstein.
 */
public record UnivariateDriftConfig(
    List<String> columns,
    List<String> continuousMethods,
    List<String> categoricalMethods,
    CalculationMethod calculationMethod,
    int nBins)
    implements java.io.Serializable {

  /** exact below 10,000 reference values (auto), always exact, or always binned (estimated). */
  public enum CalculationMethod {
    AUTO,
    EXACT,
    ESTIMATED
  }

  public static final List<String> CONTINUOUS_METHODS =
      List.of("kolmogorov_smirnov", "jensen_shannon", "wasserstein", "hellinger", "psi");
  public static final List<String> CATEGORICAL_METHODS =
      List.of("chi2", "jensen_shannon", "hellinger", "l_infinity", "psi");

  public static UnivariateDriftConfig defaults() {
    return new UnivariateDriftConfig(
        null, List.of("jensen_shannon"), List.of("jensen_shannon"), CalculationMethod.AUTO, 10_000);
  }
}
