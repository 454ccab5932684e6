package dev.vigil.multivariate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.calculators.FrameCalculator.Chunked;
import dev.vigil.chunking.ChunkInfo;
import dev.vigil.config.MultivariateDriftConfig.DomainClassifierConfig;
import dev.vigil.generate.SyntheticData;
import dev.vigil.results.ResultRow;
import dev.vigil.testing.JobCounter;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The domain classifier on Vigil's synthetic data (drift in the last third of the analysis: num_0
 * shifts by 1.5 std, cat_0 moves towards "high", ...), through the whole pipeline with a small,
 * fast model: it flags the drifted analysis chunks and none of the stable ones, and its values do
 * not depend on how the input is split into files.
 */
class DomainClassifierSparkTest extends SparkTestBase {
  private static final long REFERENCE_ROWS = 2000;
  private static final long ANALYSIS_ROWS = 3000;
  private static final String SMALL_MODEL = "n_estimators: 3, max_depth: 2";

  @TempDir static Path dir;

  @BeforeAll
  static void data() {
    SyntheticData.write(
        session(),
        dir.resolve("drift-at-two-thirds").toString(),
        new SyntheticData.Options(ANALYSIS_ROWS, REFERENCE_ROWS, 5, 11, 2.0 / 3, "parquet"),
        1);
    SyntheticData.Options drifted =
        new SyntheticData.Options(1000, REFERENCE_ROWS, 5, 11, 0.0, "parquet");
    SyntheticData.write(session(), dir.resolve("all-drifted-one-file").toString(), drifted, 1);
    SyntheticData.write(session(), dir.resolve("all-drifted-three-files").toString(), drifted, 3);
  }

  /** The results of a run, and the Spark jobs it took. */
  record Run(List<ResultRow> rows, int jobs) {}

  static Run run(String data, String chunking, String settings) {
    String yaml =
        """
        monitor: dc
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba, target: repaid,
                  features: [num_0, num_1, num_2, num_3, cat_0]}
        chunking: %s
        calculators:
          multivariate_drift: {method: domain_classifier, %s}
        """
            .formatted(
                dir.resolve(data).resolve("reference"),
                dir.resolve(data).resolve("analysis"),
                chunking,
                settings);
    try (JobCounter jobs = new JobCounter(session())) {
      List<ResultRow> rows = compute(yaml);
      return new Run(rows, jobs.jobs());
    }
  }

  private static void print(List<ResultRow> rows) {
    rows.forEach(
        r ->
            System.out.printf(
                "domain_classifier_auroc %s %s %s: %.4f alert=%s%n",
                r.period(), r.chunkIndex(), r.chunkKey(), r.value(), r.alert()));
  }

  /**
   * Chunks of 1000 rows: 2 reference chunks, 3 analysis chunks of which the last is drifted. Stable
   * chunks stay near 0.5, inside NannyML's constant thresholds 0.45/0.65; drifted ones are far
   * above 0.65 and alert.
   */
  @Test
  void flagsTheDriftedChunksAndNotTheStableOnes() {
    Run run = run("drift-at-two-thirds", "{size: 1000}", SMALL_MODEL);
    List<ResultRow> rows = run.rows();
    print(rows);
    // the cost: per chunk one shuffle and encoder fit, and per fold MLlib's ~5 fixed jobs, one per
    // tree level and
    // tree, and the scoring; plus a few jobs for the whole run (reading, row positions, scans,
    // samples)
    int perFit = 5 + 3 * 2 + 1;
    System.out.printf(
        "domain classifier: %d Spark jobs for 5 chunks (bound %d)%n",
        run.jobs(), 5 * (5 * perFit + 3) + 12);
    assertThat(run.jobs()).isLessThanOrEqualTo(5 * (5 * perFit + 3) + 12);
    assertThat(rows).hasSize(5);
    for (ResultRow r : rows) {
      assertThat(r.calculator()).isEqualTo("multivariate_drift");
      assertThat(r.metric()).isEqualTo("domain_classifier_auroc");
      assertThat(r.columnName()).isNull();
      assertThat(r.segment()).isNull();
      assertThat(r.samplingError()).isNull();
      assertThat(r.pValue()).isNull();
      assertThat(r.lowerConfidenceBound()).isNull();
      assertThat(r.lowerThreshold()).isEqualTo(0.45);
      assertThat(r.upperThreshold()).isEqualTo(0.65);
      assertThat(r.chunkRows()).isEqualTo(1000);
      boolean drifted = r.period().equals("analysis") && r.chunkIndex() == 2;
      String what = r.period() + " chunk " + r.chunkKey();
      if (drifted) {
        assertThat(r.value()).as(what).isGreaterThan(0.75);
        assertThat(r.alert()).as(what).isTrue();
      } else {
        assertThat(r.value()).as(what).isBetween(0.45, 0.56);
        assertThat(r.alert()).as(what).isFalse();
      }
    }
    assertThat(rows.stream().filter(r -> r.period().equals("reference")).map(ResultRow::chunkKey))
        .containsExactly("[0:999]", "[1000:1999]");
  }

  /**
   * Week periods put the whole reference (2000 rows) in one chunk and a wholly drifted analysis
   * (1000 rows) in another; the reference is sampled to 1000 rows; 3 folds. The reference chunk has
   * no reference rows outside it to compare with: one class only, value 0.5 (NannyML's rule). The
   * same data written as three files instead of one gives the same values to the last bit: samples,
   * folds and the training sets' row order come from row positions, not from Spark's splits.
   */
  @Test
  void sampledPeriodChunksAreIndependentOfTheInputFiles() {
    String settings = SMALL_MODEL + ", cv_folds_num: 3, max_training_rows: 1000";
    List<ResultRow> one = run("all-drifted-one-file", "{period: week}", settings).rows();
    print(one);
    assertThat(one).extracting(ResultRow::period).containsExactly("reference", "analysis");
    assertThat(one.get(0).value()).isEqualTo(0.5);
    assertThat(one.get(0).alert()).isFalse();
    assertThat(one.get(1).value()).isGreaterThan(0.75);
    assertThat(one.get(1).alert()).isTrue();
    List<ResultRow> three = run("all-drifted-three-files", "{period: week}", settings).rows();
    assertThat(three)
        .extracting(ResultRow::value)
        .containsExactlyElementsOf(one.stream().map(ResultRow::value).toList());
  }

  // ---------------------------------------------------------------- training sets, without
  // training

  /**
   * {@code rows} rows with {@code _row} = position, {@code _chunk} = position / size, and x =
   * position.
   */
  private static Chunked chunked(long rows, long size) {
    Dataset<Row> df =
        session()
            .range(rows)
            .selectExpr(
                "id as _row",
                "id div " + size + " as _chunk",
                "cast(id as double) as x",
                "concat('k', cast(id % 3 as string)) as c");
    List<ChunkInfo> chunks = new ArrayList<>();
    for (long g = 0; g * size < rows; g++) {
      long end = Math.min(rows, (g + 1) * size) - 1;
      chunks.add(
          new ChunkInfo(
              g,
              (int) g,
              "[" + g * size + ":" + end + "]",
              g * size,
              end,
              null,
              null,
              end - g * size + 1));
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
      DomainClassifierCalculator calc,
      Dataset<Row> pool,
      DomainClassifierCalculator.TrainingSet t,
      List<double[]> order,
      int k,
      String what) {
    List<Row> rows =
        calc.trainingRows(pool, t)
            .select(
                "_dc_num_0",
                DomainClassifierCalculator.LABEL,
                DomainClassifierCalculator.RANK,
                DomainClassifierCalculator.FOLD)
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
    DomainClassifierCalculator calc =
        new DomainClassifierCalculator(List.of("x"), List.of("c"), settings, null);
    Chunked reference = chunked(23, 5);
    Chunked analysis = chunked(12, 6);
    DomainClassifierCalculator.Sample ref = new DomainClassifierCalculator.Sample(23, 4);
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
      assertTrainingRows(
          calc, pool, calc.referenceChunkSet(c, ref), order, k, "reference chunk " + c.key());
    }
    for (ChunkInfo c : analysis.chunks()) {
      List<double[]> order = new ArrayList<>();
      referenceSample.forEach(p -> order.add(new double[] {p, 0}));
      sampled(c.startIndex(), c.rows(), 4).forEach(p -> order.add(new double[] {p, 1}));
      assertTrainingRows(
          calc, pool, calc.analysisChunkSet(c, ref), order, k, "analysis chunk " + c.key());
    }
    pool.unpersist();
  }
}
