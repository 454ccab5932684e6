package dev.vigil.pipeline;

import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.RowCalculator;
import dev.vigil.chunking.Chunker;
import dev.vigil.ml.Chunked;
import dev.vigil.ml.SparkLearner;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The row calculators (the domain classifier) after the scans: they train on the chunked rows of
 * both datasets, with row positions, made only when one asks ({@link SparkLearner#onChunks}); for
 * the whole population only.
 */
record RowCalculatorStage(Chunker chunker, boolean segmented) {
    private static final Logger LOG = LoggerFactory.getLogger(RowCalculatorStage.class);

    /** Adds each row calculator's reference and analysis rows. */
    void calculate(
            List<RowCalculator> calculators,
            ChunkTable reference,
            Supplier<Dataset<Row>> referenceRows,
            Predicate<ChunkInfo> referenceComplete,
            AnalysisStage.Scanned analysis,
            Predicate<ChunkInfo> analysisComplete,
            ResultRows out) {
        for (RowCalculator f : calculators) {
            // the whole population only: a model per chunk and segment would multiply this calculator's
            // cost
            if (segmented) {
                LOG.info("{}: computed for the whole population only, not per segment", f.name());
            }
            RowCalculator.Results r = f.calculate(
                    reference,
                    analysis.table(),
                    SparkLearner.onChunks(
                            () -> new Chunked(
                                    chunker.withRowPositions(
                                            chunker.assign(referenceRows.get(), "reference"), "reference"),
                                    reference.chunks()),
                            () -> new Chunked(
                                    chunker.withRowPositions(analysis.chunked(), "analysis"), analysis.chunks())));
            out.add("reference", reference, r.reference(), referenceComplete, null);
            out.add("analysis", analysis.table(), r.analysis(), analysisComplete, null);
        }
    }
}
