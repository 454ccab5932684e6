package dev.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.testing.Filled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The merge law (parts merged = whole), serialisation round trips, and the definitions, on small
 * arrays.
 */
class StatesTest {
    static final double[] XS = {3.5, -1.0, 2.25, 8.0, 0.5, 4.0, 4.0, 10.0, -3.0};

    static <S extends ColumnState> S roundTrip(S s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            S back = (S) in.readObject();
            return back;
        }
    }

    @Test
    void momentsMatchTheirDefinitions() {
        Moments m = Filled.moments(XS);
        double mean = Arrays.stream(XS).average().orElseThrow();
        double m2 = Arrays.stream(XS).map(x -> (x - mean) * (x - mean)).sum();
        double m4 = Arrays.stream(XS).map(x -> Math.pow(x - mean, 4)).sum() / XS.length;
        assertThat(m.n()).isEqualTo(9);
        assertThat(m.mean()).isCloseTo(mean, within(1e-12));
        assertThat(m.std()).isCloseTo(Math.sqrt(m2 / 8), within(1e-12));
        assertThat(m.centralMoment4()).isCloseTo(m4, within(1e-9));
        assertThat(m.sum()).isEqualTo(28.25);
        assertThat(m.min()).isEqualTo(-3.0);
        assertThat(m.max()).isEqualTo(10.0);
    }

    @Test
    void momentsMergeLawAndNulls() throws Exception {
        Moments whole = Filled.moments(XS);
        for (int cut = 0; cut <= XS.length; cut++) {
            Moments a = Filled.moments(Arrays.copyOfRange(XS, 0, cut));
            Moments b = Filled.moments(Arrays.copyOfRange(XS, cut, XS.length));
            Moments merged = roundTrip(a).merge(roundTrip(b));
            assertThat(merged.n()).isEqualTo(whole.n());
            assertThat(merged.mean()).isCloseTo(whole.mean(), within(1e-12));
            assertThat(merged.std()).isCloseTo(whole.std(), within(1e-12));
            assertThat(merged.centralMoment4()).isCloseTo(whole.centralMoment4(), within(1e-9));
            assertThat(merged.sum()).isCloseTo(whole.sum(), within(1e-12));
            assertThat(merged.min()).isEqualTo(-3.0);
        }
        Moments withNull = Filled.moments(1.0, Double.NaN, 3.0);
        assertThat(withNull.nulls()).isEqualTo(1);
        assertThat(withNull.rows()).isEqualTo(3);
        assertThat(withNull.mean()).isEqualTo(2.0);
        assertThat(new Moments().mean()).isNaN();
        assertThat(Filled.moments(1.0).std()).isNaN();
    }

    @Test
    void exactMedianIsNumpys() throws Exception {
        assertThat(Quantiles.of(XS).median()).isEqualTo(3.5);
        assertThat(Quantiles.of(1, 2, 3, 4).median()).isEqualTo(2.5);
        assertThat(new Quantiles().median()).isNaN();
        Quantiles a = Quantiles.of(5, 1);
        Quantiles b = Quantiles.of(4, 2, 3);
        Quantiles merged = roundTrip(a).merge(roundTrip(b));
        assertThat(merged.isExact()).isTrue();
        assertThat(merged.median()).isEqualTo(3.0);
    }

    @Test
    void sketchMedianIsWithinTheStatedRelativeBoundAndDeterministic() throws Exception {
        Random r = new Random(11);
        int n = 15 * Quantiles.CHUNK_CAPACITY + 1;
        double[] xs = new double[n];
        Quantiles[] parts = {new Quantiles(), new Quantiles(), new Quantiles()};
        for (int i = 0; i < n; i++) {
            xs[i] = (i % 5 == 0 ? -1 : 1) * Math.exp(r.nextGaussian()) + (i % 7 == 0 ? 0 : 2);
            parts[i % 3].add(xs[i]);
        }
        Quantiles q = roundTrip(parts[0]).merge(parts[1]).merge(roundTrip(parts[2]));
        Quantiles otherOrder = roundTrip(parts[2]).merge(parts[0]).merge(parts[1]);
        assertThat(q.isExact()).isFalse();
        assertThat(q.n()).isEqualTo(n);
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        double exact = sorted[n / 2];
        assertThat(Math.abs(q.median() - exact)).isLessThanOrEqualTo(Quantiles.RELATIVE_ERROR * Math.abs(exact));
        assertThat(otherOrder.median()).isEqualTo(q.median());
        // even count: the mean of the two middle values, each within the bound
        Quantiles even = Quantiles.of();
        for (int i = 0; i < 2 * Quantiles.CHUNK_CAPACITY; i++) {
            even.add(1000.0 + i);
        }
        double exactEven = 1000.0 + (2 * Quantiles.CHUNK_CAPACITY - 1) / 2.0;
        assertThat(even.isExact()).isFalse();
        assertThat(Math.abs(even.median() - exactEven)).isLessThanOrEqualTo(Quantiles.RELATIVE_ERROR * exactEven);
    }

    @Test
    void wholeStateStaysExactBeyondAChunksCapacity() {
        Quantiles whole = new Quantiles(Quantiles.WHOLE_CAPACITY);
        for (int part = 0; part < 3; part++) {
            Quantiles chunk = new Quantiles();
            for (int i = 0; i < Quantiles.CHUNK_CAPACITY; i++) {
                chunk.add(part * Quantiles.CHUNK_CAPACITY + i);
            }
            assertThat(chunk.isExact()).isTrue();
            whole.merge(chunk);
        }
        assertThat(whole.isExact()).isTrue();
        assertThat(whole.median()).isEqualTo((3 * Quantiles.CHUNK_CAPACITY - 1) / 2.0);
        Quantiles chunk = new Quantiles();
        for (int i = 0; i <= Quantiles.CHUNK_CAPACITY; i++) {
            chunk.add(i);
        }
        assertThat(chunk.isExact()).isFalse();
    }

    @Test
    void countsOfCategoriesUnseenAndRange() throws Exception {
        CategoryCounts c = roundTrip(Filled.categories("a", "b", null)).merge(Filled.categories("a", "c"));
        assertThat(c.counts()).containsEntry("a", 2L).containsEntry("b", 1L).containsEntry("c", 1L);
        assertThat(c.nulls()).isEqualTo(1);
        assertThat(c.rows()).isEqualTo(5);

        UnseenCount u = new UnseenCount(Set.of("a", "b"), false);
        u.add("a");
        u.add("d");
        u.addNull();
        UnseenCount u2 = new UnseenCount(Set.of("a", "b"), true);
        u2.addNull();
        u2.add("e");
        u.merge(roundTrip(u2));
        assertThat(u.rows()).isEqualTo(5);
        assertThat(u.unseen()).isEqualTo(3); // d, the null of the first (no nulls in reference), e

        OutOfRangeCount o = new OutOfRangeCount(0.0, 10.0);
        for (double x : new double[] {0.0, 10.0, -0.1, 10.5, 5}) {
            o.add(x);
        }
        o.addNull();
        assertThat(o.rows()).isEqualTo(6);
        assertThat(o.outside()).isEqualTo(2);
    }

    @Test
    void kernelDensityIsTheGaussianKde() {
        KernelDensitySum k = new KernelDensitySum(0.0, 1.0);
        k.add(0.0);
        k.add(1.0);
        double phi0 = 1 / Math.sqrt(2 * Math.PI);
        double phi1 = phi0 * Math.exp(-0.5);
        assertThat(k.density()).isCloseTo((phi0 + phi1) / 2, within(1e-15));
    }
}
