package dev.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HistogramTest {
    static Histogram roundTrip(Histogram h) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(h);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Histogram) in.readObject();
        }
    }

    @Test
    void binsAreHalfOpenButTheLastIsClosed() {
        // edges 0, 1, 2, 3
        Histogram h = Histogram.of(0, 3, 3, 0, 0.5, 1, 1.99, 2, 2.5, 3, -0.1, 4.1, Double.NaN);
        assertThat(h.counts()).containsExactly(2, 2, 3);
        assertThat(h.below()).isEqualTo(1);
        assertThat(h.above()).isEqualTo(1);
        assertThat(h.sumBelow()).isEqualTo(-0.1);
        assertThat(h.sumAbove()).isEqualTo(4.1);
        assertThat(h.nulls()).isEqualTo(1);
        assertThat(h.n()).isEqualTo(9);
        assertThat(h.edges()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void valuesOnComputedEdgesFallWhereNumpyPutsThem() {
        double[] e = Histogram.edges(0.1, 0.7, 6);
        double[] xs = new double[e.length];
        System.arraycopy(e, 0, xs, 0, e.length);
        Histogram h = Histogram.of(0.1, 0.7, 6, xs);
        assertThat(h.counts()).containsExactly(1, 1, 1, 1, 1, 2);
    }

    @Test
    void mergeAndSerialisationKeepTheCountsSparseOrDense() throws Exception {
        Random r = new Random(3);
        double[] xs = new double[20_000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = r.nextGaussian() * 3;
        }
        Histogram whole = Histogram.of(-5, 5, 10_000, xs);
        for (int cut : new int[] {0, 17, 5_000, 20_000}) {
            Histogram a = roundTrip(Histogram.of(-5, 5, 10_000, Arrays.copyOfRange(xs, 0, cut)));
            Histogram b = roundTrip(Histogram.of(-5, 5, 10_000, Arrays.copyOfRange(xs, cut, xs.length)));
            Histogram m = a.merge(b);
            assertThat(m.counts()).containsExactly(whole.counts());
            assertThat(m.below()).isEqualTo(whole.below());
            assertThat(m.above()).isEqualTo(whole.above());
            assertThat(m.n()).isEqualTo(20_000);
        }
    }

    @Test
    void aConstantRangePutsEverythingInTheLastBin() {
        Histogram h = Histogram.of(2, 2, 4, 2, 2, 1, 3);
        assertThat(h.counts()).containsExactly(0, 0, 0, 2);
        assertThat(h.below()).isEqualTo(1);
        assertThat(h.above()).isEqualTo(1);
    }
}
