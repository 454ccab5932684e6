package dev.vigil.stats;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A relative-accuracy quantile sketch (the DDSketch idea): value x > 0 goes to bucket {@code ⌈log_γ
 * x⌉} with {@code γ = (1+α)/(1−α)}, negatives likewise by |x|, zeros apart. Every quantile it
 * returns is within a factor {@code (1 ± α)} of the true order statistic. Counts are integers, so
 * merging is exact and order-independent: the same data gives the same answer however Spark splits
 * and merges it.
 */
final class LogHistogram implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Relative accuracy of every quantile. */
    static final double ALPHA = 1e-3;

    private static final double GAMMA = (1 + ALPHA) / (1 - ALPHA);
    private static final double LOG_GAMMA = Math.log(GAMMA);

    /** |x| below this counts as zero. */
    static final double MIN_MAGNITUDE = 1e-300;

    private final Store positive = new Store();
    private final Store negative = new Store();
    private long zeros;
    private long n;

    void add(double x) {
        n++;
        if (Math.abs(x) < MIN_MAGNITUDE) {
            zeros++;
        } else if (x > 0) {
            positive.add(index(x), 1);
        } else {
            negative.add(index(-x), 1);
        }
    }

    void merge(LogHistogram o) {
        positive.merge(o.positive);
        negative.merge(o.negative);
        zeros += o.zeros;
        n += o.n;
    }

    long n() {
        return n;
    }

    /**
     * The value of the order statistic of 0-based rank {@code rank} (0 ≤ rank < n), within relative
     * error α.
     */
    double valueAtRank(long rank) {
        long seen = 0;
        // negatives from the most negative (largest |x| index) up
        for (int i = negative.counts.length - 1; i >= 0; i--) {
            seen += negative.counts[i];
            if (seen > rank) {
                return -value(negative.offset + i);
            }
        }
        seen += zeros;
        if (seen > rank) {
            return 0.0;
        }
        for (int i = 0; i < positive.counts.length; i++) {
            seen += positive.counts[i];
            if (seen > rank) {
                return value(positive.offset + i);
            }
        }
        throw new IllegalArgumentException("rank " + rank + " of " + n);
    }

    private static int index(double magnitude) {
        return (int) Math.ceil(Math.log(magnitude) / LOG_GAMMA);
    }

    /** The bucket's representative: within a factor (1 ± α) of every value in the bucket. */
    private static double value(int index) {
        return 2 * Math.pow(GAMMA, index) / (GAMMA + 1);
    }

    /** Dense counts of a contiguous range of bucket indices. */
    private static final class Store implements Serializable {
        private static final long serialVersionUID = 1L;
        int offset;
        long[] counts = new long[0];

        void add(int index, long count) {
            if (counts.length == 0) {
                offset = index;
                counts = new long[1];
            } else if (index < offset) {
                long[] grown = new long[counts.length + (offset - index)];
                System.arraycopy(counts, 0, grown, offset - index, counts.length);
                counts = grown;
                offset = index;
            } else if (index >= offset + counts.length) {
                counts = Arrays.copyOf(counts, index - offset + 1);
            }
            counts[index - offset] += count;
        }

        void merge(Store o) {
            for (int i = 0; i < o.counts.length; i++) {
                if (o.counts[i] != 0) {
                    add(o.offset + i, o.counts[i]);
                }
            }
        }
    }
}
