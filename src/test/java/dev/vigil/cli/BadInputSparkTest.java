package dev.vigil.cli;

import static dev.vigil.cli.CliHarness.assertNoStackTrace;
import static dev.vigil.cli.CliHarness.assertSucceeded;
import static dev.vigil.cli.CliHarness.assertUserError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.cli.CliHarness.Result;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, end to end through the real command line on real generated files: each case either
 * stops with exit code 2 and one line naming the key, column or file and what was expected (never a
 * stack trace), or runs and leaves a documented null (or documented treatment) with the reason in
 * the log. README "Bad input" lists every case with the name of its test here.
 */
class BadInputSparkTest extends SparkTestBase {
  private static final long ROWS = 200;
  private static final String UNSET_VAR = "VIGIL_TEST_SURELY_UNSET_51B0";

  @TempDir static Path tmp;

  private static final AtomicInteger counter = new AtomicInteger();

  /**
   * The base columns: id, hourly timestamp, x (continuous), c (categorical), binary scores,
   * prediction, target.
   */
  private static final String[] BASE = {
    "id",
    "timestamp_seconds(1704067200 + id * 3600) as timestamp",
    "cast(id as double) * 1.5 as x",
    "concat('k', cast(id % 3 as string)) as c",
    "cast(id % 10 as double) / 10.0 as y_pred_proba",
    "cast(id % 10 >= 5 as int) as y_pred",
    "cast((id * 7) % 10 >= 4 as int) as target"
  };

  private static String ref;
  private static String ana;

  @BeforeAll
  static void writeInputs() throws IOException {
    ref = parquet("reference", spark.range(ROWS).selectExpr(BASE));
    ana = parquet("analysis", spark.range(ROWS).selectExpr(BASE));
    Files.createDirectories(tmp.resolve("configs"));
  }

  // ---------------------------------------------------------------- helpers

  private static String parquet(String name, Dataset<Row> df) {
    String path = tmp.resolve("data").resolve(name + ".parquet").toString();
    df.coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
    return path;
  }

  /** The base columns with some replaced: {@code replace("x", "expr as x")}. */
  private static Dataset<Row> base(long rows, String... replacements) {
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

  private static String valid() {
    return yaml(ref, ana, "data_quality: {metrics: [mean, std, row_count, missing_values]}");
  }

  private static String yaml(String reference, String analysis, String calculators) {
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
        """
        .formatted(reference, analysis, calculators);
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

  private record Run(Result result, String output) {}

  private static Run runIn(String yaml, String... extra) throws IOException {
    String output = tmp.resolve("out-" + counter.incrementAndGet()).toString();
    List<String> args =
        new ArrayList<>(
            List.of("run", "--config", configFile(yaml).toString(), "--output", output));
    args.addAll(Arrays.asList(extra));
    return new Run(CliHarness.vigil(args.toArray(String[]::new)), output);
  }

  private static Result run(String yaml, String... extra) throws IOException {
    return runIn(yaml, extra).result();
  }

  private static Result validate(String yaml) throws IOException {
    return CliHarness.vigil("validate", "--config", configFile(yaml).toString());
  }

  /** Result rows of one metric (and column, null = model level) for one period, in chunk order. */
  private static List<Row> results(String output, String metric, String column, String period) {
    Dataset<Row> r =
        spark
            .read()
            .format("delta")
            .load(output + "/results")
            .where("metric = '" + metric + "' and period = '" + period + "' and segment is null")
            .where(column == null ? "column_name is null" : "column_name = '" + column + "'");
    return r.orderBy("chunk_index").collectAsList();
  }

  private static List<Double> values(String output, String metric, String column, String period) {
    return results(output, metric, column, period).stream()
        .map(r -> r.isNullAt(r.fieldIndex("value")) ? null : r.getDouble(r.fieldIndex("value")))
        .toList();
  }

  // ---------------------------------------------------------------- columns

  @Test
  void misspelledPredictionColumnSuggestsClosest() throws IOException {
    assertUserError(
        validate(edit(valid(), "prediction: y_pred", "prediction: y_prd")),
        "columns.prediction",
        "'y_prd'",
        "reference data",
        "did you mean 'y_pred'");
  }

  @Test
  void misspelledTargetColumnSuggestsClosest() throws IOException {
    assertUserError(
        validate(edit(valid(), "target: target", "target: targte")),
        "columns.target",
        "'targte'",
        "did you mean 'target'");
  }

  @Test
  void featureMissingOnlyFromTheAnalysis() throws IOException {
    String noC = parquet("analysis_no_c", spark.range(ROWS).selectExpr(BASE).drop("c"));
    assertUserError(run(edit(valid(), ana, noC)), "columns.features", "'c'", "analysis data");
  }

  @Test
  void continuousColumnThatIsAString() throws IOException {
    String refS = parquet("reference_string_x", base(ROWS, "concat('v', cast(id as string)) as x"));
    String anaS = parquet("analysis_string_x", base(ROWS, "concat('v', cast(id as string)) as x"));
    String yaml =
        edit(
            yaml(refS, anaS, "data_quality: {metrics: [mean]}"),
            "  target: target\n",
            "  target: target\n  categorical: [c]\n");
    assertUserError(run(yaml), "columns.categorical", "'x'", "string", "cannot be continuous");
  }

  @Test
  void csvAnalysisWithADifferentSchema() throws IOException {
    String csv = tmp.resolve("data").resolve("analysis_other_schema.csv").toString();
    spark
        .range(ROWS)
        .selectExpr(BASE)
        .drop("c")
        .withColumnRenamed("x", "x_renamed")
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .option("header", "true")
        .csv(csv);
    String yaml =
        edit(
            valid(),
            "analysis: {path: \"" + ana + "\", format: parquet}",
            "analysis: {path: \"" + csv + "\", format: csv}");
    assertUserError(run(yaml), "columns.features", "'x'", "analysis data", "x_renamed");
  }

  @Test
  void multiclassScoreMappingNamesAMissingColumn() throws IOException {
    String yaml = multiclass().replace("c: p_c}", "c: p_cc}");
    assertUserError(run(yaml), "columns.scores.c", "'p_cc'", "did you mean 'p_c'");
  }

  // ---------------------------------------------------------------- values

  @Test
  void allNullColumnGivesNullStatisticsAndALoggedReason() throws IOException {
    String r = parquet("reference_null_x", base(ROWS, "cast(null as double) as x"));
    String a = parquet("analysis_null_x", base(ROWS, "cast(null as double) as x"));
    Run run =
        runIn(
            yaml(
                r,
                a,
                "data_quality: {metrics: [mean, missing_values]}\n  univariate_drift: {columns: [x, c]}"));
    assertSucceeded(run.result());
    assertThat(values(run.output(), "missing_values", "x", "analysis")).containsOnly(1.0);
    assertThat(values(run.output(), "mean", "x", "analysis")).containsOnlyNulls();
    assertThat(values(run.output(), "jensen_shannon", "x", "analysis")).containsOnlyNulls();
    assertThat(values(run.output(), "jensen_shannon", "c", "analysis")).doesNotContainNull();
    assertThat(run.result().log()).contains("column 'x' has no values in the reference data");
  }

  @Test
  void nanInFeaturesIsMissing() throws IOException {
    String a =
        parquet(
            "analysis_nan_x",
            base(ROWS, "if(id % 10 = 0, double('NaN'), cast(id as double) * 1.5) as x"));
    Run run = runIn(yaml(ref, a, "data_quality: {metrics: [mean, missing_values]}"));
    assertSucceeded(run.result());
    assertThat(values(run.output(), "missing_values", "x", "analysis")).containsOnly(0.1);
    // chunk 0: ids 0..49 without multiples of 10
    double expected =
        java.util.stream.LongStream.range(0, 50)
            .filter(i -> i % 10 != 0)
            .mapToDouble(i -> i * 1.5)
            .average()
            .orElseThrow();
    assertThat(values(run.output(), "mean", "x", "analysis").get(0))
        .isCloseTo(expected, within(1e-9));
  }

  @Test
  void infinityInFeaturesIsMissingAndLogged() throws IOException {
    String a =
        parquet(
            "analysis_inf_x",
            base(
                ROWS,
                "case when id % 20 = 0 then double('Infinity') when id % 20 = 1 then double('-Infinity') "
                    + "else cast(id as double) * 1.5 end as x"));
    Run run =
        runIn(
            yaml(
                ref,
                a,
                "data_quality: {metrics: [mean, missing_values]}\n  univariate_drift: {columns: [x]}"));
    assertSucceeded(run.result());
    // ids 0, 1, 20, 21, 40, 41 in chunk 0; 60, 61, 80, 81 in chunk 1; ...
    assertThat(values(run.output(), "missing_values", "x", "analysis"))
        .containsExactly(0.12, 0.08, 0.12, 0.08);
    double expected =
        java.util.stream.LongStream.range(0, 50)
            .filter(i -> i % 20 > 1)
            .mapToDouble(i -> i * 1.5)
            .average()
            .orElseThrow();
    assertThat(values(run.output(), "mean", "x", "analysis").get(0))
        .isCloseTo(expected, within(1e-9));
    assertThat(values(run.output(), "jensen_shannon", "x", "analysis")).doesNotContainNull();
    assertThat(run.result().log())
        .contains("analysis: column 'x' has 20 infinite values (+Inf/-Inf), treated as missing");
  }

  @Test
  void infinityInTheReferenceDoesNotPoisonTheFittedBins() throws IOException {
    String r =
        parquet(
            "reference_inf_x",
            base(ROWS, "if(id = 7, double('Infinity'), cast(id as double) * 1.5) as x"));
    Run withInf =
        runIn(
            yaml(
                r,
                ana,
                "univariate_drift: {columns: [x], continuous_methods: [jensen_shannon, kolmogorov_smirnov]}"));
    String rNull =
        parquet("reference_null7_x", base(ROWS, "if(id = 7, null, cast(id as double) * 1.5) as x"));
    Run withNull =
        runIn(
            yaml(
                rNull,
                ana,
                "univariate_drift: {columns: [x], continuous_methods: [jensen_shannon, kolmogorov_smirnov]}"));
    assertSucceeded(withInf.result());
    assertSucceeded(withNull.result());
    for (String m : List.of("jensen_shannon", "kolmogorov_smirnov")) {
      List<Double> v = values(withInf.output(), m, "x", "analysis");
      assertThat(v).doesNotContainNull().isEqualTo(values(withNull.output(), m, "x", "analysis"));
    }
    assertThat(withInf.result().log())
        .contains("reference: column 'x' has 1 infinite value (+Inf/-Inf), treated as missing");
  }

  private static String realized() {
    return "realized_performance: {metrics: [roc_auc, f1, accuracy]}";
  }

  /**
   * NaN and ±Inf in a score or target column give the same numbers as null there (rows left out, as
   * NannyML).
   */
  private void assertSameAsNull(String column, String badValue) throws IOException {
    String orig =
        Arrays.stream(BASE).filter(b -> b.endsWith(" as " + column)).findFirst().orElseThrow();
    String expr = orig.substring(0, orig.lastIndexOf(" as "));
    String cast = column.equals("target") ? "cast(" + expr + " as double)" : expr;
    String bad =
        parquet(
            "analysis_bad_" + column + "_" + counter.incrementAndGet(),
            base(ROWS, "if(id % 7 = 3, " + badValue + ", " + cast + ") as " + column));
    String nul =
        parquet(
            "analysis_null_" + column + "_" + counter.incrementAndGet(),
            base(ROWS, "if(id % 7 = 3, cast(null as double), " + cast + ") as " + column));
    Run a = runIn(yaml(ref, bad, realized()));
    Run b = runIn(yaml(ref, nul, realized()));
    assertSucceeded(a.result());
    assertSucceeded(b.result());
    for (String m : List.of("roc_auc", "f1", "accuracy")) {
      List<Double> v = values(a.output(), m, null, "analysis");
      assertThat(v)
          .hasSize(4)
          .doesNotContainNull()
          .isEqualTo(values(b.output(), m, null, "analysis"));
    }
  }

  @Test
  void nanScoresAreLeftOutLikeNulls() throws IOException {
    assertSameAsNull("y_pred_proba", "double('NaN')");
  }

  @Test
  void infiniteScoresAreLeftOutLikeNulls() throws IOException {
    assertSameAsNull("y_pred_proba", "double('-Infinity')");
  }

  @Test
  void nanTargetsAreLeftOutLikeNulls() throws IOException {
    assertSameAsNull("target", "double('NaN')");
  }

  @Test
  void infiniteTargetsAreLeftOutLikeNulls() throws IOException {
    assertSameAsNull("target", "double('Infinity')");
  }

  @Test
  void scoresAboveOneInTheAnalysis() throws IOException {
    String a =
        parquet(
            "analysis_score_above_one",
            base(ROWS, "if(id = 42, 1.25, cast(id % 10 as double) / 10.0) as y_pred_proba"));
    assertUserError(
        run(yaml(ref, a, realized())),
        "columns.scores",
        "'y_pred_proba'",
        "analysis data",
        "the value 1.25",
        "outside [0, 1]");
  }

  @Test
  void negativeScoresInTheReference() throws IOException {
    String r =
        parquet(
            "reference_negative_scores",
            base(ROWS, "cast(id % 10 as double) / 10.0 - 0.5 as y_pred_proba"));
    assertUserError(
        run(yaml(r, ana, "univariate_drift: {}")),
        "columns.scores",
        "'y_pred_proba'",
        "reference data",
        "outside [0, 1]",
        "-0.5");
  }

  // ---------------------------------------------------------------- multiclass

  private static String multiclassRef;
  private static String multiclassAna;

  private static String[] multiclassColumns(String predictionExpr) {
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

  private static String multiclass() {
    if (multiclassRef == null) {
      String pred = "element_at(array('a', 'b', 'c'), cast(id % 3 as int) + 1)";
      multiclassRef =
          parquet("multiclass_reference", spark.range(ROWS).selectExpr(multiclassColumns(pred)));
      multiclassAna =
          parquet("multiclass_analysis", spark.range(ROWS).selectExpr(multiclassColumns(pred)));
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
        """
        .formatted(multiclassRef, multiclassAna);
  }

  @Test
  void multiclassPredictionOfAClassTheScoresDoNotName() throws IOException {
    String yaml = multiclass();
    String a =
        parquet(
            "multiclass_analysis_unseen_class",
            spark
                .range(ROWS)
                .selectExpr(
                    multiclassColumns(
                        "if(id = 120, 'd', element_at(array('a', 'b', 'c'), cast(id % 3 as int) + 1))")));
    assertUserError(
        run(yaml.replace(multiclassAna, a)),
        "columns.prediction",
        "'y_pred'",
        "'d'",
        "analysis data",
        "columns.scores",
        "[a, b, c]");
  }

  // ---------------------------------------------------------------- sizes and chunks

  @Test
  void emptyReference() throws IOException {
    String r = parquet("reference_empty", spark.range(ROWS).selectExpr(BASE).limit(0));
    assertUserError(run(edit(valid(), ref, r)), "reference data has no rows");
  }

  @Test
  void chunkWithOneRow() throws IOException {
    String a = parquet("analysis_201_rows", base(ROWS + 1));
    Run run = runIn(yaml(ref, a, "data_quality: {metrics: [mean, std, row_count]}"));
    assertSucceeded(run.result());
    List<Row> rows = results(run.output(), "row_count", null, "analysis");
    assertThat(rows).hasSize(5);
    assertThat(rows.get(4).<Double>getAs("value")).isEqualTo(1.0);
    assertThat(values(run.output(), "mean", "x", "analysis").get(4)).isEqualTo(200 * 1.5);
    assertThat(values(run.output(), "std", "x", "analysis").get(4)).isNull();
    assertThat(values(run.output(), "std", "x", "analysis").subList(0, 4)).doesNotContainNull();
  }

  @Test
  void referenceSmallerThanOneChunk() throws IOException {
    String r = parquet("reference_30_rows", base(30));
    Run run = runIn(edit(valid(), ref, r));
    assertSucceeded(run.result());
    assertThat(results(run.output(), "row_count", null, "reference")).hasSize(1);
    assertThat(run.result().log()).contains("reference: 30 rows, fewer than one chunk of 50");
  }

  @Test
  void referenceSmallerThanOneChunkDroppingIncompleteChunks() throws IOException {
    String r = parquet("reference_30_rows_drop", base(30));
    String yaml =
        edit(
            edit(valid(), ref, r),
            "chunking: {size: 50}",
            "chunking: {size: 50, incomplete: drop}");
    assertUserError(run(yaml), "reference data has no rows in any chunk", "chunking");
  }

  @Test
  void referenceSmallerThanOneChunkAppendingIncompleteChunks() throws IOException {
    String r = parquet("reference_30_rows_append", base(30));
    String yaml =
        edit(
            edit(valid(), ref, r),
            "chunking: {size: 50}",
            "chunking: {size: 50, incomplete: append}");
    assertUserError(run(yaml), "chunking.incomplete", "30 rows", "fewer than one chunk of 50");
  }

  @Test
  void negativeChunkSize() throws IOException {
    assertUserError(
        run(edit(valid(), "size: 50", "size: -5")), "chunking.size", "-5", "positive whole number");
  }

  @Test
  void chunkNumberZero() throws IOException {
    assertUserError(
        run(edit(valid(), "chunking: {size: 50}", "chunking: {number: 0}")),
        "chunking.number",
        "positive whole number");
  }

  // ---------------------------------------------------------------- timestamps

  private static String monthly(String reference, String analysis) {
    return edit(
        yaml(reference, analysis, "data_quality: {metrics: [row_count]}"),
        "chunking: {size: 50}",
        "chunking: {period: day}");
  }

  @Test
  void nullTimestampsWithPeriodChunkingAreLeftOutAndLogged() throws IOException {
    String a =
        parquet(
            "analysis_null_ts",
            base(
                ROWS,
                "if(id % 4 = 0, null, timestamp_seconds(1704067200 + id * 3600)) as timestamp"));
    Run run = runIn(monthly(ref, a));
    assertSucceeded(run.result());
    double counted =
        values(run.output(), "row_count", null, "analysis").stream()
            .mapToDouble(Double::doubleValue)
            .sum();
    assertThat(counted).isEqualTo(150.0);
    assertThat(run.result().log()).contains("analysis: 50 rows have no timestamp");
  }

  @Test
  void unparseableTimestampStringsAreLeftOutAndLogged() throws IOException {
    String a =
        parquet(
            "analysis_bad_ts",
            base(
                ROWS,
                "if(id % 5 = 0, 'not a date', cast(timestamp_seconds(1704067200 + id * 3600) as string)) as timestamp"));
    Run run = runIn(monthly(ref, a));
    assertSucceeded(run.result());
    double counted =
        values(run.output(), "row_count", null, "analysis").stream()
            .mapToDouble(Double::doubleValue)
            .sum();
    assertThat(counted).isEqualTo(160.0);
    assertThat(run.result().log()).contains("analysis: 40 rows have no timestamp");
  }

  @Test
  void onlyUnparseableTimestamps() throws IOException {
    String a = parquet("analysis_all_bad_ts", base(ROWS, "'yesterday' as timestamp"));
    assertUserError(run(monthly(ref, a)), "analysis data has no rows in any chunk", "timestamp");
  }

  // ---------------------------------------------------------------- targets table

  private static String withTargets(String targets) {
    String analysisWithoutTarget =
        parquet(
            "analysis_without_target_" + counter.incrementAndGet(),
            spark.range(ROWS).selectExpr(BASE).drop("target"));
    return edit(
        yaml(ref, analysisWithoutTarget, realized()),
        "columns:\n",
        "targets: {path: \"" + targets + "\", format: parquet, join_on: id}\ncolumns:\n");
  }

  @Test
  void duplicateIdsInTheTargetsTable() throws IOException {
    String t =
        parquet(
            "targets_duplicates",
            spark
                .range(ROWS)
                .selectExpr("id", "cast((id * 7) % 10 >= 4 as int) as target")
                .union(
                    spark
                        .range(ROWS)
                        .where("id = 77")
                        .selectExpr("id", "1 - cast((id * 7) % 10 >= 4 as int) as target")));
    assertUserError(run(withTargets(t)), "targets", "'id'", "more than one row", "77");
  }

  @Test
  void targetsTableMissingIds() throws IOException {
    // targets only for the first 100 ids: the last two analysis chunks have none
    String t =
        parquet(
            "targets_half",
            spark.range(100).selectExpr("id", "cast((id * 7) % 10 >= 4 as int) as target"));
    Run run = runIn(withTargets(t));
    assertSucceeded(run.result());
    List<Double> auc = values(run.output(), "roc_auc", null, "analysis");
    assertThat(auc).hasSize(4);
    assertThat(auc.subList(0, 2)).doesNotContainNull();
    assertThat(auc.subList(2, 4)).containsOnlyNulls();
    assertThat(run.result().log())
        .contains("realized_performance: chunk [100:149] has no rows with both a target")
        .contains("chunk [150:199] has no rows with both a target")
        .doesNotContain("chunk [0:49] has no rows");
  }

  // ---------------------------------------------------------------- configuration

  @Test
  void yamlThatIsAListNotAMapping() throws IOException {
    Path cfg = configFile("- monitor: m\n- reference: x\n");
    assertUserError(
        CliHarness.vigil("validate", "--config", cfg.toString()), cfg.toString(), "YAML mapping");
  }

  @Test
  void yamlWithATabIndent() throws IOException {
    Path cfg = configFile("monitor: m\nreference:\n\tpath: /r.parquet\n");
    assertUserError(
        CliHarness.vigil("validate", "--config", cfg.toString()),
        cfg.toString(),
        "not valid YAML",
        "line 2");
  }

  @Test
  void unknownCalculatorListsTheValidOnes() throws IOException {
    assertUserError(
        run(yaml(ref, ana, "univariate_drfit: {}")),
        "calculators.univariate_drfit",
        "did you mean 'univariate_drift'",
        "data_quality",
        "realized_performance");
  }

  @Test
  void unknownMetricListsTheValidOnes() throws IOException {
    assertUserError(
        run(yaml(ref, ana, "realized_performance: {metrics: [roc_aux]}")),
        "calculators.realized_performance.metrics",
        "'roc_aux'",
        "did you mean 'roc_auc'",
        "f1",
        "accuracy");
  }

  @Test
  void unknownMethodListsTheValidOnes() throws IOException {
    assertUserError(
        run(yaml(ref, ana, "univariate_drift: {continuous_methods: [kolmogorov]}")),
        "calculators.univariate_drift.continuous_methods",
        "'kolmogorov'",
        "kolmogorov_smirnov",
        "wasserstein");
  }

  @Test
  void unsetEnvironmentVariableInAWebhookUrl() throws IOException {
    String yaml = valid() + "alerts: {webhook: {url: \"${" + UNSET_VAR + "}\"}}\n";
    assertUserError(run(yaml), "alerts.webhook.url", UNSET_VAR, "not set");
  }

  @Test
  void pathThatIsNotParquet() throws IOException {
    Path junk = tmp.resolve("data").resolve("junk.parquet");
    Files.writeString(junk, "this is not a parquet file\n");
    assertUserError(
        run(edit(valid(), ref, junk.toString())), "reference.path", junk.toString(), "cannot read");
  }

  @Test
  void directoryWithoutDataFiles() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("data").resolve("no_files_here"));
    assertUserError(run(edit(valid(), ana, empty.toString())), "analysis.path", empty.toString());
  }

  @Test
  void missingAnalysisPath() throws IOException {
    String missing = tmp.resolve("data").resolve("nope.parquet").toString();
    Result r = run(edit(valid(), ana, missing));
    assertUserError(r, "analysis.path", missing, "no such file");
    assertNoStackTrace(r);
  }
}
