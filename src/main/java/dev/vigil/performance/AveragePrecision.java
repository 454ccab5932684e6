package dev.vigil.performance;

import dev.vigil.calculators.Measurement;
import dev.vigil.stats.ValueCounts;
import java.util.NavigableMap;

/**
 * Average precision (NannyML's {@code average_precision}). Binary realized: sklearn's {@code Σ
 * (R_k − R_{k−1})·P_k} over the distinct scores, NaN without positives; sampling error {@code σ ·
 * √(S / n)} from NannyML's bootstrap ({@link ClassificationMath#averagePrecisionComponent}), n the
 * rows with a score. CBPE: over the rows by score, with the expected true positives ({@link
 * Cbpe#averagePrecision}). Multiclass: the macro average of the one-vs-rest values ({@link
 * ScoreMetric.Macro}; sklearn's {@code average_precision_score} on the binarized targets, as
 * NannyML calls it); sampling error {@code √(mean_c σ_c²·S_c / n)} over the classes' bootstrap
 * components.
 */
final class AveragePrecision extends ScoreMetric {
    AveragePrecision() {
        super("average_precision", CLASSIFICATION, OPT_IN);
    }

    @Override
    double[] componentOf(ValueCounts positives, ValueCounts negatives) {
        ValueCounts.Sorted p = positives.sortedArrays();
        ValueCounts.Sorted q = negatives.sortedArrays();
        return ClassificationMath.averagePrecisionComponent(p.values(), p.counts(), q.values(), q.counts());
    }

    /** No bound on how merging scores within a grid cell moves the average precision. */
    @Override
    double gridBound(NavigableMap<Double, Long> positives, NavigableMap<Double, Long> negatives) {
        return Measurement.NO_KNOWN_BOUND;
    }

    @Override
    double errorOf(double[] k, long rows) {
        return k[0] * Math.sqrt(k[1] / rows);
    }

    @Override
    double macroErrorOf(double[] perClass, long rows) {
        int classes = perClass.length / 2;
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            double std = perClass[2 * c];
            sum += std * std * perClass[2 * c + 1] / rows;
        }
        return Math.sqrt(sum / classes);
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
