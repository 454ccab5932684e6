package dev.vigil.cli;

import static dev.vigil.cli.CliHarness.assertSucceeded;
import static dev.vigil.cli.CliHarness.assertUserError;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.cli.CliHarness.Result;
import dev.vigil.deploy.SqlFiles;
import dev.vigil.generate.SyntheticData;
import dev.vigil.results.OutputTables;
import dev.vigil.testing.ResultTables;
import dev.vigil.testing.SparkTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 (D): any column name Spark allows works in every calculator, table and view. The same
 * generated data is written twice — once with plain names ({@code num_0}, {@code region}, ...) and
 * once with every column renamed to something awkward (a dot, a space, unicode, a backtick, a
 * double quote, a leading digit, {@code -}, {@code [}, {@code :}, {@code (}) — and each monitor
 * runs through the real command line on both. Every awkward name plays a role: continuous and
 * categorical features, the score, the prediction, the target, the timestamp, the id joining a
 * targets table, a segment column. The awkward runs exit 0 without a stack trace, and their {@code
 * results} and {@code distributions} rows equal the plain runs' with the column names mapped back.
 * The inputs cover parquet, csv and Delta with column mapping; export, the report and the BI views
 * run on the awkward output. Three monitors: binary classification fitted once and run
 * incrementally per day (every state calculator, PCA reconstruction, segments, targets joined on
 * the id), regression (DLE, the domain classifier), multiclass (awkward score columns and class
 * labels). Then what a format cannot hold (a backtick in ORC, a line break in a csv header, a space
 * in Delta without column mapping) and column names Vigil uses itself: exit 2 naming the column.
 */
class AwkwardColumnNamesSparkTest extends SparkTestBase {
    static final int ROWS_PER_DAY = 1440; // the generator's rows are 60 s apart
    static final String[] DAYS = {"2024-01-03", "2024-01-04"};

    /** Plain name → awkward name, for every column of the generated data. */
    static final Map<String, String> AWKWARD = new LinkedHashMap<>();

    static {
        AWKWARD.put("id", "row id.1");
        AWKWARD.put("timestamp", "time:stamp");
        AWKWARD.put("num_0", "car value");
        AWKWARD.put("num_1", "température");
        AWKWARD.put("num_2", "年齢");
        AWKWARD.put("num_3", "1st-feature[0]");
        AWKWARD.put("num_4", "a.b.c");
        AWKWARD.put("num_5", "we`ird");
        AWKWARD.put("cat_0", "home.dest");
        AWKWARD.put("cat_1", "cat \"x\" (é)");
        AWKWARD.put("region", "ré gion.x");
        AWKWARD.put("y_pred_proba", "y.pred proba");
        AWKWARD.put("y_pred", "y.pred");
        AWKWARD.put("repaid", "re`paid``");
    }

    static final Map<String, String> PLAIN = new LinkedHashMap<>();

    static {
        AWKWARD.keySet().forEach(k -> PLAIN.put(k, k));
    }

    @TempDir
    static Path dir;

    static Dataset<Row> reference;
    static Dataset<Row> analysis; // with repaid

    @BeforeAll
    static void generate() {
        session();
        SyntheticData.Options o = new SyntheticData.Options(2L * ROWS_PER_DAY, 2L * ROWS_PER_DAY, 8, 5, 0.5, "parquet");
        reference = SyntheticData.reference(spark, o, 1).cache();
        analysis = SyntheticData.analysisWithTargets(spark, o, 1).cache();
        for (Map<String, String> names : List.of(PLAIN, AWKWARD)) {
            Path data = data(names);
            renamed(reference, names).write().parquet(data.resolve("reference").toString());
            // the analysis as parquet and as daily csv partitions, the targets as Delta with column
            // mapping (a Delta table without it cannot hold a space in a column name)
            renamed(analysis.drop("repaid"), names)
                    .write()
                    .parquet(data.resolve("analysis").toString());
            renamed(analysis.select("id", "repaid"), names)
                    .write()
                    .format("delta")
                    .option("delta.columnMapping.mode", "name")
                    .option("delta.minReaderVersion", "2")
                    .option("delta.minWriterVersion", "5")
                    .save(data.resolve("targets").toString());
            // daily partitions for the incremental runs
            for (int d = 0; d < DAYS.length; d++) {
                Column day = col("timestamp")
                        .cast("long")
                        .minus(SyntheticData.START_EPOCH_SECONDS)
                        .divide(86400)
                        .cast("int");
                renamed(analysis.drop("repaid").where(day.equalTo(2 + d)), names)
                        .coalesce(1)
                        .write()
                        .option("header", "true")
                        .csv(data.resolve("daily").resolve("date=" + DAYS[d]).toString());
            }
        }
    }

    static Path data(Map<String, String> names) {
        return dir.resolve(names == AWKWARD ? "awkward" : "plain");
    }

    static Dataset<Row> renamed(Dataset<Row> df, Map<String, String> names) {
        return df.select(
                List.of(df.columns()).stream().map(c -> col(c).as(names.get(c))).toArray(Column[]::new));
    }

    /** A YAML double-quoted string. */
    static String q(String s) {
        return "\""
                + s.replace("\\", "\\\\")
                        .replace("\"", "\\\"")
                        .replace("\n", "\\n")
                        .replace("\t", "\\t")
                + "\"";
    }

    static String list(Map<String, String> names, String... plain) {
        return List.of(plain).stream().map(p -> q(names.get(p))).collect(Collectors.joining(", ", "[", "]"));
    }

    static final String[] FEATURES = {"num_0", "num_1", "num_2", "num_3", "num_4", "num_5", "cat_0", "cat_1"};

    static String columns(Map<String, String> names, boolean classification) {
        return """
        columns:
          timestamp: %s
          id: %s
          features: %s
          categorical: %s
          prediction: %s%s
          target: %s
          segments: [%s]
        """.formatted(
                        q(names.get("timestamp")),
                        q(names.get("id")),
                        list(names, FEATURES),
                        list(names, "cat_0", "cat_1"),
                        q(names.get(classification ? "y_pred" : "y_pred_proba")),
                        classification ? "\n  scores: " + q(names.get("y_pred_proba")) : "",
                        q(names.get("repaid")),
                        q(names.get("region")));
    }

    static Path write(String name, String yaml) throws IOException {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, yaml, StandardCharsets.UTF_8);
        return f;
    }

    // ---------------------------------------------------------------- comparisons

    /** {@code rows} of an awkward run with column_name and segment mapped to the plain names. */
    static Map<List<Object>, Row> plainNamed(Map<List<Object>, Row> rows, List<String> key) {
        Map<String, String> back = new HashMap<>();
        AWKWARD.forEach((p, a) -> back.put(a, p));
        return plainNamed(rows, key, back);
    }

    static Map<List<Object>, Row> plainNamed(Map<List<Object>, Row> rows, List<String> key, Map<String, String> back) {
        Map<List<Object>, Row> out = new HashMap<>();
        for (Row r : rows.values()) {
            Object[] v = new Object[r.size()];
            for (int i = 0; i < v.length; i++) {
                String field = r.schema().fieldNames()[i];
                Object x = r.get(i);
                if (field.equals("column_name") && x != null) {
                    x = back.getOrDefault((String) x, (String) x);
                } else if (field.equals("segment") && x != null) {
                    String s = (String) x;
                    String prefix = AWKWARD.get("region") + "=";
                    assertThat(s).startsWith(prefix);
                    x = "region=" + s.substring(prefix.length());
                }
                v[i] = x;
            }
            Row n = new GenericRowWithSchema(v, r.schema());
            List<Object> k = new ArrayList<>();
            for (String c : key) {
                k.add(n.get(n.fieldIndex(c)));
            }
            assertThat(out.put(k, n)).as("two rows map to %s", k).isNull();
        }
        return out;
    }

    static void assertSameResults(String plainOut, String awkwardOut) {
        for (var table : List.of(OutputTables.RESULTS, OutputTables.DISTRIBUTIONS)) {
            Map<List<Object>, Row> plain = ResultTables.byKey(spark, plainOut + "/" + table.name(), table.key());
            Map<List<Object>, Row> awkward =
                    plainNamed(ResultTables.byKey(spark, awkwardOut + "/" + table.name(), table.key()), table.key());
            assertThat(plain).as(table.name()).isNotEmpty();
            ResultTables.assertSameRows(plain, awkward, table.schema());
        }
    }

    static Result vigil(String... args) {
        Result r = CliHarness.vigil(args);
        assertSucceeded(r);
        return r;
    }

    // ---------------------------------------------------------------- monitors

    /**
     * Binary classification, every state calculator, production mode: fitted once, then an
     * incremental run per daily partition (csv), with delayed targets joined on the id (Delta with
     * column mapping) and a segment column.
     */
    static String daily(Map<String, String> names, String out) {
        Path d = data(names);
        return """
        monitor: awkward_daily
        problem_type: binary_classification
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: csv}
        targets: {path: %s, format: delta, join_on: %s}
        %s
        chunking: {period: day}
        incremental: true
        calculators:
          univariate_drift:
            continuous_methods: [kolmogorov_smirnov, jensen_shannon, wasserstein, hellinger, psi, total_variation]
            categorical_methods: [chi2, jensen_shannon, hellinger, l_infinity, psi, total_variation]
          multivariate_drift: {method: reconstruction_error}
          realized_performance:
            metrics: [roc_auc, f1, precision, recall, specificity, accuracy, average_precision, confusion_matrix, business_value]
            business_value_matrix: [[0, -200], [-100, 1000]]
          estimated_performance: {metrics: [roc_auc, f1, accuracy, confusion_matrix]}
          data_quality: {metrics: [missing_values, unseen_values, numerical_range, mean, std, median, sum, row_count]}
        output: {path: %s}
        """.formatted(
                        q(d.resolve("reference").toString()),
                        q(d.resolve("daily").toString() + "/date={{run_date}}"),
                        q(d.resolve("targets").toString()),
                        q(names.get("id")),
                        columns(names, true).strip().replace("\n", "\n        "),
                        q(out));
    }

    /**
     * Regression on the same columns (the score as the prediction), one full run: DLE, realized
     * performance, the domain classifier, univariate drift and data quality, size chunks.
     */
    static String regression(Map<String, String> names, String out) {
        Path d = data(names);
        return """
        monitor: awkward_regression
        problem_type: regression
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        targets: {path: %s, format: delta, join_on: %s}
        %s
        chunking: {size: 1440}
        calculators:
          univariate_drift: {continuous_methods: [jensen_shannon, kolmogorov_smirnov], categorical_methods: [chi2]}
          multivariate_drift: {method: domain_classifier, max_training_rows: 500, cv_folds_num: 2, n_estimators: 5}
          realized_performance: {metrics: [mae, mape, mse, rmse, msle, rmsle]}
          estimated_performance: {metrics: [mae, mse, rmse], hyperparameters: {n_estimators: 5}}
          data_quality: {metrics: [missing_values, mean, row_count]}
        output: {path: %s}
        """.formatted(
                        q(d.resolve("reference").toString()),
                        q(d.resolve("analysis").toString()),
                        q(d.resolve("targets").toString()),
                        q(names.get("id")),
                        columns(names, false).strip().replace("\n", "\n        "),
                        q(out));
    }

    // ---------------------------------------------------------------- tests

    @Test
    void productionFitThenIncrementalRunsEqualPlainNamesAndExportReportAndViewsWork() throws Exception {
        Map<Map<String, String>, String> outputs = new LinkedHashMap<>();
        for (Map<String, String> names : List.of(PLAIN, AWKWARD)) {
            String out = dir.resolve("daily-out-" + data(names).getFileName()).toString();
            Path cfg = write("daily-" + data(names).getFileName(), daily(names, out));
            vigil("validate", "--config", cfg.toString(), "--run-date", DAYS[0]);
            vigil("fit", "--config", cfg.toString(), "--run-date", DAYS[0]);
            for (String day : DAYS) {
                vigil("run", "--config", cfg.toString(), "--run-date", day);
            }
            outputs.put(names, out);
        }
        String awkwardOut = outputs.get(AWKWARD);
        assertSameResults(outputs.get(PLAIN), awkwardOut);
        Map<List<Object>, Row> results = ResultTables.byKey(spark, awkwardOut + "/results", OutputTables.RESULTS.key());
        for (String calculator : List.of(
                "univariate_drift",
                "multivariate_drift",
                "realized_performance",
                "estimated_performance",
                "data_quality")) {
            assertThat(results.keySet())
                    .as(calculator)
                    .anyMatch(k -> k.get(1).equals(calculator) && k.get(6).equals("2024-01-04"));
        }
        assertThat(results.keySet().stream().map(k -> (String) k.get(3)).distinct())
                .as("every awkward feature, the score and the prediction are monitored under their own names")
                .containsAll(List.of(FEATURES).stream().map(AWKWARD::get).toList())
                .contains(AWKWARD.get("y_pred_proba"), AWKWARD.get("y_pred"));

        // export: the names as values, csv-quoted where they need it
        Path csv = dir.resolve("awkward-results.csv");
        vigil("export", "--output", awkwardOut, "--format", "csv", "--to", csv.toString());
        String exported = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(exported)
                .contains(",température,", ",年齢,", ",home.dest,", ",car value,", ",we`ird,", ",\"cat \"\"x\"\" (é)\",")
                .contains(",ré gion.x=north,");

        // the report
        Path html = dir.resolve("awkward-report.html");
        vigil("report", "--output", awkwardOut, "--to", html.toString());
        String report = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(report).contains("température", "年齢", "home.dest");

        // the BI views
        List<String> statements = SqlFiles.statements(Files.readString(Path.of("sql/views.sql")), "sql/views.sql");
        spark.sql("CREATE DATABASE IF NOT EXISTS vigil_awkward");
        spark.sql("USE vigil_awkward");
        spark.sql("SET output = " + awkwardOut);
        try {
            for (String st : statements) {
                spark.sql(st);
            }
            Dataset<Row> drift = spark.table("vigil_awkward.vigil_drift_metrics");
            assertThat(drift.where("slice_key IS NULL")
                            .select("column_name")
                            .distinct()
                            .collectAsList())
                    .extracting(r -> r.getString(0))
                    .containsExactlyInAnyOrderElementsOf(List.of(
                            "car value",
                            "température",
                            "年齢",
                            "1st-feature[0]",
                            "a.b.c",
                            "we`ird",
                            "home.dest",
                            "cat \"x\" (é)",
                            "y.pred proba",
                            "y.pred"));
            assertThat(drift.where("slice_key IS NOT NULL")
                            .select("slice_key")
                            .distinct()
                            .collectAsList())
                    .extracting(r -> r.getString(0))
                    .containsExactly(AWKWARD.get("region"));
            long groups = spark.read()
                    .format("delta")
                    .load(awkwardOut + "/results")
                    .where("period = 'analysis'")
                    .select("calculator", "metric", "column_name", "segment")
                    .distinct()
                    .count();
            assertThat(spark.table("vigil_awkward.vigil_latest_values").count()).isEqualTo(groups);
            assertThat(spark.table("vigil_awkward.vigil_current_alerts").count())
                    .isPositive();
        } finally {
            spark.conf().unset("output");
            spark.sql("USE default");
            spark.sql("DROP DATABASE IF EXISTS vigil_awkward CASCADE");
        }
    }

    @Test
    void regressionWithDleAndTheDomainClassifierEqualsPlainNames() throws Exception {
        Map<Map<String, String>, String> outputs = new LinkedHashMap<>();
        for (Map<String, String> names : List.of(PLAIN, AWKWARD)) {
            String out =
                    dir.resolve("regression-out-" + data(names).getFileName()).toString();
            Path cfg = write("regression-" + data(names).getFileName(), regression(names, out));
            vigil("run", "--config", cfg.toString());
            outputs.put(names, out);
        }
        assertSameResults(outputs.get(PLAIN), outputs.get(AWKWARD));
        Map<List<Object>, Row> results =
                ResultTables.byKey(spark, outputs.get(AWKWARD) + "/results", OutputTables.RESULTS.key());
        for (String metric : List.of("domain_classifier_auroc", "mae", "rmse", "jensen_shannon", "mean")) {
            assertThat(results.keySet())
                    .as(metric)
                    .anyMatch(k -> k.get(2).equals(metric) && k.get(5).equals("analysis"));
        }
    }

    /** Multiclass: awkward score columns mapped from awkward class labels (the labels are data). */
    static String multiclass(Map<String, String> names, String path, String out) {
        return """
        monitor: awkward_multiclass
        problem_type: multiclass_classification
        reference: {path: %1$s, format: parquet}
        analysis: {path: %1$s, format: parquet}
        columns:
          timestamp: %2$s
          features: [%3$s, %4$s]
          prediction: %5$s
          scores: {"a.1": %6$s, "b 2": %7$s, "c`3": %8$s}
          target: %9$s
        chunking: {size: 100}
        calculators:
          univariate_drift: {continuous_methods: [jensen_shannon], categorical_methods: [chi2]}
          realized_performance: {metrics: [roc_auc, f1, accuracy, confusion_matrix]}
          estimated_performance: {metrics: [roc_auc, f1, accuracy]}
          data_quality: {metrics: [missing_values, mean, row_count]}
        output: {path: %10$s}
        """.formatted(
                        q(path),
                        q(names.get("timestamp")),
                        q(names.get("num_0")),
                        q(names.get("cat_0")),
                        q(names.get("y_pred")),
                        q(names.get("p_a")),
                        q(names.get("p_b")),
                        q(names.get("p_c")),
                        q(names.get("repaid")),
                        q(out));
    }

    @Test
    void multiclassWithAwkwardScoreColumnsEqualsPlainNames() throws Exception {
        Map<String, String> awkward = new LinkedHashMap<>(AWKWARD);
        awkward.put("p_a", "p.a");
        awkward.put("p_b", "p(b) [%]");
        awkward.put("p_c", "p`c`");
        Map<String, String> plain = new LinkedHashMap<>(PLAIN);
        List.of("p_a", "p_b", "p_c").forEach(c -> plain.put(c, c));
        String label = "element_at(array('a.1', 'b 2', 'c`3'), cast(%s %% 3 as int) + 1)";
        Dataset<Row> rows = spark.range(600)
                .selectExpr(
                        "timestamp_seconds(1704067200 + id * 3600) as timestamp",
                        "cast(id % 17 as double) as num_0",
                        "concat('k', cast(id % 4 as string)) as cat_0",
                        "0.2 + 0.6 * cast(id % 3 = 0 as double) as p_a",
                        "0.2 + 0.6 * cast(id % 3 = 1 as double) as p_b",
                        "0.2 + 0.6 * cast(id % 3 = 2 as double) as p_c",
                        label.formatted("id") + " as y_pred",
                        label.formatted("(id * 5 + cast(id > 300 as int) * id)") + " as repaid");
        Map<String, String> outputs = new HashMap<>();
        for (Map<String, String> names : List.of(plain, awkward)) {
            String kind = names == awkward ? "awkward" : "plain";
            String path = dir.resolve("multiclass-" + kind).toString();
            renamed(rows, names).write().parquet(path);
            String out = dir.resolve("multiclass-out-" + kind).toString();
            vigil(
                    "run",
                    "--config",
                    write("multiclass-" + kind, multiclass(names, path, out)).toString());
            outputs.put(kind, out);
        }
        Map<String, String> back = new HashMap<>();
        awkward.forEach((p, a) -> back.put(a, p));
        Map<List<Object>, Row> plainRows =
                ResultTables.byKey(spark, outputs.get("plain") + "/results", OutputTables.RESULTS.key());
        Map<List<Object>, Row> awkwardRows = plainNamed(
                ResultTables.byKey(spark, outputs.get("awkward") + "/results", OutputTables.RESULTS.key()),
                OutputTables.RESULTS.key(),
                back);
        assertThat(plainRows.keySet())
                .anyMatch(k -> k.get(1).equals("estimated_performance"))
                .anyMatch(k -> "p_b".equals(k.get(3)));
        ResultTables.assertSameRows(plainRows, awkwardRows, OutputTables.RESULTS.schema());
    }

    // ---------------------------------------------------------------- what a format cannot hold

    /** A small monitor of one input written by {@code write} (the columns x, c, plus the one named). */
    static String small(String path, String format, String options, String feature) {
        return """
        monitor: awkward_small
        problem_type: binary_classification
        reference: {path: %1$s, format: %2$s, options: {%3$s}}
        analysis: {path: %1$s, format: %2$s, options: {%3$s}}
        columns: {features: [%4$s], prediction: y_pred, scores: y_pred_proba}
        chunking: {size: 50}
        calculators: {data_quality: {metrics: [mean, row_count]}}
        output: {path: %5$s}
        """.formatted(
                q(path), format, options, q(feature), q(dir.resolve("small-out").toString()));
    }

    static String small(String name, Dataset<Row> df, String format, String feature) {
        String path = dir.resolve("small").resolve(name).toString();
        df.coalesce(1).write().format(format).option("header", "true").save(path);
        return small(path, format, "", feature);
    }

    static Dataset<Row> smallRows(String feature) {
        return spark.range(200)
                .select(
                        col("id").cast("double").as(feature),
                        col("id").mod(10).divide(10.0).as("y_pred_proba"),
                        col("id").mod(10).geq(5).cast("int").as("y_pred"));
    }

    static Result validate(String yaml) throws IOException {
        return CliHarness.vigil(
                "validate", "--config", write("small-" + yaml.hashCode(), yaml).toString());
    }

    @Test
    void orcCannotHoldABacktickInAColumnName() throws IOException {
        assertUserError(
                validate(small("orc_backtick", smallRows("we`ird"), "orc", "we`ird")),
                "columns.features",
                "'we`ird'",
                "reference data",
                "ORC cannot hold a backtick",
                "parquet");
    }

    @Test
    void csvHeaderWithALineBreakNeedsMultiLine() throws IOException {
        String yaml = small("csv_line_break", smallRows("two\nlines"), "csv", "two\nlines");
        assertUserError(validate(yaml), "columns.features", "'two lines'", "multiLine: true");
        assertSucceeded(validate(yaml.replace("options: {}", "options: {multiLine: true}")));
    }

    @Test
    void deltaWithoutColumnMappingCannotHoldASpace() throws IOException {
        assertUserError(
                validate(small("delta_plain", smallRows("car_value"), "delta", "car value")),
                "columns.features",
                "'car value'",
                "column mapping",
                "delta.columnMapping.mode");
    }

    @Test
    void aMonitoredColumnWithAnInternalNameIsRefused() throws IOException {
        assertUserError(
                validate(small("internal_name", smallRows("_Row"), "parquet", "_Row")),
                "columns.features",
                "'_Row'",
                "Vigil gives its own columns",
                "renamed");
    }

    @Test
    void anUnmonitoredColumnWithAnInternalNameIsNotVigils() throws IOException {
        // a column _row (not monitored) must not be taken for the row positions of period chunks
        Dataset<Row> rows = spark.range(200)
                .select(
                        col("id").cast("double").as("x"),
                        functions.timestamp_seconds(col("id").multiply(3600)).as("ts"),
                        col("id").multiply(-7).as("_row"),
                        col("id").mod(10).divide(10.0).as("y_pred_proba"),
                        col("id").mod(10).geq(5).cast("int").as("y_pred"));
        String yaml = small("unmonitored_internal", rows, "parquet", "x")
                .replace("columns: {", "columns: {timestamp: ts, ")
                .replace("chunking: {size: 50}", "chunking: {period: day}");
        Result r = CliHarness.vigil(
                "run", "--config", write("unmonitored-internal", yaml).toString());
        assertSucceeded(r);
        List<Row> chunks = spark.read()
                .format("delta")
                .load(dir.resolve("small-out").resolve("results").toString())
                .where("monitor = 'awkward_small' AND metric = 'row_count' AND period = 'analysis'")
                .orderBy("chunk_index")
                .select("chunk_start_index", "chunk_end_index")
                .collectAsList();
        assertThat(chunks).hasSize(9);
        assertThat(chunks.get(0).getLong(0)).isZero();
        assertThat(chunks.get(0).getLong(1)).isEqualTo(23);
        assertThat(chunks.get(8).getLong(1)).isEqualTo(199);
    }

    @Test
    void awkwardNamesThroughSetOverrides() throws IOException {
        Path cfg = write("set-awkward", daily(AWKWARD, dir.resolve("set-out").toString()));
        assertSucceeded(CliHarness.vigil(
                "validate",
                "--config",
                cfg.toString(),
                "--run-date",
                DAYS[0],
                "--set",
                "columns.features=[\"car value\", \"home.dest\", \"we`ird\"]",
                "--set",
                "columns.categorical=[\"home.dest\"]"));
        assertUserError(
                CliHarness.vigil(
                        "validate",
                        "--config",
                        cfg.toString(),
                        "--run-date",
                        DAYS[0],
                        "--set",
                        "columns.features=[\"car valeu\", \"home.dest\"]",
                        "--set",
                        "columns.categorical=[\"home.dest\"]"),
                "columns.features",
                "'car valeu'",
                "did you mean 'car value'");
    }
}
