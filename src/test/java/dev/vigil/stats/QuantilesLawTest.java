package dev.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Quantiles} on both sides of its chunk capacity: exact (every value kept: the sorted values,
 * the median and the quantiles compared exactly) and beyond it, the sketch (its integer bucket counts
 * merge exactly, so the median and the quantiles are again compared exactly). Merging chunk states into a larger-capacity
 * whole, where a chunk's sketch meets values the whole would have kept, is held to the documented
 * bound: within {@link Quantiles#RELATIVE_ERROR} of the exact median.
 */
class QuantilesLawTest extends MergeLawContract<Quantiles, Double> {
    @Override
    protected Quantiles empty() {
        return new Quantiles();
    }

    @Override
    protected List<Regime> regimes() {
        return List.of(
                regime("exact", Quantiles.CHUNK_CAPACITY).reaching("exact", Quantiles::isExact),
                regime("sketch", Quantiles.CHUNK_CAPACITY * 3 / 2).seeds(1, 2).reaching("a sketch", s -> !s.isExact()));
    }

    /** Positive, negative, zero and missing values, with ties. */
    @Override
    protected Double input(SplittableRandom r) {
        int u = r.nextInt(40);
        if (u == 0) {
            return 0.0;
        }
        if (u == 1) {
            return Math.rint(r.nextGaussian() * 3);
        }
        return gaussianOrMissing(r, 2, 5);
    }

    @Override
    protected void feed(Quantiles s, List<Double> inputs) {
        feedNumbers(s, inputs);
    }

    @Override
    protected Observation observe(Quantiles s) {
        return new Observation()
                .exact("n", s.n())
                .exact("exact", s.isExact())
                .exact("sortedValues", s.isExact() ? s.sortedValues() : "(sketch)")
                .exact("median", s.median())
                .exact("quantile_0.05", s.quantile(0.05))
                .exact("quantile_0.95", s.quantile(0.95));
    }

    @Test
    void chunkStatesMergedIntoAWholeStayWithinTheRelativeBound() {
        for (long seed = 1; seed <= 3; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            Quantiles whole = new Quantiles(Quantiles.WHOLE_CAPACITY);
            List<Double> all = new ArrayList<>();
            for (int chunk = 0; chunk < 4; chunk++) {
                // some chunks over the chunk capacity (sketches), some under (exact)
                int size = chunk % 2 == 0 ? Quantiles.CHUNK_CAPACITY * 6 / 5 : r.nextInt(5000);
                List<Double> xs = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    xs.add(input(r));
                }
                Quantiles q = new Quantiles();
                feedNumbers(q, xs);
                assertThat(q.isExact()).isEqualTo(chunk % 2 == 1);
                whole.merge(roundTrip(q));
                all.addAll(xs);
            }
            double[] sorted = all.stream()
                    .filter(x -> x != null && !x.isNaN())
                    .mapToDouble(Double::doubleValue)
                    .toArray();
            Arrays.sort(sorted);
            int m = sorted.length / 2;
            double exact = sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
            assertThat(whole.isExact()).isFalse();
            assertThat(whole.n()).isEqualTo(sorted.length);
            // for an even count each middle value is within the bound; they share a sign here
            assertThat(Math.abs(whole.median() - exact))
                    .as("seed " + seed)
                    .isLessThanOrEqualTo(Quantiles.RELATIVE_ERROR * Math.abs(exact));
        }
    }

    @Test
    void aWholeStateKeepsChunksExactUpToItsCapacity() {
        SplittableRandom r = new SplittableRandom(7);
        Quantiles whole = new Quantiles(Quantiles.WHOLE_CAPACITY);
        List<Double> all = new ArrayList<>();
        for (int chunk = 0; chunk < 3; chunk++) {
            List<Double> xs = new ArrayList<>();
            for (int i = 0; i < Quantiles.CHUNK_CAPACITY; i++) {
                xs.add(input(r));
            }
            Quantiles q = new Quantiles();
            feedNumbers(q, xs);
            assertThat(q.isExact()).isTrue();
            whole.merge(q);
            all.addAll(xs);
        }
        Quantiles direct = new Quantiles(Quantiles.WHOLE_CAPACITY);
        feedNumbers(direct, all);
        assertThat(whole.isExact()).isTrue();
        assertThat(whole.sortedValues()).isEqualTo(direct.sortedValues());
        assertThat(whole.median()).isEqualTo(direct.median());
    }
}
