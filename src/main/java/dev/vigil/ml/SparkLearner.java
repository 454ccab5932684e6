package dev.vigil.ml;

import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Learner;
import dev.vigil.calculators.RowModel;
import dev.vigil.config.Segmentation;
import dev.vigil.io.ColumnNames;
import dev.vigil.scan.SegmentValues;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@link Learner} on spark-mllib: the only place the calculators reach Spark's models. A fit
 * stage's learner holds the reference rows (DLE's regressors train on them); the row-calculator
 * stage's holds both chunked datasets (the domain classifier trains per segment and chunk, in one job).
 */
public final class SparkLearner implements Learner {
    private final Dataset<Row> referenceRows;
    private final Supplier<Chunked> reference;
    private final Supplier<Chunked> analysis;
    private final Segmentation segmentation;
    private final SegmentValues segmentValues;

    private SparkLearner(
            Dataset<Row> referenceRows,
            Supplier<Chunked> reference,
            Supplier<Chunked> analysis,
            Segmentation segmentation,
            SegmentValues segmentValues) {
        this.referenceRows = referenceRows;
        this.reference = reference;
        this.analysis = analysis;
        this.segmentation = segmentation;
        this.segmentValues = segmentValues;
    }

    /** For fitting on the reference: {@code rows} chunked, with the calculators' derived columns. */
    public static SparkLearner onReference(Dataset<Row> rows) {
        return new SparkLearner(rows, null, null, null, null);
    }

    /**
     * For the row calculators: both datasets chunked, with row positions (made when first asked), and
     * how the scans grouped their rows into segments (the same names, the same capped values).
     */
    public static SparkLearner onChunks(
            Supplier<Chunked> reference,
            Supplier<Chunked> analysis,
            Segmentation segmentation,
            SegmentValues segmentValues) {
        return new SparkLearner(null, reference, analysis, segmentation, segmentValues);
    }

    @Override
    public RowModel regressors(RegressorRequest request) {
        if (referenceRows == null) {
            throw new IllegalStateException("regressors train on the reference rows, in the fit stage");
        }
        Column training = null;
        for (String c : request.required()) {
            Column present = ColumnNames.column(c).isNotNull();
            training = training == null ? present : training.and(present);
        }
        return LossModels.fit(
                referenceRows,
                training,
                request.numeric(),
                request.categorical(),
                request.labels(),
                request.hyperparameters());
    }

    @Override
    public ChunkScores domainClassifier(DomainClassifierRequest request) {
        if (reference == null) {
            throw new IllegalStateException("the domain classifier trains on chunked rows, after the scans");
        }
        return new DomainClassifierTraining(request, segmentation, segmentValues)
                .scores(reference.get(), analysis.get(), request.reference(), request.analysis(), request.segments());
    }

    /**
     * Adds the columns of every fitted calculator's row models (narrow projections: no Spark job), so
     * the scan reads their states.
     */
    public static Dataset<Row> withModelColumns(List<FittedCalculator> fitted, Dataset<Row> df) {
        for (FittedCalculator f : fitted) {
            for (RowModel m : f.rowModels()) {
                df = ((LossModels) m).transform(df);
            }
        }
        return df;
    }
}
