package dev.vigil.performance;

import dev.vigil.stats.ValueCounts;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Binary classification's score-based metrics (ROC AUC and average precision from the per-class
 * score counts, sklearn's definitions as NannyML 0.13.1 calls them;
 * docs/nannyml-realized-performance.md) and their sampling-error components; the confusion counts
 * of a chunk. The confusion-matrix metrics are in their own classes ({@link PerformanceMetrics}).
 */
public final class ClassificationMath {
    private ClassificationMath() {}

    /** Counts of one chunk: true negatives, false positives, false negatives, true positives. */
    public record Confusion(long tn, long fp, long fn, long tp) {
        public long n() {
            return tn + fp + fn + tp;
        }

        /** The positive class's cells. */
        ClassCounts.Cells cells() {
            return new ClassCounts.Cells(tp, fp, fn, tn);
        }

        boolean targetHasBothClasses() {
            return tn + fp > 0 && fn + tp > 0;
        }

        boolean predictionHasBothClasses() {
            return tn + fn > 0 && fp + tp > 0;
        }

        /** Only one label among targets and predictions: sklearn's confusion matrix is 1×1. */
        boolean singleLabel() {
            return !(tn + fp + fn > 0 && tp + fp + fn > 0);
        }
    }

    /**
     * ROC AUC from the score counts of the positives and the negatives: the Mann–Whitney form with
     * ties counted half, equal to sklearn's trapezoidal area. NaN without both classes.
     */
    public static double rocAuc(NavigableMap<Double, Long> positives, NavigableMap<Double, Long> negatives) {
        long p = total(positives);
        long n = total(negatives);
        if (p == 0 || n == 0) {
            return Double.NaN;
        }
        double[] sum = {0};
        walkPositives(
                positives, negatives, (count, negBelow, negEqual) -> sum[0] += count * (negBelow + 0.5 * negEqual));
        return sum[0] / ((double) p * n);
    }

    /**
     * A bound on how far {@link #rocAuc} on grid-rounded scores ({@link ValueCounts#onGrid}) lies
     * from the area on the raw scores: rounding is monotone, so a pair of a positive and a negative
     * keeps its order unless both land in one cell, where it counts ½ instead of 0 or 1; the bound is
     * ½ · Σ_cells P_c · N_c / (P · N). 0 without both classes (the area is then null).
     */
    public static double rocAucGridBound(NavigableMap<Double, Long> positives, NavigableMap<Double, Long> negatives) {
        long p = total(positives);
        long n = total(negatives);
        if (p == 0 || n == 0) {
            return 0;
        }
        Map<Double, Long> negativeCells = new HashMap<>();
        negatives.forEach((s, c) -> negativeCells.merge(ValueCounts.onGrid(s), c, Long::sum));
        Map<Double, Long> positiveCells = new HashMap<>();
        positives.forEach((s, c) -> positiveCells.merge(ValueCounts.onGrid(s), c, Long::sum));
        double pairs = 0;
        for (Map.Entry<Double, Long> e : positiveCells.entrySet()) {
            pairs += (double) e.getValue() * negativeCells.getOrDefault(e.getKey(), 0L);
        }
        return 0.5 * pairs / ((double) p * n);
    }

    /**
     * sklearn's average precision: over the distinct scores, descending, {@code Σ (R_k − R_{k−1}) ·
     * P_k}. NaN without positives.
     */
    public static double averagePrecision(NavigableMap<Double, Long> positives, NavigableMap<Double, Long> negatives) {
        long p = total(positives);
        if (p == 0) {
            return Double.NaN;
        }
        TreeSet<Double> scores = new TreeSet<>(positives.keySet());
        scores.addAll(negatives.keySet());
        long tp = 0;
        long fp = 0;
        double ap = 0;
        double prevRecall = 0;
        for (double s : scores.descendingSet()) {
            tp += positives.getOrDefault(s, 0L);
            fp += negatives.getOrDefault(s, 0L);
            double recall = (double) tp / p;
            ap += (recall - prevRecall) * ((double) tp / (tp + fp));
            prevRecall = recall;
        }
        return ap;
    }

    /**
     * The reference component of ROC AUC's sampling error: the population std, over the positives, of
     * the share of negatives ranked below each (labels and scores flipped when positives are the
     * majority), ties counted half, and the positives' share of the reference. NannyML orders tied
     * scores by numpy's unstable sort, which moves this component by up to ~0.3%.
     */
    public static double[] rocAucComponent(NavigableMap<Double, Long> positives, NavigableMap<Double, Long> negatives) {
        long p = total(positives);
        long n = total(negatives);
        if (p == 0 || n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        NavigableMap<Double, Long> pos = positives;
        NavigableMap<Double, Long> neg = negatives;
        if ((double) p / (p + n) > 0.5) {
            pos = flip(negatives);
            neg = flip(positives);
            long t = p;
            p = n;
            n = t;
        }
        long negatives0 = n;
        double[] sums = {0, 0};
        walkPositives(pos, neg, (count, negBelow, negEqual) -> {
            double v = (negBelow + 0.5 * negEqual) / negatives0;
            sums[0] += count * v;
            sums[1] += count * v * v;
        });
        double sum = sums[0];
        double sumSq = sums[1];
        double mean = sum / p;
        return new double[] {Math.sqrt(Math.max(0, sumSq / p - mean * mean)), (double) p / (p + n)};
    }

    /** Bootstrap samples behind average precision's sampling error, as NannyML. */
    static final int AP_BOOTSTRAPS = 50;

    /**
     * The reference component of average precision's sampling error, NannyML's bootstrap redone on
     * grouped counts: 50 samples of S = min(⌊N/2⌋, 50,000) reference rows drawn with replacement (a
     * draw picks a row uniformly, i.e. a (score, label) group in proportion to its rows), the
     * population std of their average precisions, and S. NannyML draws row positions from numpy's
     * global random stream, so its value varies from run to run by about ±10%; Vigil's draws are
     * seeded (42) and give the same value on every run.
     *
     * @return {std, S}; NaN without positives
     */
    public static double[] averagePrecisionComponent(
            double[] posScores, long[] posCounts, double[] negScores, long[] negCounts) {
        ScoreMerge groups = ScoreMerge.of(posScores, posCounts, negScores, negCounts);
        int m = groups.scores().length;
        long[] pos = groups.first();
        long[] neg = groups.second();
        // cumulative rows over the 2m cells (group g positives at 2g, negatives at 2g+1)
        long[] cumulative = new long[2 * m];
        long n = 0;
        long positives = 0;
        for (int g = 0; g < m; g++) {
            n += pos[g];
            cumulative[2 * g] = n;
            n += neg[g];
            cumulative[2 * g + 1] = n;
            positives += pos[g];
        }
        if (positives == 0 || n < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        int size = (int) Math.min(n / 2, 50_000);
        SplittableRandom random = new SplittableRandom(42);
        double[] aps = new double[AP_BOOTSTRAPS];
        int[] drawn = new int[2 * m];
        for (int b = 0; b < AP_BOOTSTRAPS; b++) {
            Arrays.fill(drawn, 0);
            for (int k = 0; k < size; k++) {
                long row = random.nextLong(n);
                int cell = Arrays.binarySearch(cumulative, row + 1);
                if (cell < 0) {
                    cell = -cell - 1;
                }
                drawn[cell]++;
            }
            aps[b] = averagePrecision(drawn, m);
        }
        double mean = 0;
        for (double a : aps) {
            mean += a / AP_BOOTSTRAPS;
        }
        double var = 0;
        for (double a : aps) {
            var += (a - mean) * (a - mean) / AP_BOOTSTRAPS;
        }
        return new double[] {Math.sqrt(var), size};
    }

    /**
     * sklearn's average precision of drawn counts (group g: positives at 2g, negatives at 2g+1,
     * ascending scores).
     */
    private static double averagePrecision(int[] drawn, int groups) {
        long p = 0;
        for (int g = 0; g < groups; g++) {
            p += drawn[2 * g];
        }
        if (p == 0) {
            return Double.NaN;
        }
        long tp = 0;
        long fp = 0;
        double ap = 0;
        double prevRecall = 0;
        for (int g = groups - 1; g >= 0; g--) {
            if (drawn[2 * g] + drawn[2 * g + 1] == 0) {
                continue;
            }
            tp += drawn[2 * g];
            fp += drawn[2 * g + 1];
            double recall = (double) tp / p;
            ap += (recall - prevRecall) * ((double) tp / (tp + fp));
            prevRecall = recall;
        }
        return ap;
    }

    /**
     * Two ascending score → count arrays merged on their scores: each score once, with both counts (0
     * if absent).
     */
    record ScoreMerge(double[] scores, long[] first, long[] second) {
        static ScoreMerge of(double[] s0, long[] c0, double[] s1, long[] c1) {
            int m = 0;
            double[] s = new double[s0.length + s1.length];
            long[] a = new long[s.length];
            long[] b = new long[s.length];
            int i = 0;
            int j = 0;
            while (i < s0.length || j < s1.length) {
                int cmp = i == s0.length ? 1 : j == s1.length ? -1 : Double.compare(s0[i], s1[j]);
                if (cmp <= 0) {
                    s[m] = s0[i];
                    a[m] = c0[i++];
                }
                if (cmp >= 0) {
                    s[m] = s1[j];
                    b[m] = c1[j++];
                }
                m++;
            }
            return new ScoreMerge(Arrays.copyOf(s, m), Arrays.copyOf(a, m), Arrays.copyOf(b, m));
        }
    }

    /**
     * Called for each distinct positive score: its count, the negatives below it and the negatives
     * tied with it.
     */
    private interface PositiveVisitor {
        void visit(long count, long negativesBelow, long negativesEqual);
    }

    private static void walkPositives(
            NavigableMap<Double, Long> positives, NavigableMap<Double, Long> negatives, PositiveVisitor visitor) {
        long negBelow = 0;
        var negIt = negatives.entrySet().iterator();
        Map.Entry<Double, Long> neg = negIt.hasNext() ? negIt.next() : null;
        for (var pos : positives.entrySet()) {
            while (neg != null && neg.getKey() < pos.getKey()) {
                negBelow += neg.getValue();
                neg = negIt.hasNext() ? negIt.next() : null;
            }
            long negEqual = neg != null && neg.getKey().equals(pos.getKey()) ? neg.getValue() : 0;
            visitor.visit(pos.getValue(), negBelow, negEqual);
        }
    }

    private static NavigableMap<Double, Long> flip(NavigableMap<Double, Long> m) {
        TreeMap<Double, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.merge(1 - k, v, Long::sum));
        return out;
    }

    static long total(Map<Double, Long> m) {
        long t = 0;
        for (long v : m.values()) {
            t += v;
        }
        return t;
    }

    /** std of a 0/1 indicator with mean q: {@code √(q(1−q))}. */
    static double bernoulliStd(double q) {
        return Math.sqrt(q * (1 - q));
    }
}
