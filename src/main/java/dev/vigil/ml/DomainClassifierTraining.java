package dev.vigil.ml;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.Learner.ChunkScores;
import dev.vigil.calculators.Learner.DomainClassifierRequest;
import dev.vigil.multivariate.DomainClassifierMath;
import dev.vigil.multivariate.MultivariateDriftConfig.DomainClassifierConfig;
import dev.vigil.scan.Scanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NannyML's domain classifier ({@code DomainClassifierCalculator},
 * docs/nannyml-multivariate-drift.md §3) on spark-mllib gradient-boosted trees: per chunk, a
 * classifier learns to tell the chunk's rows (label 1) from the reference's (label 0); the value is
 * the AUROC of its out-of-fold scores, pooled over stratified, unshuffled folds. About 0.5 means
 * the chunk looks like the reference; towards 1 it has drifted.
 *
 * <p>Training sets, NannyML's rules on a bounded sample: the reference is sampled systematically
 * (every (n/m)-th row in data order) to at most {@code max_training_rows} rows, and so is each
 * chunk. An analysis chunk trains on the reference sample (label 0) and its own sample (label 1); a
 * reference chunk trains on its own sample (label 1) and the reference sample's rows outside the
 * chunk (label 0), as NannyML labels a chunk inside the whole reference. Below the cap nothing is
 * sampled and the rows are NannyML's. Folds come from each row's rank within its class, as {@code
 * StratifiedKFold(shuffle=False)} cuts them ({@link DomainClassifierMath}).
 *
 * <p>Cost: one pass over each dataset builds all samples (cached, at most cap rows per chunk plus
 * the reference sample), then per chunk, reference chunks included, one small shuffle and {@code
 * cv_folds_num} GBT fits run concurrently, each of {@code n_estimators} trees (Spark runs about
 * {@code max_depth + 2} jobs per tree).
 */
final class DomainClassifierTraining {
  /** A training set is hash-partitioned on (label, rank) into one partition per this many rows. */
  static final long ROWS_PER_PARTITION = 50_000;

  private static final Logger LOG = LoggerFactory.getLogger(DomainClassifierTraining.class);

  private static final String SOURCE = "_dc_source";
  static final String RANK = "_dc_rank";
  static final String LABEL = "_dc_label";
  static final String FOLD = "_dc_fold";
  private static final String FEATURES = "_dc_features";

  /**
   * Pool rows: the reference sample, the reference chunks' samples, the analysis chunks' samples.
   */
  private static final int REFERENCE_SAMPLE = 0;

  private static final int REFERENCE_CHUNK = 1;
  private static final int ANALYSIS_CHUNK = 2;

  private final List<String> continuous;
  private final List<String> categorical;
  private final DomainClassifierConfig settings;

  DomainClassifierTraining(DomainClassifierRequest request) {
    this.continuous = List.copyOf(request.continuous());
    this.categorical = List.copyOf(request.categorical());
    this.settings = request.settings();
  }

  /** Every reference and analysis chunk's cross-validated AUROC. */
  ChunkScores scores(Chunked reference, Chunked analysis) {
    long referenceRows = reference.rows().count();
    Sample ref = new Sample(referenceRows, Math.min(referenceRows, settings.maxTrainingRows()));
    if (ref.kept() < referenceRows) {
      LOG.info(
          "domain classifier: the reference is sampled to {} of its {} rows (max_training_rows)",
          ref.kept(),
          referenceRows);
    }
    Dataset<Row> pool = pool(reference, analysis, ref).persist(StorageLevel.MEMORY_AND_DISK());
    ExecutorService workers =
        Executors.newFixedThreadPool(
            settings.cvFoldsNum(),
            r -> {
              Thread t = new Thread(r, "vigil-domain-classifier");
              t.setDaemon(true);
              return t;
            });
    try {
      Imputation imputation = imputation(pool);
      int total = reference.chunks().size() + analysis.chunks().size();
      double[] refValues = new double[reference.chunks().size()];
      for (ChunkInfo c : reference.chunks()) {
        refValues[c.index()] =
            chunkValue(
                pool,
                referenceChunkSet(c, ref),
                imputation,
                workers,
                c,
                "reference",
                c.index() + 1,
                total);
      }
      double[] anaValues = new double[analysis.chunks().size()];
      for (ChunkInfo c : analysis.chunks()) {
        anaValues[c.index()] =
            chunkValue(
                pool,
                analysisChunkSet(c, ref),
                imputation,
                workers,
                c,
                "analysis",
                reference.chunks().size() + c.index() + 1,
                total);
      }
      return new ChunkScores(refValues, anaValues);
    } finally {
      workers.shutdownNow();
      pool.unpersist();
    }
  }

  // ---------------------------------------------------------------- samples

  /** A systematic sample of {@code kept} of {@code rows} rows. */
  record Sample(long rows, long kept) {
    /** Kept rows among positions {@code [0, position)}. */
    long before(long position) {
      return DomainClassifierMath.keptBefore(position, rows, kept);
    }
  }

  /**
   * Every row any chunk's classifier trains on, once: the reference sample, each reference chunk's
   * sample and each analysis chunk's sample, with the model's inputs, {@code _chunk}, {@code _row}
   * and the rank in its sample.
   */
  Dataset<Row> pool(Chunked reference, Chunked analysis, Sample ref) {
    return wholeSample(reference.rows(), ref)
        .unionByName(chunkSamples(reference.rows(), reference.chunks(), REFERENCE_CHUNK))
        .unionByName(chunkSamples(analysis.rows(), analysis.chunks(), ANALYSIS_CHUNK));
  }

  /** The model's inputs by position: {@code _dc_cat_i}, {@code _dc_num_i}. */
  private List<Column> featureProjection() {
    List<Column> out = new ArrayList<>();
    for (int i = 0; i < categorical.size(); i++) {
      out.add(col(categorical.get(i)).cast(DataTypes.StringType).as(cat(i)));
    }
    for (int i = 0; i < continuous.size(); i++) {
      // NaN and infinities are missing, like nulls (MLlib trees cannot split on them)
      Column x = col(continuous.get(i)).cast(DataTypes.DoubleType);
      out.add(
          when(
                  x.isNaN().or(abs(x).equalTo(lit(Double.POSITIVE_INFINITY))),
                  lit(null).cast(DataTypes.DoubleType))
              .otherwise(x)
              .as(num(i)));
    }
    return out;
  }

  private static String cat(int i) {
    return "_dc_cat_" + i;
  }

  private static String num(int i) {
    return "_dc_num_" + i;
  }

  private Dataset<Row> pooled(Dataset<Row> rows, int source, Column rank) {
    List<Column> cols = featureProjection();
    cols.add(lit(source).as(SOURCE));
    cols.add(col(Scanner.CHUNK).cast(DataTypes.LongType).as(Scanner.CHUNK));
    cols.add(col(Scanner.ROW));
    cols.add(rank.as(RANK));
    return rows.select(cols.toArray(Column[]::new)).where(col(RANK).geq(0));
  }

  /**
   * The reference sample over all reference rows, those in no chunk included (NannyML keeps them,
   * label 0).
   */
  private Dataset<Row> wholeSample(Dataset<Row> rows, Sample s) {
    long n = s.rows();
    long m = s.kept();
    UDF1<Long, Long> rank = r -> DomainClassifierMath.sampledRank(r, n, m);
    return pooled(rows, REFERENCE_SAMPLE, udf(rank, DataTypes.LongType).apply(col(Scanner.ROW)));
  }

  /**
   * Each chunk's own sample of at most {@code max_training_rows} rows; the rank is within the
   * chunk's sample.
   */
  private Dataset<Row> chunkSamples(Dataset<Row> rows, List<ChunkInfo> chunks, int source) {
    Map<Long, long[]> byGroup = new HashMap<>();
    for (ChunkInfo c : chunks) {
      byGroup.put(
          c.group(),
          new long[] {c.startIndex(), c.rows(), Math.min(c.rows(), settings.maxTrainingRows())});
    }
    UDF2<Long, Long, Long> rank =
        (group, row) -> {
          long[] c = group == null ? null : byGroup.get(group);
          return c == null ? -1L : DomainClassifierMath.sampledRank(row - c[0], c[1], c[2]);
        };
    return pooled(
        rows,
        source,
        udf(rank, DataTypes.LongType)
            .apply(col(Scanner.CHUNK).cast(DataTypes.LongType), col(Scanner.ROW)));
  }

  // ---------------------------------------------------------------- missing values

  /**
   * Continuous columns with a missing value anywhere in the samples get a 0/1 missing indicator,
   * and their missing cells the reference sample's mean (MLlib trees take no nulls; the indicator
   * lets a tree split the missing rows off, as LightGBM's missing-value direction does).
   * Categorical nulls are their own category.
   */
  record Imputation(double[] means, boolean[] missing) {}

  private Imputation imputation(Dataset<Row> pool) {
    if (continuous.isEmpty()) {
      return new Imputation(new double[0], new boolean[0]);
    }
    List<Column> aggs = new ArrayList<>();
    for (int i = 0; i < continuous.size(); i++) {
      aggs.add(avg(when(col(SOURCE).equalTo(REFERENCE_SAMPLE), col(num(i)))));
      aggs.add(max(when(col(num(i)).isNull(), 1).otherwise(0)));
    }
    Row r = pool.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
    double[] means = new double[continuous.size()];
    boolean[] missing = new boolean[continuous.size()];
    for (int i = 0; i < continuous.size(); i++) {
      means[i] = r.isNullAt(2 * i) ? 0.0 : r.getDouble(2 * i);
      missing[i] = !r.isNullAt(2 * i + 1) && r.getInt(2 * i + 1) == 1;
    }
    return new Imputation(means, missing);
  }

  // ---------------------------------------------------------------- training sets

  /**
   * Which pool rows train a chunk's classifier, their label and rank within their class, and the
   * class sizes.
   */
  record TrainingSet(Column rows, Column label, Column rank, long negatives, long positives) {}

  /** An analysis chunk: the reference sample (0) and the chunk's sample (1). */
  TrainingSet analysisChunkSet(ChunkInfo c, Sample ref) {
    Column positive =
        col(SOURCE).equalTo(ANALYSIS_CHUNK).and(col(Scanner.CHUNK).equalTo(c.group()));
    Column negative = col(SOURCE).equalTo(REFERENCE_SAMPLE);
    return new TrainingSet(
        positive.or(negative),
        when(positive, 1.0).otherwise(0.0),
        col(RANK),
        ref.kept(),
        Math.min(c.rows(), settings.maxTrainingRows()));
  }

  /**
   * A reference chunk: its own sample (1) and the reference sample's rows outside it (0), re-ranked
   * past the gap the chunk leaves.
   */
  TrainingSet referenceChunkSet(ChunkInfo c, Sample ref) {
    long inChunk = ref.before(c.endIndex() + 1) - ref.before(c.startIndex());
    Column positive =
        col(SOURCE).equalTo(REFERENCE_CHUNK).and(col(Scanner.CHUNK).equalTo(c.group()));
    Column row = col(Scanner.ROW);
    Column negative =
        col(SOURCE).equalTo(REFERENCE_SAMPLE).and(row.lt(c.startIndex()).or(row.gt(c.endIndex())));
    Column rank =
        when(negative.and(row.gt(c.endIndex())), col(RANK).minus(inChunk)).otherwise(col(RANK));
    return new TrainingSet(
        positive.or(negative),
        when(positive, 1.0).otherwise(0.0),
        rank,
        ref.kept() - inChunk,
        Math.min(c.rows(), settings.maxTrainingRows()));
  }

  /** The fold of a row from its label and rank: scikit-learn's unshuffled stratified folds. */
  private static Column foldOf(long[][] starts) {
    return when(col(LABEL).equalTo(1.0), foldOf(starts[1])).otherwise(foldOf(starts[0]));
  }

  private static Column foldOf(long[] starts) {
    int k = starts.length - 1;
    Column f = lit(k - 1);
    for (int i = k - 2; i >= 0; i--) {
      f = when(col(RANK).lt(starts[i + 1]), i).otherwise(f);
    }
    return f;
  }

  /**
   * The training set of one chunk, hash-partitioned on (label, rank) and sorted by them, so its row
   * order (which MLlib's split-candidate sampling sees) does not depend on how Spark split the
   * input. Columns: the model's inputs, label, rank, fold.
   */
  Dataset<Row> trainingRows(Dataset<Row> pool, TrainingSet t) {
    long[][] starts =
        DomainClassifierMath.foldStarts(t.negatives(), t.positives(), settings.cvFoldsNum());
    List<Column> cols = new ArrayList<>();
    for (int i = 0; i < categorical.size(); i++) {
      cols.add(col(cat(i)));
    }
    for (int i = 0; i < continuous.size(); i++) {
      cols.add(col(num(i)));
    }
    cols.add(t.label().as(LABEL));
    cols.add(t.rank().as(RANK));
    int partitions =
        (int)
            Math.max(
                1, (t.negatives() + t.positives() + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION);
    return pool.where(t.rows())
        .select(cols.toArray(Column[]::new))
        .withColumn(FOLD, foldOf(starts))
        .repartition(partitions, col(LABEL), col(RANK))
        .sortWithinPartitions(LABEL, RANK);
  }

  // ---------------------------------------------------------------- one chunk

  private double chunkValue(
      Dataset<Row> pool,
      TrainingSet t,
      Imputation imputation,
      ExecutorService workers,
      ChunkInfo c,
      String period,
      int number,
      int total) {
    long start = System.nanoTime();
    double value;
    if (t.negatives() == 0 || t.positives() == 0) {
      value = 0.5; // one class only: NannyML's value when the classes cannot be told apart
    } else {
      Dataset<Row> rows = trainingRows(pool, t).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        value =
            crossValidatedAuroc(model(rows, imputation), t, workers, period + " chunk " + c.key());
      } finally {
        rows.unpersist();
      }
    }
    LOG.info(
        "domain classifier: chunk {}/{} ({} {}) AUROC {} from {} reference + {} chunk rows in {} s",
        number,
        total,
        period,
        c.key(),
        String.format("%.4f", value),
        t.negatives(),
        t.positives(),
        String.format("%.1f", (System.nanoTime() - start) / 1e9));
    return value;
  }

  /**
   * The model's input: categorical columns as ordinal codes fitted on this training set (NannyML's
   * OrdinalEncoder per chunk; alphabetical order; nulls the extra code), then continuous columns
   * imputed, then the missing indicators. A categorical column with more categories than {@code
   * max_bins - 1} enters as plain codes (a continuous feature) because MLlib needs a bin per
   * category.
   */
  private Dataset<Row> model(Dataset<Row> rows, Imputation imputation) {
    Dataset<Row> encoded = rows;
    List<String> inputs = new ArrayList<>();
    if (!categorical.isEmpty()) {
      String[] in = new String[categorical.size()];
      String[] out = new String[categorical.size()];
      for (int i = 0; i < in.length; i++) {
        in[i] = cat(i);
        out[i] = cat(i) + "_code";
      }
      StringIndexerModel indexer =
          new StringIndexer()
              .setInputCols(in)
              .setOutputCols(out)
              .setHandleInvalid("keep")
              .setStringOrderType("alphabetAsc")
              .fit(rows);
      encoded = indexer.transform(rows);
      String[][] labels = indexer.labelsArray();
      for (int i = 0; i < out.length; i++) {
        if (labels[i].length + 1 > settings.maxBins()) {
          LOG.info(
              "domain classifier: column '{}' has {} categories, more than max_bins {} allows; it enters the model"
                  + " as ordinal codes",
              categorical.get(i),
              labels[i].length,
              settings.maxBins());
          encoded = encoded.withColumn(out[i], col(out[i]).as(out[i], Metadata.empty()));
        }
        inputs.add(out[i]);
      }
    }
    for (int i = 0; i < continuous.size(); i++) {
      if (imputation.missing()[i]) {
        encoded =
            encoded
                .withColumn(num(i) + "_missing", when(col(num(i)).isNull(), 1.0).otherwise(0.0))
                .withColumn(num(i), coalesce(col(num(i)), lit(imputation.means()[i])));
      }
      inputs.add(num(i));
    }
    for (int i = 0; i < continuous.size(); i++) {
      if (imputation.missing()[i]) {
        inputs.add(num(i) + "_missing");
      }
    }
    return new VectorAssembler()
        .setInputCols(inputs.toArray(String[]::new))
        .setOutputCol(FEATURES)
        .setHandleInvalid("keep")
        .transform(encoded)
        .select(FEATURES, LABEL, FOLD);
  }

  private GBTClassifier classifier() {
    return new GBTClassifier()
        .setLabelCol(LABEL)
        .setFeaturesCol(FEATURES)
        .setMaxIter(settings.nEstimators())
        .setStepSize(settings.learningRate())
        .setMaxDepth(settings.maxDepth())
        .setMinInstancesPerNode(settings.minChildSamples())
        .setMaxBins(settings.maxBins())
        .setSeed(settings.randomState())
        .setSubsamplingRate(1.0)
        .setFeatureSubsetStrategy("all");
  }

  /**
   * One model per fold, trained concurrently on the other folds; the pooled out-of-fold scores'
   * AUROC.
   */
  private double crossValidatedAuroc(
      Dataset<Row> data, TrainingSet t, ExecutorService workers, String what) {
    int k = settings.cvFoldsNum();
    long[][] starts = DomainClassifierMath.foldStarts(t.negatives(), t.positives(), k);
    var sc = data.sparkSession().sparkContext();
    List<Future<List<Row>>> folds = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      int fold = f;
      long held = starts[0][f + 1] - starts[0][f] + starts[1][f + 1] - starts[1][f];
      if (held == 0) {
        continue; // fewer rows than folds: nothing to score in this one
      }
      folds.add(
          workers.submit(
              () -> {
                sc.setJobDescription(
                    "domain classifier: " + what + ", fold " + (fold + 1) + "/" + k);
                GBTClassificationModel model =
                    classifier().fit(data.filter(col(FOLD).notEqual(fold)));
                return model
                    .transform(data.filter(col(FOLD).equalTo(fold)))
                    .select(LABEL, "probability")
                    .collectAsList();
              }));
    }
    List<Row> scored = new ArrayList<>();
    for (Future<List<Row>> f : folds) {
      try {
        scored.addAll(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while training the domain classifier", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException re
            ? re
            : new IllegalStateException(e.getCause());
      }
    }
    double[] scores = new double[scored.size()];
    boolean[] positive = new boolean[scored.size()];
    for (int i = 0; i < scores.length; i++) {
      positive[i] = scored.get(i).getDouble(0) == 1.0;
      scores[i] = scored.get(i).<Vector>getAs(1).apply(1);
    }
    return DomainClassifierMath.auroc(scores, positive);
  }
}
