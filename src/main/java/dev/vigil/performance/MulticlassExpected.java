package dev.vigil.performance;

import dev.vigil.stats.ColumnState;
import dev.vigil.stats.RowSpec;
import dev.vigil.stats.RowState;
import dev.vigil.stats.Specs;
import dev.vigil.stats.ValueCounts;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Multiclass CBPE's state of a chunk: each row's class scores are calibrated one-vs-rest and
 * divided by their sum (1/K each when the sum is 0), as NannyML does; the state keeps the rows, the
 * rows per predicted class, the expected confusion sums {@code Σ_{ŷ=j} P_i} (one extra column for
 * predictions outside the classes) and, per class, the rows and summed probability per distinct raw
 * score (for the ROC AUC estimate; exact up to {@link ValueCounts#CAPACITY} scores, then on its [0,
 * 1] grid). Rows with a missing score or prediction are skipped.
 */
public final class MulticlassExpected implements RowState, ClassCounts {
    private static final long serialVersionUID = 1L;
    private final int k;
    private long n;
    private final transient Calibration calibration;
    private final transient double[] p;
    private final long[] predicted;
    private final double[][] expected;
    private final List<HashMap<Double, double[]>> byScore;
    private boolean exact = true;

    /**
     * The fitted calibration of one segment: class labels (sorted) and a calibrator per class (null:
     * none).
     */
    public record Calibration(List<String> classes, List<Isotonic> calibrators) implements Serializable {}

    /** Inputs: the class score columns in class order, then the prediction (as a string). */
    public record Of(List<String> numericColumns, String prediction, Map<String, Calibration> calibrations)
            implements RowSpec {
        public String column() {
            return "estimated_performance:multiclass";
        }

        public List<String> stringColumns() {
            return List.of(prediction);
        }

        public ColumnState newState(String segment) {
            return new MulticlassExpected(calibrations.get(Specs.key(segment)), numericColumns.size());
        }
    }

    MulticlassExpected(Calibration calibration, int k) {
        this.calibration = calibration;
        this.k = k;
        this.p = new double[k];
        this.predicted = new long[k + 1];
        this.expected = new double[k][k + 1];
        this.byScore = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            byScore.add(new HashMap<>());
        }
    }

    @Override
    public void addRow(double[] scores, String[] strings) {
        if (calibration == null || strings[0] == null) {
            return;
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            if (Double.isNaN(scores[c])) {
                return;
            }
            Isotonic iso = calibration.calibrators().get(c);
            p[c] = iso == null ? scores[c] : iso.predict(scores[c]);
            sum += p[c];
        }
        for (int c = 0; c < k; c++) {
            p[c] = sum == 0 ? 1.0 / k : p[c] / sum;
        }
        int j = calibration.classes().indexOf(strings[0]);
        if (j < 0) {
            j = k;
        }
        n++;
        predicted[j]++;
        for (int c = 0; c < k; c++) {
            expected[c][j] += p[c];
            add(c, scores[c], 1, p[c]);
        }
    }

    private void add(int c, double score, double rows, double probability) {
        double key = exact
                ? score
                : Math.round(Math.max(0, Math.min(1, score)) * ValueCounts.GRID) / (double) ValueCounts.GRID;
        double[] g = byScore.get(c).computeIfAbsent(key, x -> new double[2]);
        g[0] += rows;
        g[1] += probability;
        if (exact && byScore.get(c).size() > ValueCounts.CAPACITY) {
            toGrid();
        }
    }

    private void toGrid() {
        exact = false;
        for (int c = 0; c < k; c++) {
            HashMap<Double, double[]> old = byScore.get(c);
            byScore.set(c, new HashMap<>());
            final int cls = c;
            old.forEach((s, g) -> add(cls, s, g[0], g[1]));
        }
    }

    @Override
    public MulticlassExpected merge(ColumnState o) {
        MulticlassExpected b = (MulticlassExpected) o;
        if (!b.exact && exact) {
            toGrid();
        }
        n += b.n;
        for (int j = 0; j <= k; j++) {
            predicted[j] += b.predicted[j];
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j <= k; j++) {
                expected[c][j] += b.expected[c][j];
            }
            final int cls = c;
            b.byScore.get(c).forEach((s, g) -> add(cls, s, g[0], g[1]));
        }
        return this;
    }

    public long n() {
        return n;
    }

    public boolean isExact() {
        return exact;
    }

    /** The rows with every class score and a prediction. */
    @Override
    public long rows() {
        return n;
    }

    @Override
    public int classes() {
        return k;
    }

    /** The expected rows of true class i predicted as class j: {@code Σ_{ŷ=j} P_i}. */
    @Override
    public double count(int trueClass, int predictedClass) {
        return expected[trueClass][predictedClass];
    }

    /** Expected one-vs-rest counts of class c. */
    @Override
    public ClassCounts.Cells oneVsRest(int c) {
        double tp = expected[c][c];
        double fn = 0;
        for (int j = 0; j <= k; j++) {
            if (j != c) {
                fn += expected[c][j];
            }
        }
        double fp = predicted[c] - tp;
        double tn = n - predicted[c] - fn;
        return new ClassCounts.Cells(tp, fp, fn, tn);
    }

    /**
     * Class c's score groups for the ROC AUC estimate: one group per raw class score, its rows
     * carrying their mean probability.
     */
    Cbpe.Groups scoreGroups(int c) {
        double[] scores = byScore.get(c).keySet().stream()
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        long[] rows = new long[scores.length];
        double[] meanP = new double[scores.length];
        for (int j = 0; j < scores.length; j++) {
            double[] g = byScore.get(c).get(scores[j]);
            rows[j] = (long) g[0];
            meanP[j] = g[1] / g[0];
        }
        return new Cbpe.Groups(scores, new long[scores.length], rows, meanP);
    }
}
