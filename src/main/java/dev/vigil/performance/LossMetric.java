package dev.vigil.performance;

import dev.vigil.config.ProblemType;
import dev.vigil.performance.RegressionProblem.Loss;
import java.util.List;
import java.util.Set;

/**
 * A regression metric that is the mean of one per-row {@link Loss} over the rows with a target and
 * a prediction (NannyML's regression metrics): realized from the loss's moments, NaN where the loss
 * is undefined; sampling error {@code σ / √n} with σ the whole reference's population std of the
 * loss; DLE's estimate the mean of the rows' predicted losses. Thresholds clipped at 0.
 */
abstract class LossMetric extends Measure<RegressionProblem.States, RegressionProblem.Losses>
    implements PerformanceMetric {
  private final Loss loss;

  LossMetric(String name, Loss loss) {
    super(name, NON_NEGATIVE);
    this.loss = loss;
  }

  /** The per-row loss DLE's model learns for this metric. */
  final Loss loss() {
    return loss;
  }

  @Override
  public final Set<ProblemType> problemTypes() {
    return Set.of(ProblemType.REGRESSION);
  }

  @Override
  public final List<LossMetric> regression() {
    return List.of(this);
  }

  /** The metric from the mean loss of a chunk. */
  double of(double meanLoss) {
    return meanLoss;
  }

  /** The column whose whole-reference std makes the sampling error: the loss's. */
  String samplingColumn() {
    return loss.column();
  }

  @Override
  final double realized(RegressionProblem.States chunk) {
    return chunk.defined(loss) ? of(chunk.moments(loss.column()).mean()) : Double.NaN;
  }

  @Override
  double[] component(RegressionProblem.States reference) {
    return new double[] {reference.moments(samplingColumn()).populationStd(), 1};
  }

  @Override
  double samplingError(double[] k, long rows) {
    return k[0] / Math.sqrt(rows);
  }

  @Override
  final double estimate(RegressionProblem.Losses chunk) {
    return of(chunk.meanPredicted(loss));
  }
}
