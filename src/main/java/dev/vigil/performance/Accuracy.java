package dev.vigil.performance;

import java.util.List;

/**
 * Accuracy {@code Σ_c count(c, c) / n} (NannyML's {@code accuracy}), one formula for binary and
 * multiclass, realized (counts) and CBPE (expected counts): NaN without rows; sampling error {@code
 * √(q(1−q)) / √n} with q the whole reference's accuracy.
 */
final class Accuracy extends PerformanceMetric {
    Accuracy() {
        super("accuracy", CLASSIFICATION, BY_DEFAULT);
    }

    /** A rate: higher is better. */
    @Override
    final Better better() {
        return Better.HIGHER;
    }

    /** The same measure on both: one formula over counts and expected counts. */
    @Override
    List<Of<BinaryProblem.States, Cbpe.Chunk>> binary(RealizedPerformanceConfig settings) {
        return List.of(new Of<>());
    }

    @Override
    List<Of<MulticlassProblem.States, MulticlassExpected>> multiclass(
            RealizedPerformanceConfig settings, List<String> classes) {
        return List.of(new Of<>());
    }

    static double of(ClassCounts m) {
        return m.rows() == 0 ? Double.NaN : m.hits() / m.rows();
    }

    final class Of<C extends ClassCounts, E extends ClassCounts> extends Measure<C, E> {
        Of() {
            super(Accuracy.this, RATE);
        }

        @Override
        double realized(C chunk) {
            return of(chunk);
        }

        @Override
        double[] component(C reference) {
            return new double[] {ClassificationMath.bernoulliStd(reference.hits() / (double) reference.rows()), 1};
        }

        @Override
        double samplingError(double[] k, long rows) {
            return k[0] / Math.sqrt(rows);
        }

        @Override
        double estimate(E chunk) {
            return of(chunk);
        }
    }
}
