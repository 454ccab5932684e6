package dev.vigil.performance;

import dev.vigil.performance.RegressionProblem.Loss;

/** Mean absolute error {@code Σ |y − ŷ| / n} (NannyML's {@code mae}). */
final class Mae extends LossMetric {
    Mae() {
        super("mae", Loss.AE);
    }
}
