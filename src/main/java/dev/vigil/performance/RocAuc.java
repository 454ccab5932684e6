package dev.vigil.performance;

import java.util.List;
import java.util.NavigableMap;

/**
 * ROC AUC (NannyML's {@code roc_auc}). Binary realized: the Mann–Whitney form over the score counts
 * of the positives and the negatives, NaN without both classes; sampling error {@code σ / √(n·f)}
 * from {@link ClassificationMath#rocAucComponent}, n the rows with a score. CBPE: the area under
 * the expected ROC curve ({@link Cbpe#rocAuc}). Multiclass: the macro average of the one-vs-rest
 * areas, NaN unless every class is among the chunk's targets; sampling error 1.2 × {@code √(Σ_c
 * σ_c² / (n·f_c)) / K} (docs/nannyml-realized-performance.md §4.2).
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
    double[] componentOf(BinaryProblem.States reference) {
        return ClassificationMath.rocAucComponent(
                reference.positives().sorted(), reference.negatives().sorted());
    }

    @Override
    double errorOf(double[] k, long rows) {
        return k[0] / Math.sqrt(rows * k[1]);
    }

    @Override
    double expected(Cbpe.Groups groups) {
        return Cbpe.rocAuc(groups);
    }

    @Override
    List<Macro> multiclass(RealizedPerformanceConfig settings, List<String> classes) {
        return List.of(new Macro());
    }

    final class Macro extends Measure<MulticlassProblem.States, MulticlassExpected> {
        Macro() {
            super(RocAuc.this, RATE);
        }

        @Override
        double realized(MulticlassProblem.States chunk) {
            if (chunk.rows() == 0 || !chunk.targetsAreTheClasses()) {
                return Double.NaN;
            }
            double sum = 0;
            for (int c = 0; c < chunk.classes(); c++) {
                sum += value(chunk.positives(c).sorted(), chunk.negatives(c).sorted());
            }
            return sum / chunk.classes();
        }

        /** The mean of the classes' bounds, as the area is their mean; NaN when every class is exact. */
        @Override
        double realizedErrorBound(MulticlassProblem.States chunk) {
            boolean exact = true;
            double sum = 0;
            for (int c = 0; c < chunk.classes(); c++) {
                double b = gridBound(chunk.positives(c), chunk.negatives(c));
                exact &= Double.isNaN(b);
                sum += Double.isNaN(b) ? 0 : b;
            }
            return exact ? Double.NaN : sum / chunk.classes();
        }

        @Override
        double estimateErrorBound(MulticlassExpected chunk) {
            return chunk.isExact() ? Double.NaN : Double.POSITIVE_INFINITY;
        }

        /** Per class {σ², the class's share of the reference}, flattened. */
        @Override
        double[] component(MulticlassProblem.States reference) {
            double[] flat = new double[2 * reference.classes()];
            for (int c = 0; c < reference.classes(); c++) {
                double[] comp = ClassificationMath.rocAucComponent(
                        reference.positives(c).sorted(), reference.negatives(c).sorted());
                flat[2 * c] = comp[0] * comp[0];
                flat[2 * c + 1] = comp[1];
            }
            return flat;
        }

        @Override
        double samplingError(double[] k, long rows) {
            return 1.2 * MulticlassProblem.macroSamplingError(k, rows);
        }

        @Override
        double estimate(MulticlassExpected chunk) {
            if (chunk.rows() == 0) {
                return Double.NaN;
            }
            double sum = 0;
            for (int c = 0; c < chunk.classes(); c++) {
                sum += expected(chunk.scoreGroups(c));
            }
            return sum / chunk.classes();
        }
    }
}
