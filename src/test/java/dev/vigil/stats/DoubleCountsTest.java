package dev.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DoubleCountsTest {
    @Test
    void countsPerKeyAndCellThroughGrowthAndSerialisation() throws Exception {
        DoubleCounts c = new DoubleCounts(3);
        Map<String, Long> expected = new HashMap<>();
        Random r = new Random(2);
        for (int i = 0; i < 30_000; i++) {
            double key = Math.round(r.nextGaussian() * 1000) / 100.0;
            int cell = r.nextInt(3);
            c.add(key, cell, 2);
            expected.merge(key + "/" + cell, 2L, Long::sum);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        DoubleCounts back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (DoubleCounts) in.readObject();
        }
        DoubleCounts merged = new DoubleCounts(3);
        merged.addAll(back);
        merged.addAll(c);
        Map<String, Long> got = new HashMap<>();
        merged.forEach((k, counts, o) -> {
            for (int j = 0; j < 3; j++) {
                if (counts[o + j] != 0) {
                    got.put(k + "/" + j, counts[o + j]);
                }
            }
        });
        Map<String, Long> doubled = new HashMap<>();
        expected.forEach((k, v) -> doubled.put(k, 2 * v));
        assertThat(got).isEqualTo(doubled);
        assertThat(back.size()).isEqualTo(c.size());
    }

    @Test
    void aWideTableWritesOnlyEachKeysNonZeroCounters() throws Exception {
        DoubleCounts c = new DoubleCounts(20); // the calibration's 10 folds x 2 classes per score
        for (int i = 0; i < 10_000; i++) {
            c.add(i / 10_000.0, i % 20, 1 + i % 3);
        }
        // key, mask and one counter: 24 bytes a key (all 20 counters: 168)
        assertThat(LawInputs.serializedBytes(c)).isBetween(240_000, 242_000);
        DoubleCounts back = LawInputs.roundTrip(c);
        assertThat(back.size()).isEqualTo(10_000);
        back.forEach((k, counts, o) -> {
            int i = (int) Math.round(k * 10_000);
            for (int j = 0; j < 20; j++) {
                assertThat(counts[o + j]).isEqualTo(j == i % 20 ? 1 + i % 3 : 0);
            }
        });
    }

    @Test
    void widthZeroIsASetOfDoublesThroughGrowthAndSerialisation() throws Exception {
        DoubleCounts set = new DoubleCounts(0);
        java.util.Set<Double> expected = new java.util.HashSet<>();
        Random r = new Random(5);
        for (int i = 0; i < 5_000; i++) {
            double key = Math.round(r.nextGaussian() * 300) / 10.0;
            assertThat(set.addKey(key)).isEqualTo(expected.add(key));
        }
        assertThat(set.size()).isEqualTo(expected.size()).isGreaterThan(1_000);
        DoubleCounts back = LawInputs.roundTrip(set);
        java.util.Set<Double> got = new java.util.HashSet<>();
        back.forEach((k, counts, o) -> got.add(k));
        assertThat(got).isEqualTo(expected);
        assertThat(back.addKey(expected.iterator().next())).isFalse();
    }

    @Test
    void valueCountsSwitchToTheGridBeyondCapacity() {
        ValueCounts v = new ValueCounts();
        for (int i = 0; i <= ValueCounts.CAPACITY; i++) {
            v.add(i / (double) (ValueCounts.CAPACITY + 1));
        }
        assertThat(v.isExact()).isFalse();
        assertThat(v.n()).isEqualTo(ValueCounts.CAPACITY + 1);
        assertThat(v.sorted().keySet()).allMatch(k -> k * ValueCounts.GRID == Math.rint(k * ValueCounts.GRID));
    }
}
