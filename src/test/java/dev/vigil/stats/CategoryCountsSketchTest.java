package dev.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.Filled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CategoryCounts} on both sides of its capacity: exact at {@value CategoryCounts#CAPACITY}
 * distinct values, Apache DataSketches' frequent items one value over, with the stated bound on
 * every kept count, the rest under {@link CategoryCounts#OTHER}, the HLL distinct count, a bounded
 * size on a column of all-distinct ids, and the same state after Java serialization and merging.
 */
class CategoryCountsSketchTest {
    /** Heavy hitters h0..h9 (1,000 rows each) among {@code ids} values seen once. */
    private static Map<String, Long> feed(CategoryCounts c, int ids, long seed) {
        Map<String, Long> truth = new HashMap<>();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < ids; i++) {
            String v = "id_" + seed + "_" + i;
            c.add(v);
            truth.merge(v, 1L, Long::sum);
            if (r.nextInt(ids) < 10_000) {
                String h = "h" + r.nextInt(10);
                c.add(h);
                truth.merge(h, 1L, Long::sum);
            }
        }
        return truth;
    }

    @Test
    void exactAtTheCapacityAndASketchOneValueOver() {
        CategoryCounts at = new CategoryCounts();
        for (int i = 0; i < CategoryCounts.CAPACITY; i++) {
            at.add("v" + i);
            at.add("v" + i);
        }
        assertThat(at.isExact()).isTrue();
        assertThat(at.maximumError()).isZero();
        assertThat(at.counts())
                .hasSize(CategoryCounts.CAPACITY)
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(2L));
        assertThat(at.distinct()).isEqualTo(CategoryCounts.CAPACITY);

        at.add("one more");
        assertThat(at.isExact()).isFalse();
        assertThat(at.rows()).isEqualTo(2L * CategoryCounts.CAPACITY + 1);
        assertThat(at.counts().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(at.rows());
        assertThat(at.distinct()).isBetween(980L, 1_020L);
    }

    @Test
    void everyKeptCountIsWithinTheMaximumErrorBelowTheTruthAndTheStateStaysSmall() {
        CategoryCounts c = new CategoryCounts();
        c.addNull();
        Map<String, Long> truth = feed(c, 500_000, 1);
        assertThat(c.isExact()).isFalse();
        Map<String, Long> counts = c.counts();
        long error = c.maximumError();
        for (var e : counts.entrySet()) {
            if (!e.getKey().equals(CategoryCounts.OTHER)) {
                long t = truth.get(e.getKey());
                assertThat(e.getValue()).as(e.getKey()).isBetween(t - error, t);
            }
        }
        // every heavy hitter kept; the rest of the rows under OTHER; rows and nulls exact
        for (int h = 0; h < 10; h++) {
            assertThat(counts).containsKey("h" + h);
        }
        long withValue = truth.values().stream().mapToLong(Long::longValue).sum();
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(withValue);
        assertThat(c.rows()).isEqualTo(withValue + 1);
        assertThat(c.nulls()).isEqualTo(1);
        assertThat((double) c.distinct()).isCloseTo(truth.size(), org.assertj.core.data.Percentage.withPercentage(5));
        int bytes = bytes(c);
        System.out.printf(
                "500,000 distinct ids: %d kept values, maximum error %d rows, %d bytes serialized%n",
                counts.size(), error, bytes);
        assertThat(counts.size()).isLessThanOrEqualTo(CategoryCounts.SKETCH_MAP_SIZE);
        assertThat(bytes).isLessThan(64_000);
    }

    @Test
    void mergingExactAndSketchedStatesAndSerializingKeepTheBound() throws Exception {
        CategoryCounts a = new CategoryCounts();
        Map<String, Long> truth = new HashMap<>(feed(a, 50_000, 2));
        CategoryCounts b = Filled.categories("x", "y", "x", null);
        truth.merge("x", 2L, Long::sum);
        truth.merge("y", 1L, Long::sum);
        CategoryCounts c = new CategoryCounts();
        feed(c, 30_000, 3).forEach((k, v) -> truth.merge(k, v, Long::sum));
        CategoryCounts merged = StatesTest.roundTrip(
                StatesTest.roundTrip(b).merge(StatesTest.roundTrip(a)).merge(c));
        assertThat(merged.isExact()).isFalse();
        assertThat(merged.nulls()).isEqualTo(1);
        assertThat(merged.rows())
                .isEqualTo(truth.values().stream().mapToLong(Long::longValue).sum() + 1);
        long error = merged.maximumError();
        merged.counts().forEach((k, v) -> {
            if (!k.equals(CategoryCounts.OTHER)) {
                assertThat(v).as(k).isBetween(truth.get(k) - error, truth.get(k));
            }
        });
        // exact states merging past the capacity switch too
        CategoryCounts small = new CategoryCounts();
        CategoryCounts other = new CategoryCounts();
        for (int i = 0; i < 600; i++) {
            small.add("s" + i);
            other.add("o" + i);
        }
        assertThat(small.merge(other).isExact()).isFalse();
        // an unbounded state never switches
        CategoryCounts cells = new CategoryCounts(Integer.MAX_VALUE);
        for (int i = 0; i < 5_000; i++) {
            cells.add("c" + i);
        }
        assertThat(cells.isExact()).isTrue();
    }

    private static int bytes(Object o) {
        try (ByteArrayOutputStream b = new ByteArrayOutputStream();
                ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
            out.flush();
            return b.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
