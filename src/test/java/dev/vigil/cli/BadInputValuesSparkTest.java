package dev.vigil.cli;

import static dev.vigil.cli.CliHarness.assertSucceeded;
import static dev.vigil.cli.CliHarness.assertUserError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Bad input (docs/commands.md "Bad input"): all-null columns, NaN and ±Inf in features, scores and
 * targets, scores outside [0, 1].
 */
class BadInputValuesSparkTest extends BadInputTestBase {
    // ---------------------------------------------------------------- values

    @Test
    void allNullColumnGivesNullStatisticsAndALoggedReason() throws IOException {
        String r = parquet("reference_null_x", base(ROWS, "cast(null as double) as x"));
        String a = parquet("analysis_null_x", base(ROWS, "cast(null as double) as x"));
        Run run = runIn(
                yaml(r, a, "data_quality: {metrics: [mean, missing_values]}\n  univariate_drift: {columns: [x, c]}"));
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
                parquet("analysis_nan_x", base(ROWS, "if(id % 10 = 0, double('NaN'), cast(id as double) * 1.5) as x"));
        Run run = runIn(yaml(ref, a, "data_quality: {metrics: [mean, missing_values]}"));
        assertSucceeded(run.result());
        assertThat(values(run.output(), "missing_values", "x", "analysis")).containsOnly(0.1);
        // chunk 0: ids 0..49 without multiples of 10
        double expected = LongStream.range(0, 50)
                .filter(i -> i % 10 != 0)
                .mapToDouble(i -> i * 1.5)
                .average()
                .orElseThrow();
        assertThat(values(run.output(), "mean", "x", "analysis").get(0)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void infinityInFeaturesIsMissingAndLogged() throws IOException {
        String a = parquet(
                "analysis_inf_x",
                base(
                        ROWS,
                        "case when id % 20 = 0 then double('Infinity') when id % 20 = 1 then double('-Infinity') "
                                + "else cast(id as double) * 1.5 end as x"));
        Run run = runIn(
                yaml(ref, a, "data_quality: {metrics: [mean, missing_values]}\n  univariate_drift: {columns: [x]}"));
        assertSucceeded(run.result());
        // ids 0, 1, 20, 21, 40, 41 in chunk 0; 60, 61, 80, 81 in chunk 1; ...
        assertThat(values(run.output(), "missing_values", "x", "analysis")).containsExactly(0.12, 0.08, 0.12, 0.08);
        double expected = LongStream.range(0, 50)
                .filter(i -> i % 20 > 1)
                .mapToDouble(i -> i * 1.5)
                .average()
                .orElseThrow();
        assertThat(values(run.output(), "mean", "x", "analysis").get(0)).isCloseTo(expected, within(1e-9));
        assertThat(values(run.output(), "jensen_shannon", "x", "analysis")).doesNotContainNull();
        assertThat(run.result().log())
                .contains("analysis: column 'x' has 20 infinite values (+Inf/-Inf), treated as missing");
    }

    @Test
    void infinityInTheReferenceDoesNotPoisonTheFittedBins() throws IOException {
        String r =
                parquet("reference_inf_x", base(ROWS, "if(id = 7, double('Infinity'), cast(id as double) * 1.5) as x"));
        Run withInf = runIn(yaml(
                r, ana, "univariate_drift: {columns: [x], continuous_methods: [jensen_shannon, kolmogorov_smirnov]}"));
        String rNull = parquet("reference_null7_x", base(ROWS, "if(id = 7, null, cast(id as double) * 1.5) as x"));
        Run withNull = runIn(yaml(
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

    /**
     * NaN and ±Inf in a score or target column give the same numbers as null there (rows left out, as
     * NannyML).
     */
    private void assertSameAsNull(String column, String badValue) throws IOException {
        String orig = Arrays.stream(BASE)
                .filter(b -> b.endsWith(" as " + column))
                .findFirst()
                .orElseThrow();
        String expr = orig.substring(0, orig.lastIndexOf(" as "));
        String cast = column.equals("target") ? "cast(" + expr + " as double)" : expr;
        String bad = parquet(
                "analysis_bad_" + column + "_" + counter.incrementAndGet(),
                base(ROWS, "if(id % 7 = 3, " + badValue + ", " + cast + ") as " + column));
        String nul = parquet(
                "analysis_null_" + column + "_" + counter.incrementAndGet(),
                base(ROWS, "if(id % 7 = 3, cast(null as double), " + cast + ") as " + column));
        Run a = runIn(yaml(ref, bad, realized()));
        Run b = runIn(yaml(ref, nul, realized()));
        assertSucceeded(a.result());
        assertSucceeded(b.result());
        for (String m : List.of("roc_auc", "f1", "accuracy")) {
            List<Double> v = values(a.output(), m, null, "analysis");
            assertThat(v).hasSize(4).doesNotContainNull().isEqualTo(values(b.output(), m, null, "analysis"));
        }
        // the rows left out are counted on each chunk's realized rows, the same for NaN, ±Inf and null
        // (ids with id % 7 = 3: 7, 7, 7 and 8 of each chunk's 50)
        String what = column.equals("target") ? "target" : "score";
        List<String> expected = List.of(7, 7, 7, 8).stream()
                .map(n -> n + " of 50 rows have no " + what)
                .toList();
        assertThat(notes(a.output(), "roc_auc")).isEqualTo(expected).isEqualTo(notes(b.output(), "roc_auc"));
        // f1 reads the target and the prediction, not the score
        assertThat(notes(a.output(), "f1"))
                .isEqualTo(what.equals("target") ? expected : Arrays.asList(null, null, null, null))
                .isEqualTo(notes(b.output(), "f1"));
    }

    /** The analysis {@code note} of a model-level metric's rows, in chunk order. */
    private static List<String> notes(String output, String metric) {
        return results(output, metric, null, "analysis").stream()
                .map(r -> r.<String>getAs("note"))
                .toList();
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

    /**
     * Chunks whose scores are all missing have no estimate: CBPE's value is null and does not alert
     * (its F1 used to be 0 on such a chunk, an alert; issue 19). Scored chunks keep their estimates.
     */
    @Test
    void chunksWithoutScoresHaveNoEstimate() throws IOException {
        String a = parquet(
                "analysis_scores_missing_late",
                base(ROWS, "if(id >= 100, cast(null as double), cast(id % 10 as double) / 10.0) as y_pred_proba"));
        Run run = runIn(yaml(ref, a, "estimated_performance: {metrics: [f1, roc_auc]}"));
        assertSucceeded(run.result());
        assertThat(run.result().log())
                .contains("estimated_performance: chunk [100:149] has no rows with a score and a prediction")
                .doesNotContain("chunk [0:49] has no rows with a score");
        for (String metric : List.of("f1", "roc_auc")) {
            List<Row> rows = results(run.output(), metric, null, "analysis");
            assertThat(rows).as(metric).hasSize(4);
            for (int i = 0; i < 4; i++) {
                Row r = rows.get(i);
                boolean scored = i < 2;
                assertThat(r.isNullAt(r.fieldIndex("value")))
                        .as(metric + " chunk " + i)
                        .isEqualTo(!scored);
                if (!scored) {
                    assertThat(r.<Boolean>getAs("alert"))
                            .as(metric + " chunk " + i)
                            .isFalse();
                }
                // why the value is missing, on the rows it is missing from
                assertThat(r.<String>getAs("note"))
                        .as(metric + " chunk " + i)
                        .isEqualTo(scored ? null : "50 of 50 rows have no score");
            }
        }
    }

    @Test
    void scoresAboveOneInTheAnalysis() throws IOException {
        String a = parquet(
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
        String r = parquet(
                "reference_negative_scores", base(ROWS, "cast(id % 10 as double) / 10.0 - 0.5 as y_pred_proba"));
        assertUserError(
                run(yaml(r, ana, "univariate_drift: {}")),
                "columns.scores",
                "'y_pred_proba'",
                "reference data",
                "outside [0, 1]",
                "-0.5");
    }
}
