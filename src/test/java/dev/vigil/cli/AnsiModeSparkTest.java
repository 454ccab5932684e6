package dev.vigil.cli;

import static dev.vigil.cli.CliHarness.assertSucceeded;
import static dev.vigil.cli.CliHarness.assertUserError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.cli.CliHarness.Result;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Spark 4 turns ANSI mode on by default ({@code spark.sql.ansi.enabled=true}: Databricks Runtime
 * 17+, and the {@code -Pspark4} build's tests), where a cast of an unparseable string or a "/" by
 * zero fails the job instead of giving null. Vigil's results must not depend on it: the same runs
 * with ANSI mode on and off give the same rows, and bad input is handled the same way. Runs on both
 * builds (on Spark 3.5 ANSI mode is off unless set, as here).
 */
class AnsiModeSparkTest extends BadInputTestBase {
    private static final String ANSI = "spark.sql.ansi.enabled";

    /** Runs {@code body} with ANSI mode set to {@code on}, restoring the session's setting. */
    private static <T> T withAnsi(boolean on, Supplier<T> body) {
        String before = spark.conf().get(ANSI);
        spark.conf().set(ANSI, Boolean.toString(on));
        try {
            return body.get();
        } finally {
            spark.conf().set(ANSI, before);
        }
    }

    private static Run runWithAnsi(boolean on, String yaml) {
        return withAnsi(on, () -> {
            try {
                return runIn(yaml);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** The results table's values, in key order, without the run's id and time. */
    private static List<String> resultRows(String output) {
        return spark
                .read()
                .format("delta")
                .load(output + "/results")
                .selectExpr(
                        "calculator",
                        "metric",
                        "coalesce(column_name, '') as column_name",
                        "coalesce(segment, '') as segment",
                        "period",
                        "chunk_index",
                        "value",
                        "sampling_error",
                        "lower_threshold",
                        "upper_threshold",
                        "alert")
                .orderBy("calculator", "metric", "column_name", "segment", "period", "chunk_index")
                .collectAsList()
                .stream()
                .map(Row::toString)
                .toList();
    }

    private static void assertSameWithAnsiOnAndOff(String yaml) {
        Run off = runWithAnsi(false, yaml);
        assertSucceeded(off.result());
        Run on = runWithAnsi(true, yaml);
        assertSucceeded(on.result());
        List<String> expected = resultRows(off.output());
        assertThat(expected).isNotEmpty();
        assertThat(resultRows(on.output())).containsExactlyElementsOf(expected);
    }

    /** Zero targets: MAPE's raw ratio divides by them (null at a zero target, not a failed job). */
    @Test
    void regressionWithZeroTargetsGivesTheSameResults() {
        String[] cols = {
            "id",
            "timestamp_seconds(1704067200 + id * 3600) as timestamp",
            "cast(id as double) * 1.5 as x",
            "cast(id % 7 as double) + 0.5 as y_pred",
            "cast(id % 7 as double) as target"
        };
        String r = parquet("ansi_regression_reference", spark.range(ROWS).selectExpr(cols));
        String a = parquet("ansi_regression_analysis", spark.range(ROWS).selectExpr(cols));
        String yaml = """
        monitor: ansi_regression
        problem_type: regression
        reference: {path: "%s", format: parquet}
        analysis: {path: "%s", format: parquet}
        columns:
          timestamp: timestamp
          id: id
          features: [x]
          prediction: y_pred
          target: target
        chunking: {size: 50}
        calculators:
          realized_performance: {metrics: [mae, mape, mse, rmse, msle, rmsle]}
        """.formatted(r, a);
        assertSameWithAnsiOnAndOff(yaml);
    }

    /**
     * A binary target given as strings ("yes"/"no" is not a label read as 0/1): refused before any row
     * is read, the same with ANSI mode on as off. It used to give null metrics in every chunk ("no rows
     * with both a target and a prediction") with ANSI off, and a failed Spark job with it on.
     */
    @Test
    void aStringBinaryTargetIsRefusedWithAnsiOnAndOff() throws IOException {
        String r = parquet("ansi_string_target_reference", base(ROWS, "if((id * 7) % 10 >= 4, 'yes', 'no') as target"));
        String a = parquet("ansi_string_target_analysis", base(ROWS, "if((id * 7) % 10 >= 4, 'yes', 'no') as target"));
        String yaml = yaml(r, a, "realized_performance: {metrics: [roc_auc, f1]}");
        Result off = runWithAnsi(false, yaml).result();
        Result on = runWithAnsi(true, yaml).result();
        assertUserError(off, "columns.target", "'target'", "reference data", "type string", "0/1 numbers or booleans");
        assertThat(on.err()).isEqualTo(off.err());
    }

    @Test
    void unparseableTimestampStringsAreLeftOutWithAnsiOn() throws IOException {
        String a = parquet(
                "ansi_bad_ts",
                base(
                        ROWS,
                        "if(id % 5 = 0, 'not a date', cast(timestamp_seconds(1704067200 + id * 3600) as string)) as timestamp"));
        String yaml = edit(
                yaml(ref, a, "data_quality: {metrics: [row_count]}"),
                "chunking: {size: 50}",
                "chunking: {period: day}");
        assertUserError(runWithAnsi(true, yaml).result(), "40 values in the analysis data", "(e.g. 'not a date')");
        Run run = runWithAnsi(true, BadInputRowsSparkTest.allowingUnparsed(yaml, 40));
        assertSucceeded(run.result());
        assertThat(run.result().log()).contains("analysis: 40 rows have no timestamp");
        assertThat(BadInputRowsSparkTest.notes(run.output(), "analysis"))
                .containsExactly("40 analysis rows without a parseable timestamp in column 'timestamp'"
                        + " (e.g. 'not a date') are in no chunk");
    }

    @Test
    void onlyUnparseableTimestampsWithAnsiOn() throws IOException {
        String a = parquet("ansi_all_bad_ts", base(ROWS, "'yesterday' as timestamp"));
        String yaml = edit(
                yaml(ref, a, "data_quality: {metrics: [row_count]}"),
                "chunking: {size: 50}",
                "chunking: {period: day}");
        assertUserError(runWithAnsi(true, yaml).result(), "200 values in the analysis data", "(e.g. 'yesterday')");
        assertUserError(
                runWithAnsi(true, BadInputRowsSparkTest.allowingUnparsed(yaml, ROWS))
                        .result(),
                "analysis data has no rows in any chunk",
                "timestamp");
    }
}
