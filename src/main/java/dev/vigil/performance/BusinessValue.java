package dev.vigil.performance;

import dev.vigil.performance.ClassCounts.OnEmpty;
import dev.vigil.performance.ClassificationMath.Confusion;
import dev.vigil.thresholds.MetricRule;
import java.util.List;

/**
 * NannyML's {@code business_value}: {@code Σ_ij cell_ij · value_ij} over the confusion matrix (true
 * class i, predicted class j) with {@code business_value_matrix} in NannyML's layout (binary
 * [[TN, FP], [FN, TP]]; multiclass k×k over the sorted class labels), or with {@code
 * normalize_business_value: per_prediction} the sum over the predicted classes of their column's
 * mean value (an empty class gives 0). Realized from the counted cells, CBPE from the expected
 * cells. Binary realized on a single-label chunk: NannyML 0.13.1 broadcasts its 1×1 confusion
 * matrix, {@code n · Σ values}. Sampling error from the std σ of the whole reference's per-row value
 * {@code value[target][prediction]}: {@code σ·√n}, per prediction {@code σ / √n}; NannyML takes σ
 * as the population std for binary and as the sample std (n − 1) for multiclass. No limits.
 */
final class BusinessValue extends PerformanceMetric {
    BusinessValue() {
        super("business_value", CLASSIFICATION, OPT_IN, Needs.BUSINESS_VALUE_MATRIX);
    }

    /** A value: higher is better. */
    @Override
    final Better better() {
        return Better.HIGHER;
    }

    @Override
    List<Binary> binary(RealizedPerformanceConfig settings) {
        return List.of(new Binary(settings.businessValueMatrix(), settings.normalizeBusinessValuePerPrediction()));
    }

    @Override
    List<Of<MulticlassProblem.States, MulticlassExpected>> multiclass(
            RealizedPerformanceConfig settings, List<String> classes) {
        return List.of(new Of<>(settings.businessValueMatrix(), settings.normalizeBusinessValuePerPrediction(), 1));
    }

    /** The value of a confusion matrix (counted or expected), {@code bv} in NannyML's layout. */
    static double value(ClassCounts m, double[][] bv, boolean perPrediction) {
        double total = 0;
        for (int j = 0; j < m.classes(); j++) {
            double column = 0;
            double rows = 0;
            for (int i = 0; i < m.classes(); i++) {
                column += m.count(i, j) * bv[i][j];
                rows += m.count(i, j);
            }
            total += perPrediction ? ClassCounts.ratio(column, rows, OnEmpty.ZERO) : column;
        }
        return total;
    }

    /** The measure on a problem type's counted and expected confusion matrices. */
    static class Of<C extends ClassCounts, E extends ClassCounts> extends Measure<C, E> {
        final double[][] bv;
        private final boolean perPrediction;
        private final int ddof;

        /**
         * @param ddof the degrees of freedom the per-row std subtracts from the rows (NannyML: 0 binary,
         *     1 multiclass)
         */
        Of(double[][] bv, boolean perPrediction, int ddof) {
            super("business_value", MetricRule.standard(null, null));
            this.bv = bv;
            this.perPrediction = perPrediction;
            this.ddof = ddof;
        }

        @Override
        double realized(C chunk) {
            return chunk.rows() == 0 ? Double.NaN : value(chunk, bv, perPrediction);
        }

        /** {σ of the per-row value over the reference's cells, 1}. */
        @Override
        double[] component(C reference) {
            int k = reference.classes();
            double n = 0;
            double sum = 0;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    n += reference.count(i, j);
                    sum += reference.count(i, j) * bv[i][j];
                }
            }
            if (n - ddof <= 0) {
                return new double[] {Double.NaN, 1};
            }
            double mean = sum / n;
            double squares = 0;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    squares += reference.count(i, j) * (bv[i][j] - mean) * (bv[i][j] - mean);
                }
            }
            return new double[] {Math.sqrt(squares / (n - ddof)), 1};
        }

        @Override
        double samplingError(double[] k, long rows) {
            return perPrediction ? k[0] / Math.sqrt(rows) : k[0] * Math.sqrt(rows);
        }

        @Override
        double estimate(E chunk) {
            return chunk.rows() == 0 ? Double.NaN : value(chunk, bv, perPrediction);
        }
    }

    /** Binary: a single-label chunk's broadcast 1×1 matrix as NannyML 0.13.1 computes it. */
    static final class Binary extends Of<BinaryProblem.States, Cbpe.Chunk> {
        Binary(double[][] bv, boolean perPrediction) {
            super(bv, perPrediction, 0);
        }

        @Override
        double realized(BinaryProblem.States chunk) {
            Confusion c = chunk.confusion();
            if (c.n() > 0 && c.singleLabel()) {
                return c.n() * (bv[0][0] + bv[0][1] + bv[1][0] + bv[1][1]);
            }
            return super.realized(chunk);
        }
    }
}
