package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT §1 exit code 2 through {@link Main#execute} (see {@link CliErrorsTestBase}): inputs and
 * columns — missing, misspelled or mistyped columns, paths, empty data, the targets join.
 */
class CliInputErrorsSparkTest extends CliErrorsTestBase {
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
        String yaml = edit(
                edit(valid(), "  timestamp: timestamp\n", ""), "chunking: {size: 50}", "chunking: {period: month}");
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
    void aConfigurationErrorIsARecordedRunWhereItsOutputCanBeRead() throws IOException {
        String output = freshOutput();
        Path cfg = configFile(edit(valid(), "chunking: {size: 50}", "chunking: {chunk_size: 50}"));
        Result r = vigil("run", "--config", cfg.toString(), "--output", output);
        String line = assertUserError(r, "chunking.chunk_size", "did you mean");
        List<Row> runs = spark.read().format("delta").load(output + "/runs").collectAsList();
        assertThat(runs).hasSize(1);
        Row run = runs.get(0);
        assertThat(run.<String>getAs("status")).isEqualTo("failed");
        assertThat(run.<String>getAs("monitor")).isEqualTo("cli_errors");
        assertThat("vigil: error: " + run.<String>getAs("error")).isEqualTo(line);
        assertThat(run.<String>getAs("config")).contains("chunk_size").contains(output);
        assertThat((Object) run.getAs("rows_analysis")).isNull();

        // an output that cannot be read itself: nowhere to record the run, the configuration's error alone
        Path bad = configFile(edit(valid(), "chunking: {size: 50}", "chunking: {chunk_size: 50}\noutput: 5"));
        assertUserError(vigil("run", "--config", bad.toString()), "chunking.chunk_size");
    }

    @Test
    void stringFeatureThatIsNotCategorical() throws IOException {
        // c is a string feature, but the explicit (empty) categorical list makes it continuous
        Result r = validate(edit(valid(), "  target: target\n", "  target: target\n  categorical: []\n"));
        assertUserError(r, "columns.categorical", "'c'", "string", "cannot be continuous");
    }

    @Test
    void categoricalColumnThatIsNotAFeature() throws IOException {
        Result r = validate(edit(valid(), "  target: target\n", "  target: target\n  categorical: [cc]\n"));
        assertUserError(r, "columns.categorical", "'cc'", "features", "did you mean 'c'");
    }

    @Test
    void dataQualityColumnThatIsNotAFeature() throws IOException {
        Result r = validate(
                edit(valid(), "metrics: [mean, row_count, missing_values]}", "metrics: [mean], columns: [y]}"));
        assertUserError(r, "calculators.data_quality.columns", "'y'");
    }

    @Test
    void csvAnalysisWithStringFeatureWhereReferenceIsNumeric() throws IOException {
        Result r = validate(edit(
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
                validate(edit(valid(), "columns:\n", "targets: {path: \"" + ana + "\", join_on: row_id}\ncolumns:\n"));
        assertUserError(r, "targets.join_on", "'row_id'");
    }

    @Test
    void validateRejectsPeriodChunkingWithoutTimestamp() throws IOException {
        String yaml = edit(
                edit(valid(), "  timestamp: timestamp\n", ""), "chunking: {size: 50}", "chunking: {period: month}");
        assertUserError(validate(yaml), "chunking.period", "columns.timestamp");
    }

    /**
     * A column of no role in univariate_drift.columns: validate builds every calculator, so it
     * refuses what the run would refuse (it used to answer "configuration OK"; issue 14). The target
     * is accepted (label shift).
     */
    @Test
    void validateRefusesAColumnOfNoRoleAsADriftColumn() throws IOException {
        String yaml = edit(
                valid(),
                "  data_quality: {metrics: [mean, row_count, missing_values]}",
                "  univariate_drift: {columns: [x, timestamp]}");
        assertUserError(
                validate(yaml),
                "calculators.univariate_drift.columns",
                "'timestamp'",
                "features, scores, prediction or target");
        Result ok = validate(yaml.replace("columns: [x, timestamp]", "columns: [x, target]"));
        assertThat(ok.code()).as(ok.toString()).isZero();
    }

    /** Every calculator's mistake at once, on one line, numbered; the run stops at the first. */
    @Test
    void validateReportsEveryCalculatorMistakeAtOnce() throws IOException {
        String yaml = edit(
                valid(),
                "  data_quality: {metrics: [mean, row_count, missing_values]}",
                "  data_quality: {metrics: [mean], columns: [y]}\n  univariate_drift: {columns: [x, timestamp]}");
        String line = assertUserError(
                validate(yaml),
                "2 mistakes in the configuration: (1) ",
                "; (2) ",
                "calculators.univariate_drift.columns",
                "calculators.data_quality.columns");
        assertThat(line).contains("'timestamp'").contains("'y'");
    }
}
