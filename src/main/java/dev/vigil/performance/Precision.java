package dev.vigil.performance;

import dev.vigil.performance.ClassCounts.Cells;

/**
 * Precision {@code TP / (TP + FP)} (NannyML's {@code precision}, sklearn's {@code
 * precision_score}); binary realized: NaN unless the chunk's targets and predictions both have two
 * classes.
 */
final class Precision extends ConfusionRate {
    Precision() {
        super("precision");
    }

    @Override
    double denominator(Cells c) {
        return c.tp() + c.fp();
    }
}
