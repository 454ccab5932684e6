package dev.vigil.performance;

import dev.vigil.performance.ClassCounts.Cells;
import dev.vigil.performance.ClassCounts.OnEmpty;
import dev.vigil.performance.ClassificationMath.Confusion;
import java.util.List;

/**
 * A rate of the confusion matrix that NannyML reports per class (precision, recall, specificity,
 * F1): hits over the rows the rate is taken over, each subclass stating which. Binary realized:
 * sklearn's value, NaN where sklearn has none; its sampling error {@code √(q(1−q)) / √(n·f)} with q
 * the whole reference's rate and f the share of the reference rows in its denominator
 * (docs/nannyml-realized-performance.md §4.1). CBPE: the rate of the expected confusion matrix, 0
 * on an empty denominator. Multiclass: the macro average of the one-vs-rest rates (0 on an empty
 * denominator), realized and CBPE alike; sampling error {@code √(Σ_c q_c(1−q_c) / (n·f_c)) / K}.
 */
abstract class ConfusionRate extends PerformanceMetric {
    ConfusionRate(String name) {
        super(name, CLASSIFICATION, BY_DEFAULT);
    }

    /** A rate: higher is better. */
    @Override
    final Better better() {
        return Better.HIGHER;
    }

    /** The numerator: true positives unless said otherwise. */
    double hits(Cells c) {
        return c.tp();
    }

    /** The rows the rate is over, and its sampling error's group. */
    abstract double denominator(Cells c);

    /**
     * Whether sklearn gives the binary rate a value on a chunk: unless said otherwise, when its
     * targets and its predictions both have two classes.
     */
    boolean defined(Confusion c) {
        return c.targetHasBothClasses() && c.predictionHasBothClasses();
    }

    /** The rate of one class against the rest. */
    double rate(Cells c, OnEmpty onEmpty) {
        return ClassCounts.ratio(hits(c), denominator(c), onEmpty);
    }

    /** The binary realized value (sklearn's) where {@link #defined}. */
    double sklearn(Cells c) {
        return rate(c, OnEmpty.NAN);
    }

    /** The binary sampling-error component {std of the hit indicator, share of the rows}. */
    double[] binaryComponent(Cells c, long rows) {
        double d = denominator(c);
        return new double[] {ClassificationMath.bernoulliStd(hits(c) / d), d / rows};
    }

    final class BinaryRate extends Measure<BinaryProblem.States, Cbpe.Chunk> {
        BinaryRate() {
            super(ConfusionRate.this, RATE);
        }

        @Override
        double realized(BinaryProblem.States chunk) {
            return defined(chunk.confusion()) ? sklearn(chunk.cells()) : Double.NaN;
        }

        @Override
        double[] component(BinaryProblem.States reference) {
            return binaryComponent(reference.cells(), reference.rows());
        }

        @Override
        double samplingError(double[] k, long rows) {
            return k[0] / Math.sqrt(rows * k[1]);
        }

        @Override
        double estimate(Cbpe.Chunk chunk) {
            return rate(chunk.cells(), OnEmpty.ZERO);
        }
    }

    final class MacroRate extends Measure<MulticlassProblem.States, MulticlassExpected> {
        MacroRate() {
            super(ConfusionRate.this, RATE);
        }

        /** The mean of the classes' one-vs-rest rates. */
        private double macro(ClassCounts m) {
            double sum = 0;
            for (int c = 0; c < m.classes(); c++) {
                sum += rate(m.oneVsRest(c), OnEmpty.ZERO);
            }
            return sum / m.classes();
        }

        @Override
        double realized(MulticlassProblem.States chunk) {
            return chunk.confusionDefined() ? macro(chunk) : Double.NaN;
        }

        /** Per class {q(1−q), share of the rows}, flattened. */
        @Override
        double[] component(MulticlassProblem.States reference) {
            double n = reference.rows();
            double[] flat = new double[2 * reference.classes()];
            for (int c = 0; c < reference.classes(); c++) {
                Cells cm = reference.oneVsRest(c);
                double denominator = denominator(cm);
                double q = hits(cm) / denominator;
                flat[2 * c] = q * (1 - q);
                flat[2 * c + 1] = denominator / n;
            }
            return flat;
        }

        @Override
        double samplingError(double[] k, long rows) {
            return MulticlassProblem.macroSamplingError(k, rows);
        }

        @Override
        double estimate(MulticlassExpected chunk) {
            return chunk.confusionDefined() ? macro(chunk) : Double.NaN;
        }
    }

    @Override
    List<BinaryRate> binary(RealizedPerformanceConfig settings) {
        return List.of(new BinaryRate());
    }

    @Override
    List<MacroRate> multiclass(RealizedPerformanceConfig settings, List<String> classes) {
        return List.of(new MacroRate());
    }
}
