package dev.vigil.performance;

import dev.vigil.performance.RegressionProblem.Loss;
import dev.vigil.stats.Moments;
import java.util.List;

/**
 * A regression metric that is the mean of one per-row {@link Loss} over the rows with a target and
 * a prediction (NannyML's regression metrics): realized from the loss's moments, NaN where the loss
 * is undefined; sampling error {@code σ / √n} with σ the whole reference's population std of the
 * loss; DLE's estimate from the mean of the rows' predicted losses. Thresholds clipped at 0.
 */
abstract class LossMetric extends PerformanceMetric {
    private final Loss loss;

    LossMetric(String name, Loss loss) {
        super(name, REGRESSION, BY_DEFAULT);
        this.loss = loss;
    }

    /** A loss: lower is better. */
    @Override
    final Better better() {
        return Better.LOWER;
    }

    /** The per-row loss DLE's model learns for this metric. */
    final Loss loss() {
        return loss;
    }

    /** The metric from a chunk's mean loss. */
    double of(double meanLoss) {
        return meanLoss;
    }

    /** The column whose whole-reference moments make the sampling error: the loss's. */
    String samplingColumn() {
        return loss.column();
    }

    /** The sampling-error component from the whole reference's moments of {@link #samplingColumn}. */
    double[] componentOf(Moments reference) {
        return new double[] {reference.populationStd(), 1};
    }

    /** The sampling error on a chunk of {@code rows} rows. */
    double errorOf(double[] k, long rows) {
        return k[0] / Math.sqrt(rows);
    }

    @Override
    final List<Of> regression() {
        return List.of(new Of());
    }

    /** The metric's one measure. */
    final class Of extends Measure<RegressionProblem.States, RegressionProblem.Losses> {
        Of() {
            super(LossMetric.this, NON_NEGATIVE);
        }

        Loss loss() {
            return loss;
        }

        @Override
        double realized(RegressionProblem.States chunk) {
            return chunk.defined(loss) ? of(chunk.moments(loss.column()).mean()) : Double.NaN;
        }

        @Override
        String undefinedBecause() {
            return loss == Loss.SLE
                    ? "a target or prediction is negative (its logarithm of 1 + value is what NannyML refuses)"
                    : super.undefinedBecause();
        }

        @Override
        double[] component(RegressionProblem.States reference) {
            return componentOf(reference.moments(samplingColumn()));
        }

        @Override
        double samplingError(double[] k, long rows) {
            return errorOf(k, rows);
        }

        @Override
        double estimate(RegressionProblem.Losses chunk) {
            return of(chunk.meanPredicted(loss));
        }
    }
}
