package dev.vigil.performance;

import dev.vigil.stats.ValueCounts;
import java.util.NavigableMap;

/**
 * Average precision (NannyML's {@code average_precision}, binary only): realized sklearn's {@code Σ
 * (R_k − R_{k−1})·P_k} over the distinct scores, NaN without positives; sampling error {@code σ ·
 * √(S / n)} from NannyML's bootstrap ({@link ClassificationMath#averagePrecisionComponent}), n the
 * rows with a score. CBPE: over the rows by score, with the expected true positives ({@link
 * Cbpe#averagePrecision}).
 */
final class AveragePrecision extends ScoreMetric {
    AveragePrecision() {
        super("average_precision", BINARY, OPT_IN);
    }

    @Override
    double[] componentOf(BinaryProblem.States reference) {
        ValueCounts.Sorted p = reference.positives().sortedArrays();
        ValueCounts.Sorted q = reference.negatives().sortedArrays();
        return ClassificationMath.averagePrecisionComponent(p.values(), p.counts(), q.values(), q.counts());
    }

    /** No bound on how merging scores within a grid cell moves the average precision. */
    @Override
    double gridBound(NavigableMap<Double, Long> positives, NavigableMap<Double, Long> negatives) {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    double errorOf(double[] k, long rows) {
        return k[0] * Math.sqrt(k[1] / rows);
    }

    @Override
    double value(NavigableMap<Double, Long> positives, NavigableMap<Double, Long> negatives) {
        return ClassificationMath.averagePrecision(positives, negatives);
    }

    @Override
    double expected(Cbpe.Groups groups) {
        return Cbpe.averagePrecision(groups);
    }
}
