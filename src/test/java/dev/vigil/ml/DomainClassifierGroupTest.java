package dev.vigil.ml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.multivariate.DomainClassifierMath;
import dev.vigil.multivariate.DomainClassifierMathTest;
import dev.vigil.multivariate.MultivariateDriftConfig.DomainClassifierConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One (segment, chunk)'s domain classifier without Spark: NannyML's training-set layout and folds
 * on the rows a task receives, the cut to {@code max_training_rows}, and LightGBM's out-of-fold
 * AUROC on data with and without a difference.
 */
class DomainClassifierGroupTest {
    private static DomainClassifierGroup.TrainingRow row(long position, int role) {
        return new DomainClassifierGroup.TrainingRow(
                position, role, new String[] {"k" + position % 3}, new double[] {position});
    }

    /** Positions of a systematic sample of m of the n positions from {@code first}. */
    private static List<Long> sampled(long first, long n, long m) {
        List<Long> out = new ArrayList<>();
        for (long r = 0; r < n; r++) {
            if (DomainClassifierMath.sampledRank(r, n, m) >= 0) {
                out.add(first + r);
            }
        }
        return out;
    }

    /**
     * Checks one group's training set against NannyML's layout: the rows in {@code order} (position,
     * label) in data order, and scikit-learn's StratifiedKFold folds for them.
     */
    private static void assertLayout(
            DomainClassifierGroup.Spec spec, List<DomainClassifierGroup.TrainingRow> received, List<long[]> order) {
        int k = 3;
        List<Double> labels = new ArrayList<>();
        List<DomainClassifierGroup.TrainingRow> rows = DomainClassifierGroup.trainingSet(spec, received, 4, labels);
        String what = DomainClassifierGroup.describe(spec);
        assertThat(rows.stream().map(DomainClassifierGroup.TrainingRow::row).toList())
                .as(what)
                .isEqualTo(order.stream().map(o -> o[0]).toList());
        assertThat(labels)
                .as(what)
                .isEqualTo(order.stream().map(o -> (double) o[1]).toList());
        int[] y = order.stream().mapToInt(o -> (int) o[1]).toArray();
        assertThat(DomainClassifierGroup.folds(labels, k))
                .as(what)
                .isEqualTo(DomainClassifierMathTest.sklearnFolds(y, k));
    }

    /**
     * A 23-row reference in chunks of 5 and a 12-row analysis in chunks of 6, capped at 4 rows, 3
     * folds: each group receives the reference sample and its chunk's sample (shuffled, as a Spark
     * shuffle may hand them over) and lays them out as NannyML does: an analysis chunk is the
     * reference (label 0) followed by the chunk (label 1); a reference chunk is the reference in
     * position order with the chunk's own sample labelled 1 and the reference sample's rows inside
     * the chunk left out.
     */
    @Test
    void trainingSetsAreNannyMLsLayoutOnTheSamples() {
        List<Long> referenceSample = sampled(0, 23, 4);
        Random shuffle = new Random(3);
        for (long start = 0; start < 23; start += 5) {
            long end = Math.min(23, start + 5) - 1;
            List<DomainClassifierGroup.TrainingRow> received = new ArrayList<>();
            referenceSample.forEach(p -> received.add(row(p, DomainClassifierGroup.REFERENCE_SAMPLE)));
            List<Long> own = sampled(start, end - start + 1, Math.min(4, end - start + 1));
            own.forEach(p -> received.add(row(p, DomainClassifierGroup.CHUNK_SAMPLE)));
            java.util.Collections.shuffle(received, shuffle);
            List<long[]> order = new ArrayList<>();
            for (long p = 0; p < 23; p++) {
                boolean inChunk = p >= start && p <= end;
                if (inChunk && own.contains(p)) {
                    order.add(new long[] {p, 1});
                } else if (!inChunk && referenceSample.contains(p)) {
                    order.add(new long[] {p, 0});
                }
            }
            assertLayout(new DomainClassifierGroup.Spec(null, true, (int) (start / 5), start, end), received, order);
        }
        for (long start = 0; start < 12; start += 6) {
            List<DomainClassifierGroup.TrainingRow> received = new ArrayList<>();
            List<long[]> order = new ArrayList<>();
            referenceSample.forEach(p -> received.add(row(p, DomainClassifierGroup.REFERENCE_SAMPLE)));
            referenceSample.forEach(p -> order.add(new long[] {p, 0}));
            List<Long> own = sampled(start, 6, 4);
            own.forEach(p -> received.add(row(p, DomainClassifierGroup.CHUNK_SAMPLE)));
            own.forEach(p -> order.add(new long[] {p, 1}));
            java.util.Collections.shuffle(received, shuffle);
            assertLayout(
                    new DomainClassifierGroup.Spec(null, false, (int) (start / 6), start, start + 5), received, order);
        }
    }

    /**
     * A segment's rows arrive oversampled: the task keeps a systematic sample of exactly the cap of
     * each role (every received row when there are fewer).
     */
    @Test
    void receivedRowsAreCutToTheCap() {
        List<DomainClassifierGroup.TrainingRow> received = new ArrayList<>();
        for (long p = 0; p < 10; p++) {
            received.add(row(p * 7, DomainClassifierGroup.REFERENCE_SAMPLE));
        }
        for (long p = 100; p < 103; p++) {
            received.add(row(p, DomainClassifierGroup.CHUNK_SAMPLE));
        }
        List<Double> labels = new ArrayList<>();
        List<DomainClassifierGroup.TrainingRow> rows = DomainClassifierGroup.trainingSet(
                new DomainClassifierGroup.Spec("region=eu", false, 0, 100, 102), received, 4, labels);
        // 4 of the 10 reference rows, systematically (ranks 2, 4, 7, 9 of 10: floor(r·4/10) grows), then all 3
        // chunk rows
        assertThat(rows.stream().map(DomainClassifierGroup.TrainingRow::row).toList())
                .containsExactly(14L, 28L, 49L, 63L, 100L, 101L, 102L);
        assertThat(labels).containsExactly(0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0);
    }

    /**
     * Ordinal codes per training set, alphabetical, missing as NaN; continuous values as they are,
     * categorical columns first.
     */
    @Test
    void matrixHasCategoricalCodesFirst() {
        List<DomainClassifierGroup.TrainingRow> rows = List.of(
                new DomainClassifierGroup.TrainingRow(0, 0, new String[] {"b"}, new double[] {1.5, Double.NaN}),
                new DomainClassifierGroup.TrainingRow(1, 0, new String[] {null}, new double[] {2.5, 3}),
                new DomainClassifierGroup.TrainingRow(2, 1, new String[] {"a"}, new double[] {-1, 4}));
        double[] x = DomainClassifierGroup.matrix(rows, 1, 2);
        assertThat(x).containsExactly(1, 1.5, Double.NaN, Double.NaN, 2.5, 3, 0, -1, 4);
    }

    private static DomainClassifierConfig settings(int cap) {
        // LightGBM's defaults (NannyML's), 5 folds
        return new DomainClassifierConfig(cap, 5, 100, 0.1, -1, 20, 255, 13, 31);
    }

    /**
     * {@code n} reference rows and {@code n} chunk rows with 3 continuous columns and one categorical;
     * the chunk's first column shifted by {@code shift} and its category tilted when {@code shift >
     * 0}; some values missing.
     */
    private static List<DomainClassifierGroup.TrainingRow> data(int n, double shift, long seed) {
        Random r = new Random(seed);
        List<DomainClassifierGroup.TrainingRow> out = new ArrayList<>();
        for (int role = 0; role < 2; role++) {
            for (int i = 0; i < n; i++) {
                double s = role == 1 ? shift : 0;
                double[] x = {r.nextGaussian() + s, r.nextGaussian(), r.nextDouble()};
                if (r.nextDouble() < 0.05) {
                    x[1] = Double.NaN;
                }
                String c = r.nextDouble() < 0.3 + (s > 0 ? 0.3 : 0) ? "high" : (r.nextBoolean() ? "low" : "mid");
                out.add(new DomainClassifierGroup.TrainingRow(
                        role * 1_000_000L + i, role, new String[] {r.nextDouble() < 0.02 ? null : c}, x));
            }
        }
        return out;
    }

    /**
     * Without a difference, LightGBM cannot tell the chunk from the reference out of fold: the AUROC
     * stays near 0.5; with one (a 1.5-std shift and a tilted category) it is far above NannyML's 0.65
     * threshold. Training twice gives the same value to the last bit (single-threaded, seeded).
     */
    @Test
    void aurocNearHalfWithoutDriftAndHighWithIt() {
        DomainClassifierGroup.Spec analysis = new DomainClassifierGroup.Spec(null, false, 0, 0, 999);
        long t0 = System.nanoTime();
        DomainClassifierGroup.Result stable =
                DomainClassifierGroup.train(analysis, data(1000, 0, 1), 1, 3, settings(5000));
        DomainClassifierGroup.Result drifted =
                DomainClassifierGroup.train(analysis, data(1000, 1.5, 2), 1, 3, settings(5000));
        DomainClassifierGroup.Result again =
                DomainClassifierGroup.train(analysis, data(1000, 1.5, 2), 1, 3, settings(5000));
        System.out.printf(
                "LightGBM domain classifier, 2000 rows, 5 folds x 100 trees: stable %.4f, drifted %.4f (%.2f s for 3)%n",
                stable.value(), drifted.value(), (System.nanoTime() - t0) / 1e9);
        assertThat(stable.negatives()).isEqualTo(1000);
        assertThat(stable.positives()).isEqualTo(1000);
        assertThat(stable.value()).isBetween(0.44, 0.56);
        assertThat(drifted.value()).isGreaterThan(0.75);
        assertThat(again.value()).isEqualTo(drifted.value());
    }

    /** One class only (a reference chunk holding the whole reference): NannyML's 0.5, no model. */
    @Test
    void oneClassIsHalf() {
        List<DomainClassifierGroup.TrainingRow> received = new ArrayList<>();
        for (long p = 0; p < 10; p++) {
            received.add(row(p, DomainClassifierGroup.REFERENCE_SAMPLE));
            received.add(row(p, DomainClassifierGroup.CHUNK_SAMPLE));
        }
        DomainClassifierGroup.Result r = DomainClassifierGroup.train(
                new DomainClassifierGroup.Spec(null, true, 0, 0, 9), received, 1, 1, settings(100));
        assertThat(r.negatives()).isZero();
        assertThat(r.positives()).isEqualTo(10);
        assertThat(r.value()).isEqualTo(0.5);
    }

    /**
     * Fewer chunk rows than folds: some folds hold no positives and some training sets one class;
     * the value is still the pooled AUROC, finite.
     */
    @Test
    void tinyChunkGivesAFiniteValue() {
        List<DomainClassifierGroup.TrainingRow> received = new ArrayList<>();
        for (long p = 0; p < 30; p++) {
            received.add(row(p, DomainClassifierGroup.REFERENCE_SAMPLE));
        }
        received.add(row(1000, DomainClassifierGroup.CHUNK_SAMPLE));
        received.add(row(1001, DomainClassifierGroup.CHUNK_SAMPLE));
        DomainClassifierGroup.Result r = DomainClassifierGroup.train(
                new DomainClassifierGroup.Spec(null, false, 0, 1000, 1001), received, 1, 1, settings(100));
        assertThat(r.positives()).isEqualTo(2);
        assertThat(r.value()).isBetween(0.0, 1.0);
    }
}
