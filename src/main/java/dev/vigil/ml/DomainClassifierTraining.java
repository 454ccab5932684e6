package dev.vigil.ml;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.Learner.ChunkScores;
import dev.vigil.calculators.Learner.DomainClassifierRequest;
import dev.vigil.io.ColumnNames;
import dev.vigil.multivariate.DomainClassifierMath;
import dev.vigil.multivariate.MultivariateDriftConfig.DomainClassifierConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
    private static final Logger LOG = LoggerFactory.getLogger(DomainClassifierTraining.class);

    private static final String FEATURES = "_dc_features";
    private static final String LABEL = DomainClassifierSets.LABEL;
    private static final String FOLD = DomainClassifierSets.FOLD;

    private final List<String> continuous;
    private final List<String> categorical;
    private final DomainClassifierConfig settings;
    private final DomainClassifierSets sets;

    DomainClassifierTraining(DomainClassifierRequest request) {
        this.continuous = List.copyOf(request.continuous());
        this.categorical = List.copyOf(request.categorical());
        this.settings = request.settings();
        this.sets = new DomainClassifierSets(request);
    }

    /** Every reference and analysis chunk's cross-validated AUROC. */
    ChunkScores scores(Chunked reference, Chunked analysis) {
        long referenceRows = reference.rows().count();
        DomainClassifierSets.Sample ref =
                new DomainClassifierSets.Sample(referenceRows, Math.min(referenceRows, settings.maxTrainingRows()));
        if (ref.kept() < referenceRows) {
            LOG.info(
                    "domain classifier: the reference is sampled to {} of its {} rows (max_training_rows)",
                    ref.kept(),
                    referenceRows);
        }
        Dataset<Row> pool = sets.pool(reference, analysis, ref).persist(StorageLevel.MEMORY_AND_DISK());
        ExecutorService workers = Workers.pool(settings.cvFoldsNum(), "vigil-domain-classifier");
        try {
            DomainClassifierSets.Imputation imputation = sets.imputation(pool);
            int total = reference.chunks().size() + analysis.chunks().size();
            double[] refValues = chunkValues(
                    pool,
                    reference.chunks(),
                    c -> sets.referenceChunkSet(c, ref),
                    imputation,
                    workers,
                    "reference",
                    0,
                    total);
            double[] anaValues = chunkValues(
                    pool,
                    analysis.chunks(),
                    c -> sets.analysisChunkSet(c, ref),
                    imputation,
                    workers,
                    "analysis",
                    reference.chunks().size(),
                    total);
            return new ChunkScores(refValues, anaValues);
        } finally {
            workers.shutdownNow();
            pool.unpersist();
        }
    }

    // ---------------------------------------------------------------- one chunk

    /** Each chunk's value, by chunk index; {@code before}: chunks counted before these (for logs). */
    private double[] chunkValues(
            Dataset<Row> pool,
            List<ChunkInfo> chunks,
            Function<ChunkInfo, DomainClassifierSets.TrainingSet> set,
            DomainClassifierSets.Imputation imputation,
            ExecutorService workers,
            String period,
            int before,
            int total) {
        double[] values = new double[chunks.size()];
        for (ChunkInfo c : chunks) {
            values[c.index()] =
                    chunkValue(pool, set.apply(c), imputation, workers, c, period, before + c.index() + 1, total);
        }
        return values;
    }

    private double chunkValue(
            Dataset<Row> pool,
            DomainClassifierSets.TrainingSet t,
            DomainClassifierSets.Imputation imputation,
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
            Dataset<Row> rows = sets.trainingRows(pool, t).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                value = crossValidatedAuroc(model(rows, imputation), t, workers, period + " chunk " + c.key());
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
    private Dataset<Row> model(Dataset<Row> rows, DomainClassifierSets.Imputation imputation) {
        Dataset<Row> encoded = rows;
        List<String> inputs = new ArrayList<>();
        if (!categorical.isEmpty()) {
            String[] in = new String[categorical.size()];
            String[] out = new String[categorical.size()];
            for (int i = 0; i < in.length; i++) {
                in[i] = DomainClassifierSets.cat(i);
                out[i] = DomainClassifierSets.cat(i) + "_code";
            }
            StringIndexerModel indexer = new StringIndexer()
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
                    encoded = encoded.withColumn(
                            out[i], ColumnNames.column(out[i]).as(out[i], Metadata.empty()));
                }
                inputs.add(out[i]);
            }
        }
        for (int i = 0; i < continuous.size(); i++) {
            if (imputation.missing()[i]) {
                encoded = encoded.withColumn(
                                DomainClassifierSets.num(i) + "_missing",
                                when(
                                                ColumnNames.column(DomainClassifierSets.num(i))
                                                        .isNull(),
                                                1.0)
                                        .otherwise(0.0))
                        .withColumn(
                                DomainClassifierSets.num(i),
                                coalesce(
                                        ColumnNames.column(DomainClassifierSets.num(i)),
                                        lit(imputation.means()[i])));
            }
            inputs.add(DomainClassifierSets.num(i));
        }
        for (int i = 0; i < continuous.size(); i++) {
            if (imputation.missing()[i]) {
                inputs.add(DomainClassifierSets.num(i) + "_missing");
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
            Dataset<Row> data, DomainClassifierSets.TrainingSet t, ExecutorService workers, String what) {
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
            folds.add(workers.submit(() -> {
                sc.setJobDescription("domain classifier: " + what + ", fold " + (fold + 1) + "/" + k);
                GBTClassificationModel model =
                        classifier().fit(data.filter(col(FOLD).notEqual(fold)));
                return model.transform(data.filter(col(FOLD).equalTo(fold)))
                        .select(LABEL, "probability")
                        .collectAsList();
            }));
        }
        List<Row> scored = new ArrayList<>();
        for (Future<List<Row>> f : folds) {
            scored.addAll(Workers.result(f, "training the domain classifier"));
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
