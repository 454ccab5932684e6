package dev.vigil.performance;

/**
 * A confusion matrix: rows counted (realized) or expected (CBPE) by true class and predicted class
 * over k classes (binary: class 0 negative, class 1 positive), what the classification metrics are
 * formulas of. Realized performance and CBPE read the same formulas through it.
 */
interface ClassCounts extends Measure.Rows {
    /** One class against the rest: true and false positives, false and true negatives. */
    record Cells(double tp, double fp, double fn, double tn) {}

    /**
     * What a ratio with an empty denominator gives: NaN (realized binary metrics, sklearn's undefined
     * value) or 0 (CBPE's estimates and the multiclass per-class rates, NannyML's and sklearn's
     * {@code zero_division=0}).
     */
    enum OnEmpty {
        NAN,
        ZERO
    }

    /** {@code a / b}, or what {@code onEmpty} says when {@code b} is 0. */
    static double ratio(double a, double b, OnEmpty onEmpty) {
        if (b == 0) {
            return onEmpty == OnEmpty.ZERO ? 0 : Double.NaN;
        }
        return a / b;
    }

    int classes();

    /** The rows of true class {@code i} predicted as class {@code j}. */
    double count(int trueClass, int predictedClass);

    /** Class {@code c} against the rest. */
    Cells oneVsRest(int c);

    /** The rows predicted as their true class: the diagonal, summed in class order. */
    default double hits() {
        double sum = 0;
        for (int c = 0; c < classes(); c++) {
            sum += count(c, c);
        }
        return sum;
    }

    /**
     * Whether NannyML gives the chunk's confusion-matrix cells (and multiclass rates) a value: when
     * it has rows.
     */
    default boolean confusionDefined() {
        return rows() > 0;
    }

    /** A binary confusion matrix, from the positive class's cells. */
    interface Binary extends ClassCounts {
        /** The positive class against the negative. */
        Cells cells();

        @Override
        default int classes() {
            return 2;
        }

        @Override
        default double count(int trueClass, int predictedClass) {
            Cells c = cells();
            if (trueClass == 1) {
                return predictedClass == 1 ? c.tp() : c.fn();
            }
            return predictedClass == 1 ? c.fp() : c.tn();
        }

        @Override
        default Cells oneVsRest(int c) {
            Cells p = cells();
            return c == 1 ? p : new Cells(p.tn(), p.fn(), p.fp(), p.tp());
        }
    }
}
