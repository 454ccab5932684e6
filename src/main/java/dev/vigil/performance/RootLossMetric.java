package dev.vigil.performance;

import dev.vigil.performance.RegressionProblem.Loss;
import dev.vigil.stats.Moments;

/**
 * A regression metric that is the square root of a mean loss (rmse, rmsle): realized and DLE's
 * estimate the root of the mean (not the mean of roots); sampling error by the delta method {@code
 * √(σ² / (4·n·μ))}, σ and μ the whole reference's population std and mean of the loss.
 */
abstract class RootLossMetric extends LossMetric {
    RootLossMetric(String name, Loss loss) {
        super(name, loss);
    }

    @Override
    final double of(double meanLoss) {
        return Math.sqrt(meanLoss);
    }

    @Override
    final double[] componentOf(Moments reference) {
        return new double[] {reference.populationStd(), reference.mean()};
    }

    @Override
    final double errorOf(double[] k, long rows) {
        return Math.sqrt(k[0] * k[0] / (4 * rows * k[1]));
    }
}
