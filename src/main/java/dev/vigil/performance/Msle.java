package dev.vigil.performance;

import dev.vigil.performance.RegressionProblem.Loss;

/**
 * Mean squared log error {@code Σ (ln(1 + y) − ln(1 + ŷ))² / n} (NannyML's {@code msle}); NaN when
 * a target or prediction of the chunk is negative.
 */
final class Msle extends LossMetric {
    Msle() {
        super("msle", Loss.SLE);
    }
}
