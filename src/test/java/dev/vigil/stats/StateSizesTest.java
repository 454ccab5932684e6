package dev.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The serialised size of real states (Java serialisation, what Spark's default serializer ships
 * between the partitions' fold, the reduce and the driver), measured for the cost model
 * (docs/cost-model.md). Prints the table and holds each state to the bound the cost model uses, so
 * the document cannot silently go stale.
 */
class StateSizesTest {
    record Size(String state, long values, int bytes, int bound) {}

    static int bytes(Object state) {
        return LawInputs.serializedBytes(state);
    }

    static <S extends ColumnState> S numeric(Supplier<S> make, long n, SplittableRandom r) {
        S s = make.get();
        for (long i = 0; i < n; i++) {
            s.add(r.nextGaussian());
        }
        return s;
    }

    /**
     * An exact {@link Quantiles} of n values: 8 bytes each, plus Java serialisation's 5-byte header per
     * 1,024-byte block of data, plus the class descriptor.
     */
    static int exactBound(int n) {
        return n * 8 + (n * 8 / 1024 + 1) * 5 + 200;
    }

    /**
     * The cost model's bound on a sketched {@link Quantiles} of standard normal values (20,991 bytes
     * measured at 1,000,000 with DDSketch; 117,667 with the hand-written sketch before it).
     */
    static final int SKETCH_BOUND = 125_000;

    @Test
    void stateSizesStayWithinTheCostModelsBounds() {
        SplittableRandom r = new SplittableRandom(42);
        List<Size> sizes = new ArrayList<>();
        for (long n : new long[] {1_000, 100_000, 1_000_000}) {
            sizes.add(new Size("Moments", n, bytes(numeric(Moments::new, n, r)), 200));
            NullCount nulls = new NullCount();
            for (long i = 0; i < n; i++) {
                nulls.addNull();
            }
            sizes.add(new Size("NullCount", n, bytes(nulls), 130));
            sizes.add(new Size(
                    "Histogram 10 bins (Doane, dense)", n, bytes(numeric(() -> new Histogram(-4, 4, 10), n, r)), 400));
            sizes.add(new Size(
                    "Histogram 256 bins (dense)", n, bytes(numeric(() -> new Histogram(-4, 4, 256), n, r)), 2_600));
            // KS / Wasserstein bins: sparse below ~half full, so small chunks stay small
            sizes.add(new Size(
                    "Histogram 10,000 bins (KS)",
                    n,
                    bytes(numeric(() -> new Histogram(-4, 4, 10_000), n, r)),
                    n <= 1_000 ? 13_000 : 82_000));
            // exact: 8 bytes per value kept; beyond the limit DDSketch, a varint counter per bucket between
            // the smallest and the largest magnitude of each sign (about 1,151 buckets per decade at
            // α = 0.001): standard normal values span about 6 to 7 decades, 20,991 bytes at 1M
            Quantiles quantiles = numeric(() -> new Quantiles(Quantiles.CHUNK_CAPACITY), n, r);
            sizes.add(new Size(
                    "Quantiles (chunk: exact to 20,000 values, then DDSketch)",
                    n,
                    bytes(quantiles),
                    n <= Quantiles.CHUNK_CAPACITY ? exactBound((int) n) : SKETCH_BOUND));
            // scores in [0, 1] (multiclass CBPE's per-class score counts): 16 bytes per distinct value,
            // at most 2^16 + 1 cells
            ValueCounts scores = new ValueCounts();
            for (long i = 0; i < n; i++) {
                scores.add(r.nextDouble());
            }
            sizes.add(new Size(
                    "ValueCounts scores (exact to 100,000 distinct, then 2^16 grid)",
                    n,
                    bytes(scores),
                    (int) Math.min(n, n <= ValueCounts.CAPACITY ? n : ValueCounts.GRID + 1) * 17 + 200));
            for (int categories : new int[] {10, 1_000}) {
                CategoryCounts c = new CategoryCounts();
                for (long i = 0; i < n; i++) {
                    c.add("category_" + r.nextInt(categories));
                }
                sizes.add(new Size(
                        "CategoryCounts " + categories + " categories (~11-char strings)",
                        n,
                        bytes(c),
                        categories * 40 + 200));
            }
            // an id-like column, every value distinct: the frequent-items sketch past 1,000 values
            CategoryCounts ids = new CategoryCounts();
            for (long i = 0; i < n; i++) {
                ids.add("user_" + i);
            }
            sizes.add(
                    new Size("CategoryCounts all-distinct ids (exact to 1,000, then a sketch)", n, bytes(ids), 64_000));
        }
        // at the switch point: the largest exact state, 8 bytes per value
        sizes.add(new Size(
                "Quantiles at its exact limit (20,000 values kept)",
                Quantiles.CHUNK_CAPACITY,
                bytes(numeric(() -> new Quantiles(Quantiles.CHUNK_CAPACITY), Quantiles.CHUNK_CAPACITY, r)),
                exactBound(Quantiles.CHUNK_CAPACITY)));
        System.out.printf("%-66s %10s %10s %10s%n", "state", "values", "bytes", "bound");
        for (Size s : sizes) {
            System.out.printf("%-66s %10d %10d %10d%n", s.state(), s.values(), s.bytes(), s.bound());
        }
        for (Size s : sizes) {
            assertThat(s.bytes())
                    .as("%s over %d values", s.state(), s.values())
                    .isPositive()
                    .isLessThanOrEqualTo(s.bound());
        }
    }
}
