package dev.vigil.performance;

import dev.vigil.performance.RegressionProblem.Loss;

/** Root mean squared error {@code √(Σ (y − ŷ)² / n)} (NannyML's {@code rmse}). */
final class Rmse extends RootLossMetric {
    Rmse() {
        super("rmse", Loss.SE);
    }
}
