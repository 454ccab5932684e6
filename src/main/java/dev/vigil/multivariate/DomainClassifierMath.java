package dev.vigil.multivariate;

import dev.vigil.performance.ClassificationMath;
import java.math.BigInteger;
import java.util.TreeMap;

/**
 * The domain classifier's arithmetic, free of Spark: the deterministic sample of a class's rows,
 * the cross-validation folds of scikit-learn's {@code StratifiedKFold(shuffle=False)} (NannyML's),
 * and the pooled out-of-fold AUROC.
 */
public final class DomainClassifierMath {
    private DomainClassifierMath() {}

    /**
     * How many of the first {@code r} of {@code n} rows (in data order) a systematic sample of {@code
     * m ≤ n} rows keeps: {@code ⌊r·m/n⌋}. Row {@code r} is kept when this grows from {@code r} to
     * {@code r + 1}, so exactly {@code m} rows are kept, spread evenly over the data, and a kept
     * row's rank among them is {@code keptBefore(r+1) − 1}. With {@code m = n} every row is kept with
     * rank {@code r}.
     */
    public static long keptBefore(long r, long n, long m) {
        if (m >= n) {
            return r;
        }
        long product;
        try {
            product = Math.multiplyExact(r, m);
        } catch (ArithmeticException overflow) {
            return BigInteger.valueOf(r)
                    .multiply(BigInteger.valueOf(m))
                    .divide(BigInteger.valueOf(n))
                    .longValueExact();
        }
        return product / n;
    }

    /**
     * The rank of row {@code r} among the {@code m} kept of {@code n}, or -1 when the sample leaves
     * it out.
     */
    public static long sampledRank(long r, long n, long m) {
        long after = keptBefore(r + 1, n, m);
        return after > keptBefore(r, n, m) ? after - 1 : -1;
    }

    /**
     * scikit-learn's {@code StratifiedKFold(n_splits=k)} without shuffling, for {@code m0} rows of
     * class 0 and {@code m1} of class 1: the labels, sorted, are dealt round-robin over the k folds,
     * and each class's rows, in data order, fill its folds in order. Returns {@code starts[c][i]},
     * the first rank (within class c) of fold i; {@code starts[c][k] = m_c}. Fold i of class 0 gets
     * one row more than ⌊m0/k⌋ when i < m0 mod k; class 1's extra rows start at fold {@code m0 mod
     * k}.
     */
    public static long[][] foldStarts(long m0, long m1, int k) {
        long[][] starts = new long[2][k + 1];
        long[] lo = {0, m0};
        long[] hi = {m0, m0 + m1};
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < k; i++) {
                starts[c][i + 1] = starts[c][i] + countCongruent(hi[c], i, k) - countCongruent(lo[c], i, k);
            }
        }
        return starts;
    }

    /** {@code #{j in [0, x) : j mod k = i}}. */
    private static long countCongruent(long x, int i, int k) {
        return x / k + (i < x % k ? 1 : 0);
    }

    /**
     * The fold of the row with rank {@code rank} in its class, given that class's {@link
     * #foldStarts}.
     */
    public static int fold(long rank, long[] starts) {
        int f = 0;
        while (f + 2 < starts.length && rank >= starts[f + 1]) {
            f++;
        }
        return f;
    }

    /**
     * scikit-learn's {@code roc_auc_score} over pooled scores (label 1 = the chunk), ties counted
     * half; 0.5 when one class is absent, as NannyML (reference and chunk cannot be told apart).
     */
    public static double auroc(double[] scores, boolean[] positive) {
        TreeMap<Double, Long> pos = new TreeMap<>();
        TreeMap<Double, Long> neg = new TreeMap<>();
        for (int i = 0; i < scores.length; i++) {
            (positive[i] ? pos : neg).merge(scores[i], 1L, Long::sum);
        }
        if (pos.isEmpty() || neg.isEmpty()) {
            return 0.5;
        }
        return ClassificationMath.rocAuc(pos, neg);
    }
}
