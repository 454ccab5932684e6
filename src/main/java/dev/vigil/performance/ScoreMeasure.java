package dev.vigil.performance;

/**
 * A binary metric of the scores (ROC AUC, average precision): thresholds clipped to [0, 1], and its
 * sampling error counts the rows with a target and a score.
 */
abstract class ScoreMeasure extends Measure<BinaryProblem.States, Cbpe.Chunk> {
  ScoreMeasure(PerformanceMetric metric) {
    super(metric, RATE);
  }

  @Override
  final long rows(BinaryProblem.States chunk) {
    return chunk.scoredRows();
  }
}
