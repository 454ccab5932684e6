package dev.vigil.calculators;

import dev.vigil.multivariate.MultivariateDriftConfig.DomainClassifierConfig;
import dev.vigil.performance.DleHyperparameters;
import java.util.List;
import java.util.Map;

/**
 * What a calculator may ask the Spark side to learn from rows rather than from scan states: the one
 * door from the calculator layer to spark-mllib ({@code dev.vigil.ml} implements it). A calculator
 * only describes what to train; it never sees a row or a Spark type.
 */
public interface Learner {
    /**
     * One gradient-boosted regressor per label, trained on the reference rows whose {@code required}
     * columns are all present; the returned model adds each regressor's prediction as a column named
     * by the label map's key (DLE's loss models).
     */
    RowModel regressors(RegressorRequest request);

    /**
     * Per chunk of the reference and of the analysis, the cross-validated AUROC of a classifier that
     * tells the chunk's rows from the reference's (NannyML's domain classifier).
     */
    ChunkScores domainClassifier(DomainClassifierRequest request);

    /**
     * @param numeric numeric input columns (null and NaN are missing)
     * @param categorical categorical input columns
     * @param labels output column → the column holding the value to learn
     * @param required columns a training row must have (non-null)
     */
    record RegressorRequest(
            List<String> numeric,
            List<String> categorical,
            Map<String, String> labels,
            List<String> required,
            DleHyperparameters hyperparameters) {}

    /**
     * @param reference the reference's chunk table (its chunks, and each segment's rows per chunk)
     * @param analysis the analysis's
     * @param segments the segments to compute, null = the whole population
     */
    record DomainClassifierRequest(
            List<String> continuous,
            List<String> categorical,
            DomainClassifierConfig settings,
            ChunkTable reference,
            ChunkTable analysis,
            List<String> segments) {}

    /**
     * One segment's values per chunk, by chunk index, of each dataset; NaN where the segment has no
     * rows in the chunk, or none in the reference.
     */
    record SegmentScores(String segment, double[] reference, double[] analysis) {}

    /** Each requested segment's values, in the request's order. */
    record ChunkScores(List<SegmentScores> segments) {}

    /** A learner for a fit that needs none (every state-based calculator). */
    Learner NONE = new Learner() {
        @Override
        public RowModel regressors(RegressorRequest request) {
            throw new IllegalStateException("no rows to learn from in this stage");
        }

        @Override
        public ChunkScores domainClassifier(DomainClassifierRequest request) {
            throw new IllegalStateException("no rows to learn from in this stage");
        }
    };
}
