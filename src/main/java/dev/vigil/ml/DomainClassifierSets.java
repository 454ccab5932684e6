package dev.vigil.ml;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.Learner.DomainClassifierRequest;
import dev.vigil.io.ColumnNames;
import dev.vigil.multivariate.DomainClassifierMath;
import dev.vigil.multivariate.MultivariateDriftConfig.DomainClassifierConfig;
import dev.vigil.scan.Scanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/**
 * The domain classifier's training rows ({@link DomainClassifierTraining}): one pool of every row
 * any chunk's classifier trains on — the reference sample and each chunk's sample, systematic
 * samples of at most {@code max_training_rows} rows — and, per chunk, which pool rows train it,
 * their labels, their ranks within their class and the folds those ranks fall in (scikit-learn's
 * unshuffled {@code StratifiedKFold}), with the missing values' imputation.
 */
final class DomainClassifierSets {
    /** A training set is hash-partitioned on (label, rank) into one partition per this many rows. */
    static final long ROWS_PER_PARTITION = 50_000;

    private static final String SOURCE = "_dc_source";
    static final String RANK = "_dc_rank";
    static final String LABEL = "_dc_label";
    static final String FOLD = "_dc_fold";

    /**
     * Pool rows: the reference sample, the reference chunks' samples, the analysis chunks' samples.
     */
    private static final int REFERENCE_SAMPLE = 0;

    private static final int REFERENCE_CHUNK = 1;
    private static final int ANALYSIS_CHUNK = 2;

    private final List<String> continuous;
    private final List<String> categorical;
    private final DomainClassifierConfig settings;

    DomainClassifierSets(DomainClassifierRequest request) {
        this.continuous = List.copyOf(request.continuous());
        this.categorical = List.copyOf(request.categorical());
        this.settings = request.settings();
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
            out.add(ColumnNames.column(categorical.get(i))
                    .cast(DataTypes.StringType)
                    .as(cat(i)));
        }
        for (int i = 0; i < continuous.size(); i++) {
            // NaN and infinities are missing, like nulls (MLlib trees cannot split on them)
            Column x = ColumnNames.column(continuous.get(i)).cast(DataTypes.DoubleType);
            out.add(when(
                            x.isNaN().or(abs(x).equalTo(lit(Double.POSITIVE_INFINITY))),
                            lit(null).cast(DataTypes.DoubleType))
                    .otherwise(x)
                    .as(num(i)));
        }
        return out;
    }

    static String cat(int i) {
        return "_dc_cat_" + i;
    }

    static String num(int i) {
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
                    c.group(), new long[] {c.startIndex(), c.rows(), Math.min(c.rows(), settings.maxTrainingRows())});
        }
        UDF2<Long, Long, Long> rank = (group, row) -> {
            long[] c = group == null ? null : byGroup.get(group);
            return c == null ? -1L : DomainClassifierMath.sampledRank(row - c[0], c[1], c[2]);
        };
        return pooled(
                rows,
                source,
                udf(rank, DataTypes.LongType).apply(col(Scanner.CHUNK).cast(DataTypes.LongType), col(Scanner.ROW)));
    }

    // ---------------------------------------------------------------- missing values

    /**
     * Continuous columns with a missing value anywhere in the samples get a 0/1 missing indicator,
     * and their missing cells the reference sample's mean (MLlib trees take no nulls; the indicator
     * lets a tree split the missing rows off, as LightGBM's missing-value direction does).
     * Categorical nulls are their own category.
     */
    record Imputation(double[] means, boolean[] missing) {}

    Imputation imputation(Dataset<Row> pool) {
        if (continuous.isEmpty()) {
            return new Imputation(new double[0], new boolean[0]);
        }
        List<Column> aggs = new ArrayList<>();
        for (int i = 0; i < continuous.size(); i++) {
            aggs.add(avg(when(col(SOURCE).equalTo(REFERENCE_SAMPLE), ColumnNames.column(num(i)))));
            aggs.add(max(when(ColumnNames.column(num(i)).isNull(), 1).otherwise(0)));
        }
        Row r = pool.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
                .first();
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
        Column rank = when(negative.and(row.gt(c.endIndex())), col(RANK).minus(inChunk))
                .otherwise(col(RANK));
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
        long[][] starts = DomainClassifierMath.foldStarts(t.negatives(), t.positives(), settings.cvFoldsNum());
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < categorical.size(); i++) {
            cols.add(ColumnNames.column(cat(i)));
        }
        for (int i = 0; i < continuous.size(); i++) {
            cols.add(ColumnNames.column(num(i)));
        }
        cols.add(t.label().as(LABEL));
        cols.add(t.rank().as(RANK));
        int partitions =
                (int) Math.max(1, (t.negatives() + t.positives() + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION);
        return pool.where(t.rows())
                .select(cols.toArray(Column[]::new))
                .withColumn(FOLD, foldOf(starts))
                .repartition(partitions, col(LABEL), col(RANK))
                .sortWithinPartitions(LABEL, RANK);
    }
}
