package dev.vigil.performance;

import dev.vigil.stats.ValueCounts;
import java.util.List;

/**
 * Average precision (NannyML's {@code average_precision}, binary only): realized sklearn's {@code Σ
 * (R_k − R_{k−1})·P_k} over the distinct scores, NaN without positives; sampling error {@code σ ·
 * √(S / n)} from NannyML's bootstrap ({@link ClassificationMath#averagePrecisionComponent}), n the
 * rows with a score. CBPE: over the rows by score, with the expected true positives ({@link
 * Cbpe#averagePrecision}).
 */
final class AveragePrecision extends PerformanceMetric {
  AveragePrecision() {
    super("average_precision", BINARY, OPT_IN, Needs.SCORES);
  }

  @Override
  List<Binary> binary(RealizedPerformanceConfig settings) {
    return List.of(new Binary(this));
  }

  static final class Binary extends ScoreMeasure {
    Binary(AveragePrecision metric) {
      super(metric);
    }

    @Override
    double realized(BinaryProblem.States chunk) {
      return ClassificationMath.averagePrecision(
          chunk.positives().sorted(), chunk.negatives().sorted());
    }

    @Override
    double[] component(BinaryProblem.States reference) {
      ValueCounts.Sorted p = reference.positives().sortedArrays();
      ValueCounts.Sorted q = reference.negatives().sortedArrays();
      return ClassificationMath.averagePrecisionComponent(
          p.values(), p.counts(), q.values(), q.counts());
    }

    @Override
    double samplingError(double[] k, long rows) {
      return k[0] * Math.sqrt(k[1] / rows);
    }

    @Override
    double estimate(Cbpe.Chunk chunk) {
      return Cbpe.averagePrecision(chunk.groups());
    }
  }
}
