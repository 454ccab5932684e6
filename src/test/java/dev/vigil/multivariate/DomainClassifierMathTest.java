package dev.vigil.multivariate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

public class DomainClassifierMathTest {

    /**
     * scikit-learn's {@code StratifiedKFold(n_splits=k, shuffle=False)._make_test_folds}, literally:
     * sort the labels, count each class in every k-th slice, and hand each class's rows, in data
     * order, their folds in order.
     */
    public static int[] sklearnFolds(int[] y, int k) {
        int[] sorted = y.clone();
        Arrays.sort(sorted);
        int[][] allocation = new int[k][2];
        for (int i = 0; i < k; i++) {
            for (int j = i; j < sorted.length; j += k) {
                allocation[i][sorted[j]]++;
            }
        }
        int[] folds = new int[y.length];
        for (int c = 0; c < 2; c++) {
            List<Integer> forClass = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                for (int n = 0; n < allocation[i][c]; n++) {
                    forClass.add(i);
                }
            }
            int next = 0;
            for (int r = 0; r < y.length; r++) {
                if (y[r] == c) {
                    folds[r] = forClass.get(next++);
                }
            }
        }
        return folds;
    }

    /**
     * Labels as NannyML lays them out for a reference chunk: label 1 for positions [start, start +
     * m1).
     */
    static int[] labels(int m0, int m1, int start) {
        int[] y = new int[m0 + m1];
        for (int r = start; r < start + m1; r++) {
            y[r] = 1;
        }
        return y;
    }

    /** The folds {@link DomainClassifierMath} gives each row, from its rank within its class. */
    static int[] ourFolds(int[] y, int k) {
        long m1 = Arrays.stream(y).sum();
        long[][] starts = DomainClassifierMath.foldStarts(y.length - m1, m1, k);
        long[] seen = new long[2];
        int[] folds = new int[y.length];
        for (int r = 0; r < y.length; r++) {
            folds[r] = DomainClassifierMath.fold(seen[y[r]]++, starts[y[r]]);
        }
        return folds;
    }

    @Test
    void foldsAreScikitLearnsStratifiedKFoldWithoutShuffling() {
        for (int k = 2; k <= 7; k++) {
            for (int m0 = 0; m0 <= 23; m0++) {
                for (int m1 = 0; m1 <= 23; m1++) {
                    for (int start : new int[] {0, m0 / 2, m0}) {
                        int[] y = labels(m0, m1, start);
                        assertThat(ourFolds(y, k))
                                .as("k=%d m0=%d m1=%d start=%d", k, m0, m1, start)
                                .isEqualTo(sklearnFolds(y, k));
                    }
                }
            }
        }
    }

    @Test
    void foldStartsOfAKnownCase() {
        // 7 reference rows, 3 chunk rows, 5 folds: sorted labels 0000000111, slices [0,5] [1,6] [2,7]
        // [3,8] [4,9]
        long[][] s = DomainClassifierMath.foldStarts(7, 3, 5);
        assertThat(s[0]).containsExactly(0, 2, 4, 5, 6, 7);
        assertThat(s[1]).containsExactly(0, 0, 0, 1, 2, 3);
        assertThat(DomainClassifierMath.fold(0, s[1])).isEqualTo(2);
        assertThat(DomainClassifierMath.fold(2, s[1])).isEqualTo(4);
        assertThat(DomainClassifierMath.fold(1, s[0])).isEqualTo(0);
        assertThat(DomainClassifierMath.fold(6, s[0])).isEqualTo(4);
    }

    @Test
    void systematicSampleKeepsExactlyMRowsSpreadEvenly() {
        for (long n : new long[] {1, 2, 7, 10, 97, 1000}) {
            for (long m = 1; m <= n; m += Math.max(1, n / 13)) {
                List<Long> kept = new ArrayList<>();
                for (long r = 0; r < n; r++) {
                    long rank = DomainClassifierMath.sampledRank(r, n, m);
                    if (rank >= 0) {
                        assertThat(rank).isEqualTo(kept.size());
                        kept.add(r);
                    }
                }
                assertThat(kept).as("n=%d m=%d", n, m).hasSize((int) m);
                for (int i = 1; i < kept.size(); i++) {
                    long gap = kept.get(i) - kept.get(i - 1);
                    assertThat(gap).isBetween(n / m, (n + m - 1) / m);
                }
                assertThat(DomainClassifierMath.keptBefore(n, n, m)).isEqualTo(m);
            }
        }
        // no cap: every row, rank = position
        assertThat(DomainClassifierMath.sampledRank(41, 100, 100)).isEqualTo(41);
        assertThat(DomainClassifierMath.sampledRank(41, 100, 200)).isEqualTo(41);
        // every 3rd row of 30: positions 2, 5, 8, ...
        assertThat(DomainClassifierMath.sampledRank(2, 30, 10)).isEqualTo(0);
        assertThat(DomainClassifierMath.sampledRank(3, 30, 10)).isEqualTo(-1);
        assertThat(DomainClassifierMath.sampledRank(29, 30, 10)).isEqualTo(9);
    }

    @Test
    void samplingArithmeticDoesNotOverflowOnHugeTables() {
        long n = 40_000_000_000L;
        long m = 2_000_000_000L;
        long r = n - 1;
        // r·m is about 8e19, beyond a long
        assertThat(DomainClassifierMath.keptBefore(r, n, m)).isEqualTo(m - 1);
        assertThat(DomainClassifierMath.sampledRank(r, n, m)).isEqualTo(m - 1);
        assertThat(DomainClassifierMath.keptBefore(n, n, m)).isEqualTo(m);
    }

    /** Brute force: the share of (positive, negative) pairs ranked right, ties half. */
    static double pairwise(double[] s, boolean[] p) {
        double good = 0;
        long pairs = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (p[i] && !p[j]) {
                    pairs++;
                    good += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return good / pairs;
    }

    @Test
    void aurocIsScikitLearnsWithTies() {
        // sklearn: roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.75
        assertThat(DomainClassifierMath.auroc(
                        new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}))
                .isEqualTo(0.75);
        // ties: positives 0.5, 0.9, 0.2 against negatives 0.5, 0.2 win 0.5 + 1 + 1 + 1 + 0 + 0.5 of 6
        // pairs
        assertThat(DomainClassifierMath.auroc(
                        new double[] {0.5, 0.5, 0.2, 0.9, 0.2}, new boolean[] {false, true, false, true, true}))
                .isCloseTo(4.0 / 6, within(1e-15));
        Random rnd = new Random(5);
        for (int t = 0; t < 200; t++) {
            int n = 2 + rnd.nextInt(60);
            double[] s = new double[n];
            boolean[] p = new boolean[n];
            for (int i = 0; i < n; i++) {
                s[i] = rnd.nextInt(8) / 8.0; // many ties, as a few trees give
                p[i] = i == 0 || i != 1 && rnd.nextBoolean();
            }
            assertThat(DomainClassifierMath.auroc(s, p)).isCloseTo(pairwise(s, p), within(1e-12));
        }
    }

    @Test
    void oneClassOnlyGivesHalfAsNannyML() {
        assertThat(DomainClassifierMath.auroc(new double[] {0.2, 0.7}, new boolean[] {true, true}))
                .isEqualTo(0.5);
        assertThat(DomainClassifierMath.auroc(new double[] {0.2, 0.7}, new boolean[] {false, false}))
                .isEqualTo(0.5);
    }
}
