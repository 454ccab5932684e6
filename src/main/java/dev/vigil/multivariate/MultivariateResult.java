package dev.vigil.multivariate;

import dev.vigil.calculators.Measurement;
import dev.vigil.thresholds.Bounds;

/**
 * A multivariate drift result, at model level: the chunk's value, its sampling error and confidence
 * band where the method has them (null: none), the thresholds and the alert.
 */
final class MultivariateResult {
    private MultivariateResult() {}

    static Measurement of(
            String metric,
            String segment,
            int chunk,
            Double value,
            Double samplingError,
            Double lowerBand,
            Double upperBand,
            Bounds thresholds,
            boolean alert) {
        return new Measurement(
                ReconstructionDriftCalculator.NAME,
                metric,
                null,
                segment,
                chunk,
                value,
                null,
                samplingError,
                null,
                lowerBand,
                upperBand,
                thresholds.lower(),
                thresholds.upper(),
                alert);
    }
}
