package dev.vigil.performance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/**
 * NannyML's confidence-based performance estimation (CBPE) for binary classification, over grouped
 * counts (docs/nannyml-cbpe.md): the expected confusion matrix of a chunk from calibrated
 * probabilities, ROC AUC and average precision from the expected true-positive curve over the
 * scores in descending order, and the decision whether to calibrate at all. Plain Java; the scan
 * supplies the counts.
 */
public final class Cbpe {
    private Cbpe() {}

    /**
     * A chunk's distinct scores (ascending) with their rows predicted 0 and 1 and their calibrated
     * probability, computed once per chunk.
     */
    public record Groups(double[] scores, long[] n0, long[] n1, double[] p) {
        public static Groups of(NavigableMap<Double, long[]> byScore, DoubleUnaryOperator calibrated) {
            int m = byScore.size();
            double[] s = new double[m];
            long[] a = new long[m];
            long[] b = new long[m];
            double[] p = new double[m];
            int i = 0;
            for (Map.Entry<Double, long[]> e : byScore.entrySet()) {
                s[i] = e.getKey();
                a[i] = e.getValue()[0];
                b[i] = e.getValue()[1];
                p[i] = calibrated.applyAsDouble(e.getKey());
                i++;
            }
            return new Groups(s, a, b, p);
        }

        /**
         * Merges two ascending score→count arrays (predicted 0, predicted 1) and calibrates each score
         * once.
         */
        public static Groups of(double[] s0, long[] c0, double[] s1, long[] c1, DoubleUnaryOperator calibrated) {
            ClassificationMath.ScoreMerge m = ClassificationMath.ScoreMerge.of(s0, c0, s1, c1);
            double[] p = new double[m.scores().length];
            for (int k = 0; k < p.length; k++) {
                p[k] = calibrated.applyAsDouble(m.scores()[k]);
            }
            return new Groups(m.scores(), m.first(), m.second(), p);
        }
    }

    /** Expected confusion cells of a chunk and its rows. */
    public record Expected(double tp, double fp, double fn, double tn, long n) implements ClassCounts.Binary {
        @Override
        public ClassCounts.Cells cells() {
            return new ClassCounts.Cells(tp, fp, fn, tn);
        }

        @Override
        public long rows() {
            return n;
        }
    }

    /**
     * What CBPE estimates a binary chunk's metrics from: its score groups and expected cells; {@code
     * exact}: its scores were kept as they are (not rounded to the grid).
     */
    record Chunk(Groups groups, Expected expected, boolean exact) implements ClassCounts.Binary {
        @Override
        public ClassCounts.Cells cells() {
            return expected.cells();
        }

        @Override
        public long rows() {
            return expected.n();
        }
    }

    /** The expected confusion cells of a chunk's score groups: {@code Σ rows · p} by prediction. */
    public static Expected expected(Groups g) {
        double tp = 0;
        double fp = 0;
        double fn = 0;
        double tn = 0;
        long n = 0;
        for (int k = 0; k < g.scores.length; k++) {
            double p = g.p[k];
            long n0 = g.n0[k];
            long n1 = g.n1[k];
            tp += n1 * p;
            fp += n1 * (1 - p);
            fn += n0 * p;
            tn += n0 * (1 - p);
            n += n0 + n1;
        }
        return new Expected(tp, fp, fn, tn, n);
    }

    private static double round5(double x) {
        return Math.rint(x * 100_000.0) / 100_000.0;
    }

    /**
     * Estimated ROC AUC: rows by score descending, cumulative sums of the calibrated probability as
     * expected true positives (and position − that as false positives), both rounded to 5 decimals as
     * NannyML does, normalised, and the trapezoid over every row. Rows of one score share a
     * probability, so their order does not matter and expanding the groups reproduces NannyML's
     * row-level curve. NaN without rows or without expected positives or negatives.
     */
    public static double rocAuc(Groups g) {
        double[] last = walkRows(g, (k, cum) -> {});
        double tpsEnd = round5(last[0]);
        double fpsEnd = round5(last[1]);
        if (last[2] == 0 || tpsEnd == 0 || fpsEnd == 0) {
            return Double.NaN;
        }
        double[] curve = {0, 0, 0}; // previous tpr, previous fpr, area
        walkRows(g, (k, cum) -> {
            double tpr = round5(cum) / tpsEnd;
            double fpr = round5(k - cum) / fpsEnd;
            curve[2] += (fpr - curve[1]) * (tpr + curve[0]) / 2.0;
            curve[0] = tpr;
            curve[1] = fpr;
        });
        return curve[2];
    }

    /**
     * Estimated average precision: over every row by score descending, {@code Σ (R_k − R_{k−1}) ·
     * TP_k / k} with TP_k the rounded cumulative calibrated probability and R_k = TP_k / TP_n
     * (NannyML's form, a precision at every row rather than at distinct thresholds).
     */
    public static double averagePrecision(Groups g) {
        double[] last = walkRows(g, (k, cum) -> {});
        double tpsEnd = round5(last[0]);
        if (last[2] == 0 || tpsEnd == 0) {
            return Double.NaN;
        }
        double[] sum = {0, 0}; // previous recall, average precision
        walkRows(g, (k, cum) -> {
            double tps = round5(cum);
            double recall = tps / tpsEnd;
            sum[1] += (recall - sum[0]) * (tps / k);
            sum[0] = recall;
        });
        return sum[1];
    }

    /**
     * Sees row k (1-based, by score descending) with the cumulative calibrated probability up to it.
     */
    private interface RowVisitor {
        void row(long k, double cumulative);
    }

    /**
     * Expands the groups into rows by score descending (rows of one score share a probability, so
     * their order does not matter), summing the probabilities one row at a time as NannyML's
     * cumulative sum does; returns {final cumulative probability, rows − it, rows}.
     */
    private static double[] walkRows(Groups g, RowVisitor visitor) {
        double cum = 0;
        long k = 0;
        for (int j = g.scores.length - 1; j >= 0; j--) {
            double p = g.p[j];
            long m = g.n0[j] + g.n1[j];
            for (long r = 0; r < m; r++) {
                cum += p;
                visitor.row(++k, cum);
            }
        }
        return new double[] {cum, k - cum, k};
    }

    /** Whether and why CBPE calibrates. */
    public record Decision(boolean calibrate, double eceBefore, double eceAfter, String reason) {}

    /**
     * NannyML's rule: no calibration with a single class or a reference ROC AUC above 0.999;
     * otherwise calibrate when isotonic calibration, cross-fitted over folds of the reference, lowers
     * the expected calibration error (10 equal-count bins). NannyML draws its 10 folds with a seeded
     * stratified shuffle over row positions; Vigil uses 10 folds by a hash of the row (no rows reach
     * the driver) and splits a group of tied values across a bin edge in proportion.
     *
     * @param folds ascending score → {negatives, positives} of fold f at [2f, 2f+1]
     */
    public static Decision decide(NavigableMap<Double, long[]> folds, double referenceRocAuc) {
        long pos = 0;
        long neg = 0;
        int nf = 0;
        for (long[] c : folds.values()) {
            nf = c.length / 2;
            for (int f = 0; f < nf; f++) {
                neg += c[2 * f];
                pos += c[2 * f + 1];
            }
        }
        if (pos == 0 || neg == 0) {
            return new Decision(false, Double.NaN, Double.NaN, "the reference targets have a single class");
        }
        if (referenceRocAuc > 0.999) {
            return new Decision(false, Double.NaN, Double.NaN, "reference ROC AUC " + referenceRocAuc + " > 0.999");
        }
        TreeMap<Double, double[]> before = new TreeMap<>();
        TreeMap<Double, double[]> after = new TreeMap<>();
        for (int f = 0; f < nf; f++) {
            TreeMap<Double, long[]> train = new TreeMap<>();
            for (Map.Entry<Double, long[]> e : folds.entrySet()) {
                long[] c = e.getValue();
                long p = 0;
                long rows = 0;
                for (int g = 0; g < nf; g++) {
                    if (g != f) {
                        p += c[2 * g + 1];
                        rows += c[2 * g] + c[2 * g + 1];
                    }
                }
                if (rows > 0) {
                    train.put(e.getKey(), new long[] {p, rows});
                }
            }
            if (train.isEmpty()) {
                continue;
            }
            Isotonic iso = Isotonic.fit(train);
            for (Map.Entry<Double, long[]> e : folds.entrySet()) {
                long n0 = e.getValue()[2 * f];
                long n1 = e.getValue()[2 * f + 1];
                if (n0 + n1 == 0) {
                    continue;
                }
                double[] b = before.computeIfAbsent(e.getKey(), k -> new double[2]);
                b[0] += n0 + n1;
                b[1] += n1;
                double[] a = after.computeIfAbsent(iso.predict(e.getKey()), k -> new double[2]);
                a[0] += n0 + n1;
                a[1] += n1;
            }
        }
        double eb = ece(before);
        double ea = ece(after);
        return new Decision(
                eb > ea,
                eb,
                ea,
                eb > ea
                        ? "calibration lowers the expected calibration error"
                        : "calibration does not lower the expected calibration error");
    }

    /**
     * Expected calibration error of grouped predictions (ascending value → {rows, positives}): rows
     * in value order cut into bins at multiples of ⌊L/B⌋ (B = 10, or L/2 for L ≤ 20; the last edge at
     * L, as NannyML), each bin weighing |mean prediction − mean label| by its share of rows; a tied
     * group straddling an edge is split in proportion.
     */
    static double ece(NavigableMap<Double, double[]> groups) {
        double total = 0;
        for (double[] g : groups.values()) {
            total += g[0];
        }
        long l = (long) total;
        if (l == 0) {
            return Double.NaN;
        }
        long b = l <= 20 ? Math.max(1, l / 2) : 10;
        long width = Math.max(1, l / b);
        List<Double> edges = new ArrayList<>();
        for (long e = 0; e <= l; e += width) {
            edges.add((double) e);
        }
        edges.set(edges.size() - 1, (double) l);
        int bins = edges.size() - 1;
        double[] sumPrediction = new double[bins];
        double[] sumLabel = new double[bins];
        double position = 0;
        int bin = 0;
        for (Map.Entry<Double, double[]> e : groups.entrySet()) {
            double rows = e.getValue()[0];
            double positives = e.getValue()[1];
            double start = position;
            double end = position + rows;
            while (bin < bins && start < end) {
                double overlap = Math.min(end, edges.get(bin + 1)) - start;
                if (overlap > 0) {
                    sumPrediction[bin] += overlap * e.getKey();
                    sumLabel[bin] += overlap * positives / rows;
                    start += overlap;
                }
                if (start >= edges.get(bin + 1)) {
                    bin++;
                }
            }
            position = end;
        }
        double ece = 0;
        for (int i = 0; i < bins; i++) {
            double len = edges.get(i + 1) - edges.get(i);
            if (len > 0) {
                ece += len / l * Math.abs(sumPrediction[i] / len - sumLabel[i] / len);
            }
        }
        return ece;
    }
}
