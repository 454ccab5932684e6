package dev.vigil.pipeline;

import dev.vigil.calculators.Calculator;
import dev.vigil.calculators.Calculators;
import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.ChunkStates;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.chunking.Chunker;
import dev.vigil.config.MonitorConfig;
import dev.vigil.config.ResolvedColumns;
import dev.vigil.config.Segmentation;
import dev.vigil.io.UnparsedValues;
import dev.vigil.ml.SparkLearner;
import dev.vigil.profile.ReferenceFit;
import dev.vigil.scan.Scanner;
import dev.vigil.scan.SegmentValues;
import dev.vigil.stats.StateSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The reference side: chunk, scan (pass 1: every calculator's reference specs), refinement passes
 * while a calculator asks for states parameterised by the earlier passes (at most {@link
 * #MAX_REFINEMENT_PASSES}), fit every calculator ({@link SparkLearner#onReference} for those that
 * train on rows), then one pass over the fitted row models' columns when a calculator asks (DLE).
 * Before pass 1, when segments are configured, one aggregation learns each segment entry's most
 * frequent values ({@link SegmentValues#top}); every pass maps values with it.
 */
final class ReferenceStage {
    /**
     * Reference passes after the first (multivariate drift needs two: co-moments, then the chunks'
     * errors).
     */
    static final int MAX_REFINEMENT_PASSES = 2;

    private final MonitorConfig config;
    private final Chunker chunker;

    ReferenceStage(MonitorConfig config) {
        this.config = config;
        this.chunker = new Chunker(config.chunking(), config.columns().timestamp());
    }

    /** Everything the calculators learn from the reference rows. */
    ReferenceFit fit(ResolvedColumns columns, Dataset<Row> referenceRows) {
        List<Calculator> calculators = Calculators.build(config, columns).scans();
        Dataset<Row> reference = Passes.derive(calculators, chunker.assign(referenceRows, "reference"));
        Segmentation segmentation = config.columns().segmentation();
        Scanner.sliceColumns(reference, segmentation);
        SegmentValues values = SegmentValues.top(reference, segmentation);
        Scanner scanner = new Scanner(
                config.columns().timestamp(),
                segmentation,
                values,
                config.columns().limits());
        List<StateSpec> first = new ArrayList<>();
        calculators.forEach(c -> first.addAll(c.referenceSpecs()));
        first.addAll(UnparsedValues.specs(reference, config.columns().timestamp()));
        first.addAll(new MissingModelValues(config).specs());
        List<ChunkStates> groups = scanner.scan(reference, first, "reference");
        UnparsedValues.Count unparsed = UnparsedValues.count(config.columns().timestamp(), groups);
        UnparsedValues.check(config, "reference", unparsed);
        List<ChunkInfo> chunks = Passes.describe(chunker, groups, "reference");
        ChunkTable table = refine(scanner, calculators, reference, ChunkTable.of(chunks, groups));
        List<FittedCalculator> fitted = new ArrayList<>();
        SparkLearner learner = SparkLearner.onReference(reference);
        for (Calculator c : calculators) {
            fitted.add(c.fit(table, learner));
        }
        List<StateSpec> afterFit = Passes.missing(
                table,
                fitted.stream().map(FittedCalculator::fittedReferenceSpecs).toList());
        if (!afterFit.isEmpty()) {
            table = table.with(scanner.scan(
                    SparkLearner.withModelColumns(fitted, reference), afterFit, "reference (fitted columns)"));
        }
        return new ReferenceFit(
                UnparsedValues.visible(referenceRows.schema()), columns, List.copyOf(fitted), table, unparsed, values);
    }

    /** Refinement passes: each asks for states parameterised by the earlier ones, until none does. */
    private static ChunkTable refine(
            Scanner scanner, List<Calculator> calculators, Dataset<Row> reference, ChunkTable table) {
        for (int round = 1; ; round++) {
            ChunkTable sofar = table;
            List<StateSpec> refine = Passes.missing(
                    table,
                    calculators.stream().map(c -> c.refinementSpecs(sofar)).toList());
            if (refine.isEmpty()) {
                return table;
            }
            if (round > MAX_REFINEMENT_PASSES) {
                throw new IllegalStateException(
                        "calculators asked for more than " + MAX_REFINEMENT_PASSES + " refinement passes: " + refine);
            }
            table = table.with(scanner.scan(reference, refine, "reference (refinement pass " + round + ")"));
        }
    }
}
