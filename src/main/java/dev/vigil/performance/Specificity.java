package dev.vigil.performance;

import dev.vigil.performance.ClassCounts.Cells;
import dev.vigil.performance.ClassificationMath.Confusion;

/**
 * Specificity {@code TN / (TN + FP)} (NannyML's {@code specificity}); binary realized: NaN when TN
 * + FP = 0 or the chunk has a single label (NannyML's 1×1 confusion matrix raises).
 */
final class Specificity extends ConfusionRate {
    Specificity() {
        super("specificity");
    }

    @Override
    double hits(Cells c) {
        return c.tn();
    }

    @Override
    double denominator(Cells c) {
        return c.tn() + c.fp();
    }

    @Override
    boolean defined(Confusion c) {
        return !c.singleLabel();
    }
}
