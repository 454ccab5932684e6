package dev.vigil.pipeline;

import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.RowCalculator;
import dev.vigil.chunking.Chunker;
import dev.vigil.config.Segmentation;
import dev.vigil.ml.Chunked;
import dev.vigil.ml.SparkLearner;
import dev.vigil.scan.SegmentValues;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The row calculators (the domain classifier) after the scans: they train on the chunked rows of
 * both datasets, with row positions, made only when one asks ({@link SparkLearner#onChunks}); for
 * the whole population and every segment, with the scans' segment names and capped values.
 */
record RowCalculatorStage(Chunker chunker, Segmentation segmentation, SegmentValues segmentValues) {

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
            RowCalculator.Results r = f.calculate(
                    reference,
                    analysis.table(),
                    SparkLearner.onChunks(
                            () -> new Chunked(
                                    chunker.withRowPositions(
                                            chunker.assign(referenceRows.get(), "reference"), "reference"),
                                    reference.chunks()),
                            () -> new Chunked(
                                    chunker.withRowPositions(analysis.chunked(), "analysis"), analysis.chunks()),
                            segmentation,
                            segmentValues));
            out.add("reference", reference, r.reference(), referenceComplete, null);
            out.add("analysis", analysis.table(), r.analysis(), analysisComplete, null);
        }
    }
}
