package dev.vigil.cli;

import static dev.vigil.cli.CliHarness.assertSucceeded;
import static dev.vigil.cli.CliHarness.assertUserError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Bad input (docs/commands.md "Bad input"): empty and small inputs, chunk sizes, timestamps that
 * are missing or unparseable, and the targets table.
 */
class BadInputRowsSparkTest extends BadInputTestBase {
    // ---------------------------------------------------------------- sizes and chunks

    @Test
    void emptyReference() throws IOException {
        String r = parquet("reference_empty", spark.range(ROWS).selectExpr(BASE).limit(0));
        assertUserError(run(edit(valid(), ref, r)), "reference data has no rows");
    }

    /**
     * A header-only analysis CSV reads as columns of strings; the error names the empty file, not
     * the type mismatch that follows from it (issue 19).
     */
    @Test
    void headerOnlyAnalysisCsv() throws IOException {
        Path csv = tmp.resolve("data").resolve("analysis_header_only.csv");
        Files.writeString(csv, "id,timestamp,x,c,y_pred_proba,y_pred,target\n");
        assertUserError(
                run(withAnalysisCsvAt(csv.toString())), "the analysis data ('" + csv + "') has no rows", "header-only");
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
        String yaml = edit(edit(valid(), ref, r), "chunking: {size: 50}", "chunking: {size: 50, incomplete: drop}");
        assertUserError(run(yaml), "reference data has no rows in any chunk", "chunking");
    }

    @Test
    void referenceSmallerThanOneChunkAppendingIncompleteChunks() throws IOException {
        String r = parquet("reference_30_rows_append", base(30));
        String yaml = edit(edit(valid(), ref, r), "chunking: {size: 50}", "chunking: {size: 50, incomplete: append}");
        assertUserError(run(yaml), "chunking.incomplete", "30 rows", "fewer than one chunk of 50");
    }

    @Test
    void negativeChunkSize() throws IOException {
        assertUserError(run(edit(valid(), "size: 50", "size: -5")), "chunking.size", "-5", "positive whole number");
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
        String a = parquet(
                "analysis_null_ts",
                base(ROWS, "if(id % 4 = 0, null, timestamp_seconds(1704067200 + id * 3600)) as timestamp"));
        Run run = runIn(monthly(ref, a));
        assertSucceeded(run.result());
        double counted = values(run.output(), "row_count", null, "analysis").stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        assertThat(counted).isEqualTo(150.0);
        assertThat(run.result().log()).contains("analysis: 50 rows have no timestamp");
        assertThat(notes(run.output(), "analysis"))
                .containsExactly(
                        "50 analysis rows without a timestamp in column 'timestamp' (null or empty) are in no chunk");
    }

    /** {@code yaml} with {@code max_unparsed_values: n} at its top level. */
    static String allowingUnparsed(String yaml, long n) {
        return edit(yaml, "monitor: bad_input\n", "monitor: bad_input\nmax_unparsed_values: " + n + "\n");
    }

    /** Every {@code note} of a period's result rows (distinct). */
    static List<String> notes(String output, String period) {
        return spark
                .read()
                .format("delta")
                .load(output + "/results")
                .where("period = '" + period + "'")
                .select("note")
                .distinct()
                .collectAsList()
                .stream()
                .map(r -> r.isNullAt(0) ? null : r.getString(0))
                .toList();
    }

    private static String badTimestamps() {
        return parquet(
                "analysis_bad_ts",
                base(
                        ROWS,
                        "if(id % 5 = 0, 'not a date', cast(timestamp_seconds(1704067200 + id * 3600) as string)) as timestamp"));
    }

    /**
     * Timestamp texts that do not parse are counted by the scan: above max_unparsed_values (default
     * 0) the run fails naming the column, the dataset, the count, an example and the key (issue 19).
     */
    @Test
    void unparseableTimestampStringsFailTheRun() throws IOException {
        assertUserError(
                run(monthly(ref, badTimestamps())),
                "columns.timestamp",
                "column 'timestamp' has 40 values in the analysis data that are not a timestamp",
                "(e.g. 'not a date')",
                "2024-01-31 13:45:00",
                "max_unparsed_values (now 0)");
    }

    /** At or below max_unparsed_values they are in no chunk, and every analysis result row says so. */
    @Test
    void unparseableTimestampStringsUnderTheThresholdAreLeftOutAndNoted() throws IOException {
        Run run = runIn(allowingUnparsed(monthly(ref, badTimestamps()), 40));
        assertSucceeded(run.result());
        double counted = values(run.output(), "row_count", null, "analysis").stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        assertThat(counted).isEqualTo(160.0);
        assertThat(notes(run.output(), "analysis"))
                .containsExactly("40 analysis rows without a parseable timestamp in column 'timestamp'"
                        + " (e.g. 'not a date') are in no chunk");
        assertThat(notes(run.output(), "reference")).containsExactly((String) null);
        assertUserError(
                run(allowingUnparsed(monthly(ref, badTimestamps()), 39)),
                "40 values in the analysis data",
                "max_unparsed_values (now 39)");
    }

    /**
     * A CSV analysis with one timestamp that does not parse (the column then reads as strings): exit
     * 2 naming it; with the threshold raised the run goes on, the row chunked last, and the note is
     * in the Delta results.
     */
    @Test
    void oneUnparseableTimestampInACsv() throws IOException {
        String yaml = withCsvAnalysis(
                "analysis_one_bad_ts",
                base(
                        ROWS,
                        "if(id = 7, 'not a date', date_format(timestamp_seconds(1704067200 + id * 3600),"
                                + " \"yyyy-MM-dd HH:mm:ss\")) as timestamp"));
        assertUserError(
                run(yaml),
                "column 'timestamp' has 1 value in the analysis data that is not a timestamp (e.g. 'not a date')",
                "max_unparsed_values");
        Run run = runIn(allowingUnparsed(yaml, 1));
        assertSucceeded(run.result());
        assertThat(values(run.output(), "row_count", null, "analysis")).containsExactly(50.0, 50.0, 50.0, 50.0);
        assertThat(notes(run.output(), "analysis"))
                .containsExactly("1 analysis row without a parseable timestamp in column 'timestamp'"
                        + " (e.g. 'not a date') is chunked after the timestamped rows, without dates");
    }

    /**
     * The reference's count is kept in its stored profile: a later run that reuses the profile (the
     * reference is not read) still notes it on the reference rows, and checks it against that run's
     * max_unparsed_values.
     */
    @Test
    void unparseableReferenceTimestampsAreKeptWithTheStoredProfile() throws IOException {
        String r = parquet(
                "reference_bad_ts",
                base(
                        ROWS,
                        "if(id % 50 = 1, 'soon', cast(timestamp_seconds(1704067200 + id * 3600) as string)) as timestamp"));
        String yaml = monthly(r, ana);
        String output = tmp.resolve("out-stored-profile-bad-ts").toString();
        String allowed = configFile(allowingUnparsed(yaml, 4)).toString();
        String note =
                "4 reference rows without a parseable timestamp in column 'timestamp' (e.g. 'soon') are in no chunk";
        for (int run = 0; run < 2; run++) {
            assertSucceeded(CliHarness.vigil("run", "--config", allowed, "--output", output));
            assertThat(notes(output, "reference")).containsExactly(note);
            assertThat(notes(output, "analysis")).containsExactly((String) null);
        }
        assertThat(spark.read()
                        .format("delta")
                        .load(output + "/reference_profiles")
                        .count())
                .as("the second run reused the stored profile")
                .isEqualTo(1);
        assertUserError(
                CliHarness.vigil("run", "--config", configFile(yaml).toString(), "--output", output),
                "4 values in the reference data",
                "(e.g. 'soon')",
                "max_unparsed_values (now 0)");
    }

    @Test
    void onlyUnparseableTimestamps() throws IOException {
        String a = parquet("analysis_all_bad_ts", base(ROWS, "'yesterday' as timestamp"));
        assertUserError(run(monthly(ref, a)), "200 values in the analysis data", "(e.g. 'yesterday')");
        assertUserError(
                run(allowingUnparsed(monthly(ref, a), ROWS)), "analysis data has no rows in any chunk", "timestamp");
    }

    // ---------------------------------------------------------------- targets table

    private static String withTargets(String targets) {
        String analysisWithoutTarget = parquet(
                "analysis_without_target_" + counter.incrementAndGet(),
                spark.range(ROWS).selectExpr(BASE).drop("target"));
        return edit(
                yaml(ref, analysisWithoutTarget, realized()),
                "columns:\n",
                "targets: {path: \"" + targets + "\", format: parquet, join_on: id}\ncolumns:\n");
    }

    @Test
    void duplicateIdsInTheTargetsTable() throws IOException {
        String t = parquet(
                "targets_duplicates",
                spark.range(ROWS)
                        .selectExpr("id", "cast((id * 7) % 10 >= 4 as int) as target")
                        .union(spark.range(ROWS)
                                .where("id = 77")
                                .selectExpr("id", "1 - cast((id * 7) % 10 >= 4 as int) as target")));
        Run run = runIn(withTargets(t));
        String message = assertUserError(run.result(), "targets", "'id'", "more than one row", "77");
        // the check fails inside a Spark job (a checked SparkException on the driver): the run is
        // still recorded, with the one-line error the CLI printed (issue 19)
        List<Row> runs = spark.read()
                .format("delta")
                .load(run.output() + "/runs")
                .select("status", "error")
                .collectAsList();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).getString(0)).isEqualTo("failed");
        assertThat(message).contains(runs.get(0).getString(1));
    }

    @Test
    void targetsTableMissingIds() throws IOException {
        // targets only for the first 100 ids: the last two analysis chunks have none
        String t =
                parquet("targets_half", spark.range(100).selectExpr("id", "cast((id * 7) % 10 >= 4 as int) as target"));
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
}
