package dev.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SparseCountsTest {
    @Test
    void countsEveryKeyThroughGrowth() {
        SparseCounts s = new SparseCounts();
        long[] expected = new long[5_000];
        Random r = new Random(5);
        for (int i = 0; i < 50_000; i++) {
            int k = r.nextInt(5_000);
            long by = 1 + r.nextInt(3);
            s.add(k, by);
            expected[k] += by;
        }
        long[] got = new long[5_000];
        s.addTo(got);
        assertThat(got).containsExactly(expected);
        assertThat(s.total()).isEqualTo(Arrays.stream(expected).sum());
        assertThat(s.size())
                .isEqualTo((int) Arrays.stream(expected).filter(v -> v != 0).count());
    }

    @Test
    void aLowCardinalityColumnStaysSparseInAWideHistogram() throws Exception {
        Histogram h = new Histogram(0, 10, 10_000);
        for (int i = 0; i < 100_000; i++) {
            h.add(i % 7);
        }
        Histogram back = HistogramTest.roundTrip(h).merge(HistogramTest.roundTrip(h));
        long[] c = back.counts();
        assertThat(c[0]).isEqualTo(2 * 14_286);
        assertThat(Arrays.stream(c).filter(v -> v != 0).count()).isEqualTo(7);
        assertThat(Arrays.stream(c).max().getAsLong()).isEqualTo(2 * 14_286);
        assertThat(back.n()).isEqualTo(200_000);
    }
}
