package dev.vigil.performance;

import dev.vigil.performance.RegressionProblem.Loss;

/**
 * Root mean squared log error {@code √(Σ (ln(1 + y) − ln(1 + ŷ))² / n)} (NannyML's {@code rmsle});
 * NaN when a target or prediction of the chunk is negative.
 */
final class Rmsle extends RootLossMetric {
    Rmsle() {
        super("rmsle", Loss.SLE);
    }
}
