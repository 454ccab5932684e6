package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.cli.CliHarness.Result;
import dev.vigil.performance.PerformanceGap;
import dev.vigil.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, end to end through the real command line on real generated files: each case either
 * stops with exit code 2 and one line naming the key, column or file and what was expected (never a
 * stack trace), or runs and leaves a documented null (or documented treatment) with the reason in
 * the log and, where the input's values were left out, in {@code results.note}. docs/commands.md "Bad input" lists every case with the name of its test. This base
 * writes the inputs (once per test class, in its own temporary folder) and runs the CLI; the cases
 * are in {@link BadInputColumnsSparkTest}, {@link BadInputValuesSparkTest}, {@link
 * BadInputRowsSparkTest} and {@link BadInputConfigSparkTest}.
 */
abstract class BadInputTestBase extends SparkTestBase {
    static final long ROWS = 200;
    static final String UNSET_VAR = "VIGIL_TEST_SURELY_UNSET_51B0";

    @TempDir
    static Path tmp;

    static final AtomicInteger counter = new AtomicInteger();

    /**
     * The base columns: id, hourly timestamp, x (continuous), c (categorical), binary scores,
     * prediction, target.
     */
    static final String[] BASE = {
        "id",
        "timestamp_seconds(1704067200 + id * 3600) as timestamp",
        "cast(id as double) * 1.5 as x",
        "concat('k', cast(id % 3 as string)) as c",
        "cast(id % 10 as double) / 10.0 as y_pred_proba",
        "cast(id % 10 >= 5 as int) as y_pred",
        "cast((id * 7) % 10 >= 4 as int) as target"
    };

    static String ref;
    static String ana;

    @BeforeAll
    static void writeInputs() throws IOException {
        ref = parquet("reference", spark.range(ROWS).selectExpr(BASE));
        ana = parquet("analysis", spark.range(ROWS).selectExpr(BASE));
        Files.createDirectories(tmp.resolve("configs"));
        multiclassRef = null; // written in this class's folder when first asked for
        multiclassAna = null;
    }

    // ---------------------------------------------------------------- helpers

    static String parquet(String name, Dataset<Row> df) {
        String path = tmp.resolve("data").resolve(name + ".parquet").toString();
        df.coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
        return path;
    }

    /** The base columns with some replaced: {@code replace("x", "expr as x")}. */
    static Dataset<Row> base(long rows, String... replacements) {
        Map<String, String> cols = new LinkedHashMap<>();
        for (String b : BASE) {
            cols.put(b.contains(" as ") ? b.substring(b.lastIndexOf(" as ") + 4) : b, b);
        }
        for (String r : replacements) {
            String name = r.substring(r.lastIndexOf(" as ") + 4);
            cols.put(name, r);
        }
        return spark.range(rows).selectExpr(cols.values().toArray(String[]::new));
    }

    /** {@code rows} written as a CSV with a header, and {@link #valid()} reading it as the analysis. */
    static String withCsvAnalysis(String name, Dataset<Row> rows) {
        String csv = tmp.resolve("data").resolve(name + ".csv").toString();
        rows.coalesce(1)
                .write()
                .mode(SaveMode.Overwrite)
                .option("header", "true")
                .csv(csv);
        return withAnalysisCsvAt(csv);
    }

    /** {@link #valid()} reading the CSV at {@code csv} as the analysis. */
    static String withAnalysisCsvAt(String csv) {
        return edit(
                valid(),
                "analysis: {path: \"" + ana + "\", format: parquet}",
                "analysis: {path: \"" + csv + "\", format: csv}");
    }

    static String valid() {
        return yaml(ref, ana, "data_quality: {metrics: [mean, std, row_count, missing_values]}");
    }

    static String yaml(String reference, String analysis, String calculators) {
        return """
        monitor: bad_input
        problem_type: binary_classification
        reference: {path: "%s", format: parquet}
        analysis: {path: "%s", format: parquet}
        columns:
          timestamp: timestamp
          id: id
          features: [x, c]
          prediction: y_pred
          scores: y_pred_proba
          target: target
        chunking: {size: 50}
        calculators:
          %s
        """.formatted(reference, analysis, calculators);
    }

    static String edit(String yaml, String from, String to) {
        assertThat(yaml).as("test setup: text to replace").contains(from);
        return yaml.replace(from, to);
    }

    static Path configFile(String yaml) throws IOException {
        Path p = tmp.resolve("configs").resolve("monitor-" + counter.incrementAndGet() + ".yaml");
        Files.writeString(p, yaml);
        return p;
    }

    record Run(Result result, String output) {}

    static Run runIn(String yaml, String... extra) throws IOException {
        String output = tmp.resolve("out-" + counter.incrementAndGet()).toString();
        List<String> args =
                new ArrayList<>(List.of("run", "--config", configFile(yaml).toString(), "--output", output));
        args.addAll(Arrays.asList(extra));
        return new Run(CliHarness.vigil(args.toArray(String[]::new)), output);
    }

    static Result run(String yaml, String... extra) throws IOException {
        return runIn(yaml, extra).result();
    }

    static Result validate(String yaml) throws IOException {
        return CliHarness.vigil("validate", "--config", configFile(yaml).toString());
    }

    /** Result rows of one metric (and column, null = model level) for one period, in chunk order. */
    static List<Row> results(String output, String metric, String column, String period) {
        Dataset<Row> r = spark.read()
                .format("delta")
                .load(output + "/results")
                .where("metric = '" + metric + "' and period = '" + period + "' and segment is null")
                // performance_gap rows repeat the estimated metrics' names; the cases read the metrics
                .where("calculator <> '" + PerformanceGap.NAME + "'")
                .where(column == null ? "column_name is null" : "column_name = '" + column + "'");
        return r.orderBy("chunk_index").collectAsList();
    }

    static List<Double> values(String output, String metric, String column, String period) {
        return results(output, metric, column, period).stream()
                .map(r -> r.isNullAt(r.fieldIndex("value")) ? null : r.getDouble(r.fieldIndex("value")))
                .toList();
    }

    static String realized() {
        return "realized_performance: {metrics: [roc_auc, f1, accuracy]}";
    }

    // ---------------------------------------------------------------- multiclass

    static String multiclassRef;
    static String multiclassAna;

    static String[] multiclassColumns(String predictionExpr) {
        return new String[] {
            "id",
            "timestamp_seconds(1704067200 + id * 3600) as timestamp",
            "cast(id as double) as x",
            "0.2 + 0.6 * cast(id % 3 = 0 as double) as p_a",
            "0.2 + 0.6 * cast(id % 3 = 1 as double) as p_b",
            "0.2 + 0.6 * cast(id % 3 = 2 as double) as p_c",
            predictionExpr + " as y_pred",
            "element_at(array('a', 'b', 'c'), cast((id * 5) % 3 as int) + 1) as target"
        };
    }

    static String multiclass() {
        if (multiclassRef == null) {
            String pred = "element_at(array('a', 'b', 'c'), cast(id % 3 as int) + 1)";
            multiclassRef = parquet("multiclass_reference", spark.range(ROWS).selectExpr(multiclassColumns(pred)));
            multiclassAna = parquet("multiclass_analysis", spark.range(ROWS).selectExpr(multiclassColumns(pred)));
        }
        return """
        monitor: bad_input_multiclass
        problem_type: multiclass_classification
        reference: {path: "%s", format: parquet}
        analysis: {path: "%s", format: parquet}
        columns:
          timestamp: timestamp
          features: [x]
          prediction: y_pred
          scores: {a: p_a, b: p_b, c: p_c}
          target: target
        chunking: {size: 50}
        calculators:
          realized_performance: {metrics: [f1, accuracy]}
        """.formatted(multiclassRef, multiclassAna);
    }
}
