package dev.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.stats.ValueCounts;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * ROC AUC on both sides of the score states' switch to the grid ({@value ValueCounts#CAPACITY}
 * distinct scores): exact (no bound) at the capacity, approximate one score over it, the gridded
 * area within its stated bound of the area on the raw scores; average precision on the grid says
 * approximate without a finite bound.
 */
class ScoreGridBoundTest {
    @Test
    void rocAucIsExactAtTheCapacityAndWithinItsBoundOneScoreOver() {
        for (int extra : new int[] {0, 1}) {
            Random r = new Random(5);
            ValueCounts positives = new ValueCounts();
            ValueCounts negatives = new ValueCounts();
            TreeMap<Double, Long> rawPositives = new TreeMap<>();
            TreeMap<Double, Long> rawNegatives = new TreeMap<>();
            // distinct scores packed densely, so many pairs share a grid cell: 2^16 cells on [0, 1]
            for (int i = 0; i < ValueCounts.CAPACITY + extra; i++) {
                double s = 0.3 + 0.1 * r.nextDouble();
                positives.add(s);
                rawPositives.merge(s, 1L, Long::sum);
            }
            for (int i = 0; i < 50_000; i++) {
                double s = 0.25 + 0.1 * r.nextDouble();
                negatives.add(s);
                rawNegatives.merge(s, 1L, Long::sum);
            }
            double bound = new RocAuc().gridBound(positives, negatives);
            double exact = ClassificationMath.rocAuc(rawPositives, rawNegatives);
            double value = ClassificationMath.rocAuc(positives.sorted(), negatives.sorted());
            if (extra == 0) {
                assertThat(positives.isExact()).isTrue();
                assertThat(bound).isNaN();
                assertThat(value).isEqualTo(exact);
                assertThat(new AveragePrecision().gridBound(positives, negatives))
                        .isNaN();
            } else {
                assertThat(positives.isExact()).isFalse();
                assertThat(bound).isPositive().isLessThan(1e-3);
                assertThat(Math.abs(value - exact)).isLessThanOrEqualTo(bound);
                System.out.printf(
                        "roc_auc on the grid: |gridded − exact| = %.3g, bound %.3g%n", Math.abs(value - exact), bound);
                assertThat(new AveragePrecision().gridBound(positives, negatives))
                        .isEqualTo(Double.POSITIVE_INFINITY);
            }
        }
    }

    @Test
    void theBoundCountsHalfThePairsSharingACell() {
        // positives 0.5 (x2) and 0.9; negatives 0.5 and 0.1: cells 0.5 share 2 × 1 pairs of 3 × 2
        TreeMap<Double, Long> p = new TreeMap<>();
        p.put(0.5, 2L);
        p.put(0.9, 1L);
        TreeMap<Double, Long> n = new TreeMap<>();
        n.put(0.5, 1L);
        n.put(0.1, 1L);
        assertThat(ClassificationMath.rocAucGridBound(p, n)).isEqualTo(0.5 * 2 / 6);
        assertThat(ClassificationMath.rocAucGridBound(p, new TreeMap<>())).isZero();
    }
}
