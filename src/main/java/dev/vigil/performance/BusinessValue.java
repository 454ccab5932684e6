package dev.vigil.performance;

import dev.vigil.performance.ClassCounts.Cells;
import dev.vigil.performance.ClassCounts.OnEmpty;
import dev.vigil.performance.ClassificationMath.Confusion;
import dev.vigil.thresholds.MetricRule;
import java.util.List;

/**
 * NannyML's {@code business_value} (binary): {@code Σ cell · value} over the confusion matrix with
 * {@code business_value_matrix} [[TN, FP], [FN, TP]], or with {@code normalize_business_value:
 * per_prediction} the sum over the predicted classes of their rows' mean value (an empty class
 * gives 0). Realized on a single-label chunk: NannyML 0.13.1 broadcasts its 1×1 confusion matrix,
 * {@code n · Σ values}. Sampling error from the std σ of the whole reference's per-row value:
 * {@code σ·√n}, per prediction {@code σ / √n}. No limits.
 */
final class BusinessValue extends PerformanceMetric {
    BusinessValue() {
        super("business_value", BINARY, OPT_IN, Needs.BUSINESS_VALUE_MATRIX);
    }

    @Override
    List<Of> binary(RealizedPerformanceConfig settings) {
        return List.of(new Of(settings.businessValueMatrix(), settings.normalizeBusinessValuePerPrediction()));
    }

    /** The value of a confusion matrix's cells, {@code bv} in NannyML's layout. */
    static double value(Cells c, double[][] bv, boolean perPrediction) {
        if (!perPrediction) {
            return c.tn() * bv[0][0] + c.fp() * bv[0][1] + c.fn() * bv[1][0] + c.tp() * bv[1][1];
        }
        double negative = ClassCounts.ratio(c.tn() * bv[0][0] + c.fn() * bv[1][0], c.tn() + c.fn(), OnEmpty.ZERO);
        double positive = ClassCounts.ratio(c.fp() * bv[0][1] + c.tp() * bv[1][1], c.fp() + c.tp(), OnEmpty.ZERO);
        return negative + positive;
    }

    final class Of extends Measure<BinaryProblem.States, Cbpe.Chunk> {
        private final double[][] bv;
        private final boolean perPrediction;

        Of(double[][] bv, boolean perPrediction) {
            super(BusinessValue.this, MetricRule.standard(null, null));
            this.bv = bv;
            this.perPrediction = perPrediction;
        }

        @Override
        double realized(BinaryProblem.States chunk) {
            Confusion c = chunk.confusion();
            if (c.n() == 0) {
                return Double.NaN;
            }
            if (c.singleLabel()) {
                return c.n() * (bv[0][0] + bv[0][1] + bv[1][0] + bv[1][1]);
            }
            return value(chunk.cells(), bv, perPrediction);
        }

        @Override
        double[] component(BinaryProblem.States reference) {
            Cells c = reference.cells();
            double n = reference.rows();
            double[] values = {bv[0][0], bv[0][1], bv[1][0], bv[1][1]};
            double[] counts = {c.tn(), c.fp(), c.fn(), c.tp()};
            double mean = 0;
            for (int k = 0; k < 4; k++) {
                mean += counts[k] * values[k] / n;
            }
            double var = 0;
            for (int k = 0; k < 4; k++) {
                var += counts[k] * (values[k] - mean) * (values[k] - mean) / n;
            }
            return new double[] {Math.sqrt(var), 1};
        }

        @Override
        double samplingError(double[] k, long rows) {
            return perPrediction ? k[0] / Math.sqrt(rows) : k[0] * Math.sqrt(rows);
        }

        @Override
        double estimate(Cbpe.Chunk chunk) {
            return chunk.rows() == 0 ? Double.NaN : value(chunk.cells(), bv, perPrediction);
        }
    }
}
