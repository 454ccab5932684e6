package dev.vigil.config;

/**
 * A threshold override from the {@code thresholds:} section. For {@code constant} the bounds are
 * given; for {@code standard_deviation} the multipliers (null = no bound on that side).
 */
public record ThresholdConfig(
    Type type, Double lower, Double upper, Double stdLowerMultiplier, Double stdUpperMultiplier)
    implements java.io.Serializable {
  public enum Type {
    CONSTANT,
    STANDARD_DEVIATION
  }
}
