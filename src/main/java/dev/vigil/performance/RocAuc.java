package dev.vigil.performance;

import dev.vigil.stats.ValueCounts;
import java.util.NavigableMap;

/**
 * ROC AUC (NannyML's {@code roc_auc}). Binary realized: the Mann–Whitney form over the score counts
 * of the positives and the negatives, NaN without both classes; sampling error {@code σ / √(n·f)}
 * from {@link ClassificationMath#rocAucComponent}, n the rows with a score. CBPE: the area under
 * the expected ROC curve ({@link Cbpe#rocAuc}). Multiclass: the macro average of the one-vs-rest
 * areas ({@link ScoreMetric.Macro}); sampling error 1.2 × {@code √(Σ_c σ_c² / (n·f_c)) / K}
 * (docs/nannyml-realized-performance.md §4.2).
 */
final class RocAuc extends ScoreMetric {
    RocAuc() {
        super("roc_auc", CLASSIFICATION, BY_DEFAULT);
    }

    @Override
    double value(NavigableMap<Double, Long> positives, NavigableMap<Double, Long> negatives) {
        return ClassificationMath.rocAuc(positives, negatives);
    }

    @Override
    double gridBound(NavigableMap<Double, Long> positives, NavigableMap<Double, Long> negatives) {
        return ClassificationMath.rocAucGridBound(positives, negatives);
    }

    @Override
    double[] componentOf(ValueCounts positives, ValueCounts negatives) {
        return ClassificationMath.rocAucComponent(positives.sorted(), negatives.sorted());
    }

    @Override
    double errorOf(double[] k, long rows) {
        return k[0] / Math.sqrt(rows * k[1]);
    }

    /** Per class {σ, f}: NannyML's macro rule on {σ², f}, scaled by its 1.2. */
    @Override
    double macroErrorOf(double[] perClass, long rows) {
        double[] variances = perClass.clone();
        for (int c = 0; c < variances.length; c += 2) {
            variances[c] = perClass[c] * perClass[c];
        }
        return 1.2 * MulticlassProblem.macroSamplingError(variances, rows);
    }

    @Override
    double expected(Cbpe.Groups groups) {
        return Cbpe.rocAuc(groups);
    }
}
