package dev.vigil.pipeline;

import static dev.vigil.io.ColumnNames.column;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.calculators.Calculators;
import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.ChunkStates;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.RowCalculator;
import dev.vigil.chunking.Chunker;
import dev.vigil.config.MonitorConfig;
import dev.vigil.io.JobErrors;
import dev.vigil.io.UnparsedValues;
import dev.vigil.ml.SparkLearner;
import dev.vigil.profile.ReferenceFit;
import dev.vigil.scan.Scanner;
import dev.vigil.stats.StateSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The analysis side: chunk, join the delayed targets, add the calculators' derived columns and the
 * fitted row models' columns, then one scan of every fitted calculator's analysis specs.
 */
final class AnalysisStage {
    private final MonitorConfig config;
    private final ReferenceFit fit;
    private final CalculatorType.Built calculators;
    private final Chunker chunker;
    private final Scanner scanner;

    /** The analysis rows chunked, their scanned chunks, and the timestamps that did not parse. */
    record Scanned(Dataset<Row> chunked, List<ChunkInfo> chunks, ChunkTable table, UnparsedValues.Count unparsed) {
        long rows() {
            return chunks.stream().mapToLong(ChunkInfo::rows).sum();
        }
    }

    AnalysisStage(MonitorConfig config, ReferenceFit fit) {
        this.config = config;
        this.fit = fit;
        this.calculators = Calculators.build(config, fit.columns());
        String ts = config.columns().timestamp();
        this.chunker = new Chunker(config.chunking(), ts);
        this.scanner = new Scanner(
                ts,
                config.columns().segmentation(),
                fit.segmentValues(),
                config.columns().limits());
    }

    Chunker chunker() {
        return chunker;
    }

    /** The row calculators (the domain classifier), which work on the chunked rows after the scan. */
    List<RowCalculator> rowCalculators() {
        return calculators.rows();
    }

    /** The whole analysis: chunked, scanned once, its chunks described. */
    Scanned scan(Dataset<Row> analysis, Dataset<Row> targets) {
        Dataset<Row> chunked = chunked(analysis);
        List<StateSpec> specs = new ArrayList<>();
        fit.fitted().forEach(f -> specs.addAll(f.analysisSpecs()));
        specs.addAll(UnparsedValues.specs(chunked, config.columns().timestamp()));
        specs.addAll(new MissingModelValues(config).specs());
        List<ChunkStates> groups = scan(chunked, targets, specs, "analysis");
        UnparsedValues.Count unparsed = UnparsedValues.count(config.columns().timestamp(), groups);
        UnparsedValues.check(config, "analysis", unparsed);
        List<ChunkInfo> chunks = Passes.describe(chunker, groups, "analysis");
        return new Scanned(chunked, chunks, ChunkTable.of(chunks, groups), unparsed);
    }

    /** One scan of chunked rows (with the targets joined, derived and model columns added). */
    List<ChunkStates> scan(Dataset<Row> chunked, Dataset<Row> targets, List<StateSpec> specs, String what) {
        Dataset<Row> rows = SparkLearner.withModelColumns(
                fit.fitted(), Passes.derive(calculators.scans(), withTargets(config, chunked, targets)));
        return scanner.scan(rows, specs, what);
    }

    /** Rows of {@code source}, chunked. */
    Dataset<Row> chunked(Dataset<Row> source) {
        return chunker.assign(source, "analysis");
    }

    /**
     * Joins delayed targets on the id, after chunking, so the join cannot change row positions.
     * Without targets the target column is all null: realized metrics are then null, not an error.
     */
    static Dataset<Row> withTargets(MonitorConfig config, Dataset<Row> analysis, Dataset<Row> targets) {
        String target = config.columns().target();
        if (target == null || List.of(analysis.columns()).contains(target)) {
            return analysis;
        }
        if (targets == null) {
            return analysis.withColumn(target, lit(null).cast(DataTypes.DoubleType));
        }
        String id = config.targets().joinOn();
        // one row per id, so the join cannot duplicate analysis rows; an id with several rows fails the
        // run when the scan reads the target (exit 2, quoting the id) — the aggregation shares the
        // join's shuffle of the targets
        Dataset<Row> t = targets.groupBy(column(id).as("_target_id"))
                .agg(first(column(target)).as(target), count(lit(1)).as("_target_rows"));
        Column checked = when(
                        col("_target_rows").gt(1),
                        JobErrors.failInJob(concat(
                                lit(
                                        "configuration key 'targets.join_on': the targets table has more than one row for id '"),
                                col("_target_id").cast("string"),
                                lit("' (column '" + id + "'); expected one target per id"))))
                .otherwise(column(target));
        return analysis.join(t, column(analysis, id).equalTo(t.col("_target_id")), "left")
                .withColumn(target, checked)
                .drop("_target_id", "_target_rows");
    }
}
