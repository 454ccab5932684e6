package dev.vigil.performance;

import dev.vigil.performance.RegressionProblem.Loss;

/**
 * Mean absolute percentage error {@code Σ |y − ŷ| / max(|y|, ε) / n} (NannyML's {@code mape}, ε the
 * machine epsilon); its sampling error takes the std of the unguarded {@code |y − ŷ| / y}, as
 * NannyML's does.
 */
final class Mape extends LossMetric {
    Mape() {
        super("mape", Loss.APE);
    }

    @Override
    String samplingColumn() {
        return RegressionProblem.APE_RAW;
    }
}
