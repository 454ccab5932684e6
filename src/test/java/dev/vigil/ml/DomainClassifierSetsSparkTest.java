package dev.vigil.ml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.Learner;
import dev.vigil.multivariate.DomainClassifierMath;
import dev.vigil.multivariate.DomainClassifierMathTest;
import dev.vigil.multivariate.MultivariateDriftConfig.DomainClassifierConfig;
import dev.vigil.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The domain classifier's training sets, built without training (NannyML's layout on the samples).
 */
class DomainClassifierSetsSparkTest extends SparkTestBase {
    // ---------------------------------------------------------------- training sets, without
    // training

    /**
     * {@code rows} rows with {@code _row} = position, {@code _chunk} = position / size, and x =
     * position.
     */
    private static Chunked chunked(long rows, long size) {
        Dataset<Row> df = session()
                .range(rows)
                .selectExpr(
                        "id as _row",
                        "id div " + size + " as _chunk",
                        "cast(id as double) as x",
                        "concat('k', cast(id % 3 as string)) as c");
        List<ChunkInfo> chunks = new ArrayList<>();
        for (long g = 0; g * size < rows; g++) {
            long end = Math.min(rows, (g + 1) * size) - 1;
            chunks.add(new ChunkInfo(
                    g, (int) g, "[" + g * size + ":" + end + "]", g * size, end, null, null, end - g * size + 1));
        }
        return new Chunked(df, chunks);
    }

    /** Kept positions of a systematic sample of m of the n positions from {@code first}. */
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
     * Checks one chunk's training rows against NannyML's layout on the samples: which rows, their
     * labels, and the folds scikit-learn's StratifiedKFold gives them in data order. {@code order}
     * lists (x, label) in data order.
     */
    private static void assertTrainingRows(
            DomainClassifierSets calc,
            Dataset<Row> pool,
            DomainClassifierSets.TrainingSet t,
            List<double[]> order,
            int k,
            String what) {
        List<Row> rows = calc.trainingRows(pool, t)
                .select("_dc_num_0", DomainClassifierSets.LABEL, DomainClassifierSets.RANK, DomainClassifierSets.FOLD)
                .collectAsList();
        int[] y = order.stream().mapToInt(o -> (int) o[1]).toArray();
        int[] folds = DomainClassifierMathTest.sklearnFolds(y, k);
        Map<String, Integer> expected = new TreeMap<>();
        for (int i = 0; i < order.size(); i++) {
            expected.put(order.get(i)[1] + "/" + order.get(i)[0], folds[i]);
        }
        Map<String, Integer> actual = new TreeMap<>();
        for (Row r : rows) {
            actual.put(r.getDouble(1) + "/" + r.getDouble(0), r.getInt(3));
        }
        assertThat(actual).as(what).isEqualTo(expected);
        assertThat(t.negatives() + t.positives()).as(what).isEqualTo(order.size());
        // one partition, sorted by (label, rank): ranks 0, 1, ... within each class
        long[] next = new long[2];
        for (Row r : rows) {
            assertThat(r.getLong(2)).as(what).isEqualTo(next[(int) r.getDouble(1)]++);
        }
    }

    /**
     * A 23-row reference in chunks of 5 and a 12-row analysis in chunks of 6, capped at 4 rows, 3
     * folds: every chunk's training rows are the reference sample (label 0; a reference chunk's own
     * rows left out of it) and the chunk's sample (label 1), in NannyML's order, with scikit-learn's
     * folds.
     */
    @Test
    void trainingSetsAreNannyMLsLayoutOnTheSamples() {
        int k = 3;
        DomainClassifierConfig settings = new DomainClassifierConfig(4, k, 1, 0.1, 1, 1, 32, 13);
        DomainClassifierSets calc =
                new DomainClassifierSets(new Learner.DomainClassifierRequest(List.of("x"), List.of("c"), settings));
        Chunked reference = chunked(23, 5);
        Chunked analysis = chunked(12, 6);
        DomainClassifierSets.Sample ref = new DomainClassifierSets.Sample(23, 4);
        Dataset<Row> pool = calc.pool(reference, analysis, ref).cache();
        List<Long> referenceSample = sampled(0, 23, 4);
        for (ChunkInfo c : reference.chunks()) {
            List<double[]> order = new ArrayList<>();
            List<Long> own = sampled(c.startIndex(), c.rows(), Math.min(4, c.rows()));
            for (long p = 0; p < 23; p++) {
                boolean inChunk = p >= c.startIndex() && p <= c.endIndex();
                if (inChunk && own.contains(p)) {
                    order.add(new double[] {p, 1});
                } else if (!inChunk && referenceSample.contains(p)) {
                    order.add(new double[] {p, 0});
                }
            }
            assertTrainingRows(calc, pool, calc.referenceChunkSet(c, ref), order, k, "reference chunk " + c.key());
        }
        for (ChunkInfo c : analysis.chunks()) {
            List<double[]> order = new ArrayList<>();
            referenceSample.forEach(p -> order.add(new double[] {p, 0}));
            sampled(c.startIndex(), c.rows(), 4).forEach(p -> order.add(new double[] {p, 1}));
            assertTrainingRows(calc, pool, calc.analysisChunkSet(c, ref), order, k, "analysis chunk " + c.key());
        }
        pool.unpersist();
    }
}
