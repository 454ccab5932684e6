package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTRACT §1 exit code 2, end to end through {@link Main#execute}: every bad configuration or
 * input gives exit code 2 and exactly one stderr line {@code vigil: error: ...} that names the key,
 * column or file, without a stack trace.
 */
class CliErrorsSparkTest extends SparkTestBase {
  private static final long ROWS = 200;

  /** A variable no environment sets. */
  private static final String UNSET_VAR = "VIGIL_TEST_SURELY_UNSET_7F3A9C";

  @TempDir static Path tmp;

  private static String ref;
  private static String ana;
  private static String anaCsvStringX;
  private static String anaEmpty;

  private static final AtomicInteger counter = new AtomicInteger();

  @BeforeAll
  static void writeInputs() throws IOException {
    Dataset<Row> df =
        spark
            .range(ROWS)
            .selectExpr(
                "id",
                "timestamp_seconds(1704067200 + id * 3600) as timestamp",
                "cast(id as double) * 1.5 as x",
                "concat('k', cast(id % 3 as string)) as c",
                "cast(id % 10 as double) / 10.0 as y_pred_proba",
                "cast(id % 2 as int) as y_pred",
                "cast((id div 2) % 2 as int) as target");
    Path data = tmp.resolve("data");
    ref = data.resolve("reference.parquet").toString();
    ana = data.resolve("analysis.parquet").toString();
    anaEmpty = data.resolve("analysis_empty.parquet").toString();
    anaCsvStringX = data.resolve("analysis_string_x.csv").toString();
    df.coalesce(1).write().mode(SaveMode.Overwrite).parquet(ref);
    df.coalesce(1).write().mode(SaveMode.Overwrite).parquet(ana);
    df.limit(0).coalesce(1).write().mode(SaveMode.Overwrite).parquet(anaEmpty);
    df.withColumn(
            "x",
            org.apache.spark.sql.functions.concat(
                org.apache.spark.sql.functions.lit("v"),
                org.apache.spark.sql.functions.col("id").cast("string")))
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .option("header", "true")
        .csv(anaCsvStringX);
    Files.createDirectories(tmp.resolve("configs"));
  }

  // ---------------------------------------------------------------- helpers

  /** A valid configuration; cases derive broken ones from it with {@link #edit}. */
  private static String valid() {
    return """
        monitor: cli_errors
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
          data_quality: {metrics: [mean, row_count, missing_values]}
        """
        .formatted(ref, ana);
  }

  private static String edit(String yaml, String from, String to) {
    assertThat(yaml).as("test setup: text to replace").contains(from);
    return yaml.replace(from, to);
  }

  private static Path configFile(String yaml) throws IOException {
    Path p = tmp.resolve("configs").resolve("monitor-" + counter.incrementAndGet() + ".yaml");
    Files.writeString(p, yaml);
    return p;
  }

  private static String freshOutput() {
    return tmp.resolve("out-" + counter.incrementAndGet()).toString();
  }

  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
  }

  private static Result vigil(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.execute(args, o, e);
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Result run(String yaml, String... extra) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of("run", "--config", configFile(yaml).toString(), "--output", freshOutput()));
    args.addAll(Arrays.asList(extra));
    return vigil(args.toArray(String[]::new));
  }

  private static Result validate(String yaml) throws IOException {
    return vigil("validate", "--config", configFile(yaml).toString());
  }

  /**
   * Exit 2, exactly one stderr line "vigil: error: ...", no stack trace, containing every fragment.
   */
  private static String assertUserError(Result r, String... fragments) {
    assertThat(r.code()).as(r.toString()).isEqualTo(Main.USER_ERROR);
    String err = r.err();
    String[] lines = err.split("\\R", -1);
    assertThat(lines).as("stderr must be exactly one line:\n" + err).hasSize(2);
    assertThat(lines[1]).as("nothing after the line break").isEmpty();
    String line = lines[0];
    assertThat(line).startsWith("vigil: error: ");
    assertThat(line).doesNotContain("\tat ").doesNotContain("Exception");
    for (String f : fragments) {
      assertThat(line).as(r.toString()).contains(f);
    }
    return line;
  }

  // ---------------------------------------------------------------- positive

  @Test
  void validConfigValidates() throws IOException {
    Result r = validate(valid());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("configuration OK")
        .contains("monitor cli_errors")
        .contains("2 features (1 continuous [x], 1 categorical [c])")
        .contains("size=50");
  }

  // ---------------------------------------------------------------- configuration file

  @Test
  void missingConfigFile() {
    String missing = tmp.resolve("configs").resolve("does-not-exist.yaml").toString();
    Result r = vigil("run", "--config", missing, "--output", freshOutput());
    assertUserError(r, "configuration file", missing, "no such file");
  }

  @Test
  void malformedYamlNamesFileAndLine() throws IOException {
    Path cfg = configFile("monitor: m\nreference: {path: /r.parquet\nanalysis: [\n");
    Result r = vigil("validate", "--config", cfg.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err())
        .startsWith("vigil: error: configuration file '" + cfg + "' is not valid YAML at line 3")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  @Test
  void malformedYamlIsOneLine() throws IOException {
    Path cfg = configFile("monitor: m\nreference: {path: /r.parquet\nanalysis: [\n");
    assertUserError(
        vigil("validate", "--config", cfg.toString()), cfg.toString(), "not valid YAML", "line 3");
  }

  @Test
  void unknownTopLevelKey() throws IOException {
    Result r = run(edit(valid(), "chunking: {size: 50}", "chunkin: {size: 50}"));
    assertUserError(r, "'chunkin'", "not known", "did you mean 'chunking'");
  }

  @Test
  void unsetEnvironmentVariableInPath() throws IOException {
    Result r =
        run(
            edit(
                valid(), "reference: {path: \"" + ref, "reference: {path: \"${" + UNSET_VAR + "}"));
    assertUserError(r, "reference.path", "${" + UNSET_VAR + "}", "not set");
  }

  @Test
  void chunkSizeZero() throws IOException {
    assertUserError(
        run(edit(valid(), "size: 50", "size: 0")),
        "chunking.size",
        "got 0",
        "positive whole number");
  }

  @Test
  void chunkSizeZeroFromSetOverride() throws IOException {
    assertUserError(
        run(valid(), "--set", "chunking.size=0"), "chunking.size", "positive whole number");
  }

  @Test
  void setOverrideWithoutValue() throws IOException {
    assertUserError(run(valid(), "--set", "chunking.size"), "--set 'chunking.size'", "key=value");
  }

  @Test
  void unknownDataQualityMetric() throws IOException {
    Result r = run(edit(valid(), "metrics: [mean, row_count", "metrics: [meen, row_count"));
    assertUserError(
        r, "calculators.data_quality.metrics", "'meen'", "did you mean 'mean'", "missing_values");
  }

  private static String regression() {
    return edit(
        edit(valid(), "problem_type: binary_classification", "problem_type: regression"),
        "scores: y_pred_proba",
        "");
  }

  @Test
  void dleWithAClassificationMetric() throws IOException {
    Result r =
        run(
            edit(
                regression(),
                "calculators:\n",
                "calculators:\n  estimated_performance: {metrics: [mae, f1]}\n"));
    assertUserError(r, "calculators.estimated_performance.metrics", "'f1'", "mae", "rmse");
  }

  @Test
  void dleWithLightGbmsUnlimitedDepth() throws IOException {
    Result r =
        run(
            edit(
                regression(),
                "calculators:\n",
                "calculators:\n  estimated_performance: {hyperparameters: {max_depth: -1}}\n"));
    assertUserError(
        r, "calculators.estimated_performance.hyperparameters.max_depth", "-1", "1 to 30");
  }

  @Test
  void noCalculatorEnabled() throws IOException {
    Result r =
        run(
            edit(
                valid(),
                "  data_quality: {metrics: [mean, row_count, missing_values]}\n",
                "  {}\n"));
    assertUserError(r, "calculators", "data_quality");
  }

  private static String domainClassifier(String settings) {
    return edit(
        valid(),
        "  data_quality: {metrics: [mean, row_count, missing_values]}\n",
        "  multivariate_drift: {method: domain_classifier, " + settings + "}\n");
  }

  @Test
  void domainClassifierUnknownKey() throws IOException {
    assertUserError(
        run(domainClassifier("max_trainig_rows: 100")),
        "calculators.multivariate_drift.max_trainig_rows",
        "not known",
        "did you mean 'max_training_rows'");
  }

  @Test
  void domainClassifierBadValues() throws IOException {
    assertUserError(
        run(domainClassifier("max_training_rows: 0")),
        "calculators.multivariate_drift.max_training_rows",
        "positive whole number");
    assertUserError(
        run(domainClassifier("cv_folds_num: 1")),
        "calculators.multivariate_drift.cv_folds_num",
        ">= 2");
    assertUserError(
        run(domainClassifier("n_components: 0.65")),
        "calculators.multivariate_drift.n_components",
        "method: reconstruction_error");
  }

  @Test
  void domainClassifierColumnThatIsNotAFeature() throws IOException {
    assertUserError(
        run(domainClassifier("columns: [x, cc]")),
        "calculators.multivariate_drift.columns",
        "'cc'",
        "did you mean 'c'");
  }

  // ---------------------------------------------------------------- inputs and columns

  @Test
  void featureColumnMissingSuggestsClosest() throws IOException {
    Result r = run(edit(valid(), "features: [x, c]", "features: [xx, c]"));
    String line = assertUserError(r, "columns.features", "'xx'", "did you mean 'x'?");
    assertThat(line).contains("reference");
  }

  @Test
  void featureColumnMissingInValidate() throws IOException {
    assertUserError(
        validate(edit(valid(), "features: [x, c]", "features: [x, cc]")),
        "columns.features",
        "'cc'",
        "did you mean 'c'");
  }

  @Test
  void timestampColumnMissing() throws IOException {
    Result r = validate(edit(valid(), "timestamp: timestamp", "timestamp: timestamps"));
    assertUserError(r, "columns.timestamp", "'timestamps'", "did you mean 'timestamp'");
  }

  @Test
  void scoreColumnNotNumeric() throws IOException {
    Result r = validate(edit(valid(), "scores: y_pred_proba", "scores: c"));
    assertUserError(r, "columns.scores", "'c'", "string", "numeric");
  }

  @Test
  void referencePathDoesNotExist() throws IOException {
    String missing = tmp.resolve("data").resolve("nope.parquet").toString();
    Result r = validate(edit(valid(), ref, missing));
    assertUserError(r, "reference.path", missing, "no such file");
  }

  @Test
  void periodChunkingWithoutTimestamp() throws IOException {
    String yaml =
        edit(
            edit(valid(), "  timestamp: timestamp\n", ""),
            "chunking: {size: 50}",
            "chunking: {period: month}");
    assertUserError(run(yaml), "chunking.period", "columns.timestamp");
  }

  @Test
  void chunkNumberLargerThanRowCount() throws IOException {
    String output = freshOutput();
    Path cfg = configFile(edit(valid(), "chunking: {size: 50}", "chunking: {number: 500}"));
    Result r = vigil("run", "--config", cfg.toString(), "--output", output);
    assertUserError(r, "chunking.number", "200 rows", "500");
    // CONTRACT §3: failed runs are recorded in the runs table too
    List<Row> runs = spark.read().format("delta").load(output + "/runs").collectAsList();
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).<String>getAs("status")).isEqualTo("failed");
    assertThat(runs.get(0).<String>getAs("error")).contains("chunking.number");
  }

  @Test
  void stringFeatureThatIsNotCategorical() throws IOException {
    // c is a string feature, but the explicit (empty) categorical list makes it continuous
    Result r =
        validate(edit(valid(), "  target: target\n", "  target: target\n  categorical: []\n"));
    assertUserError(r, "columns.categorical", "'c'", "string", "cannot be continuous");
  }

  @Test
  void categoricalColumnThatIsNotAFeature() throws IOException {
    Result r =
        validate(edit(valid(), "  target: target\n", "  target: target\n  categorical: [cc]\n"));
    assertUserError(r, "columns.categorical", "'cc'", "features", "did you mean 'c'");
  }

  @Test
  void dataQualityColumnThatIsNotAFeature() throws IOException {
    Result r =
        validate(
            edit(
                valid(),
                "metrics: [mean, row_count, missing_values]}",
                "metrics: [mean], columns: [y]}"));
    assertUserError(r, "calculators.data_quality.columns", "'y'");
  }

  @Test
  void csvAnalysisWithStringFeatureWhereReferenceIsNumeric() throws IOException {
    Result r =
        validate(
            edit(
                valid(),
                "analysis: {path: \"" + ana + "\", format: parquet}",
                "analysis: {path: \"" + anaCsvStringX + "\", format: csv}"));
    assertUserError(r, "column 'x'", "numeric in the reference", "string in the analysis");
  }

  @Test
  void emptyAnalysis() throws IOException {
    Result r = run(edit(valid(), ana, anaEmpty));
    assertUserError(r, "analysis data has no rows");
  }

  @Test
  void targetsJoinColumnMissing() throws IOException {
    Result r =
        validate(
            edit(
                valid(),
                "columns:\n",
                "targets: {path: \"" + ana + "\", join_on: row_id}\ncolumns:\n"));
    assertUserError(r, "targets.join_on", "'row_id'");
  }

  @Test
  void validateRejectsPeriodChunkingWithoutTimestamp() throws IOException {
    String yaml =
        edit(
            edit(valid(), "  timestamp: timestamp\n", ""),
            "chunking: {size: 50}",
            "chunking: {period: month}");
    assertUserError(validate(yaml), "chunking.period", "columns.timestamp");
  }

  // ---------------------------------------------------------------- command line

  @Test
  void unknownOptionToRun() throws IOException {
    Result r = run(valid(), "--bogus-option");
    assertUserError(r, "--bogus-option");
  }

  @Test
  void missingRequiredOption() {
    assertUserError(vigil("validate"), "--config");
  }

  @Test
  void unknownCommand() {
    assertUserError(vigil("frobnicate", "--config", "x.yaml"), "frobnicate");
  }

  @Test
  void exportFromDirectoryWithoutDeltaTable() {
    String dir = tmp.resolve("data").toString();
    Result r =
        vigil(
            "export", "--output", dir, "--format", "csv", "--to", tmp.resolve("x.csv").toString());
    assertUserError(r, dir + "/results", "not a Delta table");
    assertThat(tmp.resolve("x.csv")).doesNotExist();
  }

  @Test
  void exportUnknownTable() {
    Result r =
        vigil(
            "export",
            "--output",
            tmp.toString(),
            "--table",
            "resultz",
            "--to",
            tmp.resolve("y.csv").toString());
    assertUserError(r, "--table", "'resultz'", "results");
  }
}
