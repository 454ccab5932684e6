package dev.vigil.performance;

import dev.vigil.performance.ClassCounts.Cells;

/**
 * Recall {@code TP / (TP + FN)} (NannyML's {@code recall}, sklearn's {@code recall_score}); binary
 * realized: NaN unless the chunk's targets and predictions both have two classes.
 */
final class Recall extends ConfusionRate {
    Recall() {
        super("recall");
    }

    @Override
    double denominator(Cells c) {
        return c.tp() + c.fn();
    }
}
