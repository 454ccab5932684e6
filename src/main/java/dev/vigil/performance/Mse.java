package dev.vigil.performance;

import dev.vigil.performance.RegressionProblem.Loss;

/** Mean squared error {@code Σ (y − ŷ)² / n} (NannyML's {@code mse}). */
final class Mse extends LossMetric {
    Mse() {
        super("mse", Loss.SE);
    }
}
