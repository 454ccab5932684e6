package dev.vigil.performance;

import dev.vigil.thresholds.MetricRule;
import java.util.ArrayList;
import java.util.List;

/**
 * NannyML's {@code confusion_matrix}: one measure per cell, which NannyML computes and reports
 * together (binary: true_positive, true_negative, false_positive, false_negative; multiclass:
 * {@code true_<a>_pred_<b>} by true class, then predicted class), as a count or normalised by
 * {@code normalize_confusion_matrix}: by all rows ({@code all}), by the cell's true class ({@code
 * true}) or by its predicted class ({@code pred}). One formula for realized (counts) and CBPE
 * (expected counts); sampling error {@code σ·√n} for counts, else {@code σ / √(n·f)}, with σ the
 * std of the whole reference's cell indicator within the cell's group and f the group's share of
 * the rows. A threshold override of {@code confusion_matrix} applies to every cell.
 */
final class ConfusionMatrix extends PerformanceMetric {
    static final String NAME = "confusion_matrix";

    /** The binary cells, with their {true class, predicted class}. */
    private static final List<String> BINARY_CELLS =
            List.of("true_positive", "true_negative", "false_positive", "false_negative");

    private static final int[][] BINARY_INDICES = {{1, 1}, {0, 0}, {0, 1}, {1, 0}};

    ConfusionMatrix() {
        super(NAME, CLASSIFICATION, OPT_IN);
    }

    /** Counts, not a performance. */
    @Override
    final Better better() {
        return Better.NONE;
    }

    /** {@code confusion_matrix} for every cell, and each binary cell by its own name. */
    @Override
    List<String> thresholdNames() {
        List<String> names = new ArrayList<>(List.of(NAME));
        names.addAll(BINARY_CELLS);
        return names;
    }

    @Override
    List<Cell<BinaryProblem.States, Cbpe.Chunk>> binary(RealizedPerformanceConfig settings) {
        List<Cell<BinaryProblem.States, Cbpe.Chunk>> cells = new ArrayList<>();
        for (int k = 0; k < BINARY_CELLS.size(); k++) {
            int[] ij = BINARY_INDICES[k];
            cells.add(new Cell<>(BINARY_CELLS.get(k), ij[0], ij[1], settings.normalizeConfusionMatrix()));
        }
        return cells;
    }

    @Override
    List<Cell<MulticlassProblem.States, MulticlassExpected>> multiclass(
            RealizedPerformanceConfig settings, List<String> classes) {
        List<Cell<MulticlassProblem.States, MulticlassExpected>> cells = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            for (int j = 0; j < classes.size(); j++) {
                String name = "true_" + classes.get(i) + "_pred_" + classes.get(j);
                cells.add(new Cell<>(name, i, j, settings.normalizeConfusionMatrix()));
            }
        }
        return cells;
    }

    /** One cell: true class i, predicted class j. */
    static final class Cell<C extends ClassCounts, E extends ClassCounts> extends Measure<C, E> {
        private final int i;
        private final int j;
        private final String normalization;

        Cell(String name, int i, int j, String normalization) {
            super(name, MetricRule.standard(0.0, normalization == null ? null : 1.0));
            this.i = i;
            this.j = j;
            this.normalization = normalization;
        }

        /** Every cell belongs to {@code confusion_matrix}: its threshold override applies to all. */
        @Override
        String metric() {
            return NAME;
        }

        /** The cell as a count, or divided by its group. */
        double value(ClassCounts m) {
            double v = m.count(i, j);
            return normalization == null ? v : v / group(m);
        }

        /**
         * What the cell is divided by: all rows (counts or {@code all}), its true class's rows ({@code
         * true}) or its predicted class's rows ({@code pred}).
         */
        double group(ClassCounts m) {
            if (normalization == null || normalization.equals("all")) {
                return m.rows();
            }
            boolean byTrue = normalization.equals("true");
            double sum = 0;
            for (int c = 0; c < m.classes(); c++) {
                sum += byTrue ? m.count(i, c) : m.count(c, j);
            }
            return sum;
        }

        @Override
        double realized(C chunk) {
            return chunk.confusionDefined() ? value(chunk) : Double.NaN;
        }

        @Override
        double[] component(C reference) {
            double group = group(reference);
            double q = reference.count(i, j) / group;
            return new double[] {ClassificationMath.bernoulliStd(q), group / reference.rows()};
        }

        @Override
        double samplingError(double[] k, long rows) {
            return normalization == null ? k[0] * Math.sqrt(rows) : k[0] / Math.sqrt(rows * k[1]);
        }

        @Override
        double estimate(E chunk) {
            return chunk.confusionDefined() ? value(chunk) : Double.NaN;
        }
    }
}
