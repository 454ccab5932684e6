package dev.vigil.config;

import java.util.List;

/**
 * {@code calculators.multivariate_drift}: the method ({@code reconstruction_error}, NannyML's PCA data
 * reconstruction), its columns (null = the features) and NannyML's {@code n_components} (a fraction of the
 * variance in (0, 1), or a whole number of components).
 */
public record MultivariateDriftConfig(String method, List<String> columns, double nComponents) {
  public static final List<String> METHODS = List.of("reconstruction_error");
  public static final double DEFAULT_N_COMPONENTS = 0.65;

  public static MultivariateDriftConfig defaults() {
    return new MultivariateDriftConfig("reconstruction_error", null, DEFAULT_N_COMPONENTS);
  }
}
