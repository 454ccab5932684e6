package dev.vigil.performance;

import dev.vigil.performance.ClassCounts.Cells;
import dev.vigil.performance.ClassCounts.OnEmpty;

/**
 * F1, the harmonic mean of precision and recall. NannyML writes it two ways: binary realized is
 * sklearn's {@code 2·TP / (2·TP + FP + FN)} (NaN unless targets and predictions both have two
 * classes); CBPE and the multiclass per-class value are {@code TP / (TP + ½(FP + FN))}. Its binary
 * sampling-error component is the std of the hit indicator among TP + FN + FP rows times NannyML's
 * factor {@code (TP + FN + FP) / (TP + ½(FN + FP))}.
 */
final class F1 extends ConfusionRate {
    F1() {
        super("f1");
    }

    @Override
    double denominator(Cells c) {
        return c.tp() + c.fp() + c.fn();
    }

    @Override
    double rate(Cells c, OnEmpty onEmpty) {
        return ClassCounts.ratio(c.tp(), c.tp() + 0.5 * (c.fp() + c.fn()), onEmpty);
    }

    @Override
    double sklearn(Cells c) {
        return 2.0 * c.tp() / (2.0 * c.tp() + c.fp() + c.fn());
    }

    @Override
    double[] binaryComponent(Cells c, long rows) {
        double errorsAndHits = denominator(c);
        double factor = errorsAndHits / (c.tp() + 0.5 * (c.fn() + c.fp()));
        return new double[] {factor * ClassificationMath.bernoulliStd(c.tp() / errorsAndHits), errorsAndHits / rows};
    }
}
