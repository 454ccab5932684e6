package dev.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sketch path is deterministic, whatever Spark does with the partial states: the same values
 * split into partitions in different ways (round robin, contiguous runs, at random; some partial
 * states exact, some sketched), serialised, and merged in different orders and tree shapes give
 * the same median, quantiles and bounds, bit for bit, as one state fed every value in order. This
 * is what lets an identical rerun leave the results table as it was (docs/CONTRACT: reruns).
 */
class QuantilesDeterminismTest {
    static final double[] QS = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};

    /** Every answer of the state, as raw bits. */
    static List<Long> answers(Quantiles q) {
        List<Long> out = new ArrayList<>();
        out.add(q.n());
        out.add(q.isExact() ? 1L : 0L);
        out.add(Double.doubleToRawLongBits(q.median()));
        out.add(Double.doubleToRawLongBits(q.medianErrorBound()));
        for (double p : QS) {
            out.add(Double.doubleToRawLongBits(q.quantile(p)));
            out.add(Double.doubleToRawLongBits(q.quantileErrorBound(p)));
        }
        return out;
    }

    static double draw(SplittableRandom r) {
        int u = r.nextInt(50);
        if (u == 0) {
            return 0.0;
        }
        if (u == 1) {
            return Math.rint(3 * r.nextGaussian());
        }
        return u % 3 == 0 ? -Math.exp(r.nextGaussian()) : 5 + 2 * r.nextGaussian();
    }

    /** Partial states of {@code xs}, value i going to partition {@code part[i]}. */
    static List<Quantiles> partials(double[] xs, int[] part, int partitions, int capacity) {
        List<Quantiles> ps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ps.add(new Quantiles(capacity));
        }
        for (int i = 0; i < xs.length; i++) {
            ps.get(part[i]).add(xs[i]);
        }
        return ps;
    }

    /** Serialised and read back, as Spark ships a partial state. */
    static Quantiles roundTrip(Quantiles q) {
        try {
            return StatesTest.roundTrip(q);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Merged left to right into a fresh state of {@code capacity}, each partial serialised first. */
    static Quantiles foldLeft(List<Quantiles> ps, int capacity) {
        Quantiles out = new Quantiles(capacity);
        for (Quantiles p : ps) {
            out.merge(roundTrip(p));
        }
        return out;
    }

    /** Merged pairwise (a reduce tree), serialised at every level (so {@code ps} is left as it was). */
    static Quantiles tree(List<Quantiles> ps) {
        List<Quantiles> level = new ArrayList<>(ps);
        while (level.size() > 1) {
            List<Quantiles> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                Quantiles a = roundTrip(level.get(i));
                next.add(i + 1 < level.size() ? a.merge(roundTrip(level.get(i + 1))) : a);
            }
            level = next;
        }
        return level.get(0);
    }

    @Test
    void theSameValuesInAnyPartitioningAndMergeOrderGiveTheSameAnswersBitForBit() {
        for (int n : new int[] {Quantiles.CHUNK_CAPACITY + 1, 3 * Quantiles.CHUNK_CAPACITY + 7, 250_000}) {
            SplittableRandom r = new SplittableRandom(n);
            double[] xs = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = draw(r);
            }
            Quantiles direct = new Quantiles();
            for (double x : xs) {
                direct.add(x);
            }
            assertThat(direct.isExact()).isFalse();
            List<Long> expected = answers(direct);

            int[] roundRobin = new int[n];
            int[] runs = new int[n];
            int[] random = new int[n];
            Random pick = new Random(n + 1);
            for (int i = 0; i < n; i++) {
                roundRobin[i] = i % 3;
                runs[i] = (int) ((long) i * 7 / n);
                random[i] = pick.nextInt(11);
            }
            List<List<Quantiles>> splits = List.of(
                    partials(xs, roundRobin, 3, Quantiles.CHUNK_CAPACITY),
                    partials(xs, runs, 7, Quantiles.CHUNK_CAPACITY),
                    partials(xs, random, 11, Quantiles.CHUNK_CAPACITY));
            int variants = 0;
            for (List<Quantiles> split : splits) {
                // the partials may be exact (under the limit) or sketched; both meet in the merges
                for (long seed = 0; seed < 3; seed++) {
                    List<Quantiles> order = new ArrayList<>(split);
                    if (seed > 0) {
                        Collections.shuffle(order, new Random(seed));
                    }
                    // a chunk's partial states merged as Spark's reduce might: left to right, or as a tree
                    for (Quantiles merged : List.of(foldLeft(order, Quantiles.CHUNK_CAPACITY), tree(order))) {
                        assertThat(answers(merged))
                                .as("n %d, %d partitions, order %d", n, split.size(), seed)
                                .isEqualTo(expected);
                        variants++;
                    }
                }
            }
            System.out.printf(
                    "n %d: %d partitionings and merge orders, median %s (bound %s), quantile 0.95 %s: identical%n",
                    n, variants, direct.median(), direct.medianErrorBound(), direct.quantile(0.95));
        }
    }

    @Test
    void aWholeStateOfSketchedChunksIsTheSameInAnyMergeOrder() {
        SplittableRandom r = new SplittableRandom(3);
        List<Quantiles> chunks = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            // some chunks sketched, some exact
            int size = c % 3 == 0 ? 1_000 : Quantiles.CHUNK_CAPACITY + 500 * c;
            Quantiles q = new Quantiles();
            for (int i = 0; i < size; i++) {
                q.add(draw(r));
            }
            chunks.add(q);
        }
        List<Long> expected = answers(foldLeft(chunks, Quantiles.WHOLE_CAPACITY));
        assertThat(expected.get(1)).isZero();
        for (long seed = 1; seed <= 5; seed++) {
            List<Quantiles> order = new ArrayList<>(chunks);
            Collections.shuffle(order, new Random(seed));
            assertThat(answers(foldLeft(order, Quantiles.WHOLE_CAPACITY)))
                    .as("order " + seed)
                    .isEqualTo(expected);
        }
    }
}
