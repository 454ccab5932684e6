package dev.vigil.cli;

import static dev.vigil.cli.CliHarness.assertSucceeded;
import static dev.vigil.cli.CliHarness.assertUserError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * Bad input (docs/commands.md "Bad input"): columns missing, misspelled or of the wrong type, in
 * the reference, the analysis or the score mapping.
 */
class BadInputColumnsSparkTest extends BadInputTestBase {
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
        String yaml = edit(
                yaml(refS, anaS, "data_quality: {metrics: [mean]}"),
                "  target: target\n",
                "  target: target\n  categorical: [c]\n");
        assertUserError(run(yaml), "columns.categorical", "'x'", "string", "cannot be continuous");
    }

    @Test
    void csvAnalysisWithADifferentSchema() throws IOException {
        String yaml = withCsvAnalysis(
                "analysis_other_schema",
                spark.range(ROWS).selectExpr(BASE).drop("c").withColumnRenamed("x", "x_renamed"));
        assertUserError(run(yaml), "columns.features", "'x'", "analysis data", "x_renamed");
    }

    /**
     * An analysis CSV whose scores are text ("0.87%"): exit 2 naming the key, the column, the dataset
     * and the type (the run used to succeed with every score null and estimated F1 alerting on every
     * chunk; issue 19).
     */
    @Test
    void csvAnalysisWithTextScores() throws IOException {
        String yaml = withCsvAnalysis(
                "analysis_text_scores",
                spark.range(ROWS)
                        .selectExpr(BASE)
                        .withColumn(
                                "y_pred_proba", functions.concat(functions.col("y_pred_proba"), functions.lit("%"))));
        assertUserError(
                run(yaml), "columns.scores", "'y_pred_proba'", "analysis data", "type string", "expected a numeric");
    }

    /**
     * With columns.features defaulted, a reference column the analysis lacks is left out, the log says
     * so in one line naming the column and the analysis data, and the results have its alerting
     * data_quality schema_change row (it used to vanish without a word; a reference often carries its
     * target under no role, so refusing it would refuse ordinary monitors). Listed features that name
     * it are refused.
     */
    @Test
    void defaultFeatureMissingFromTheAnalysis() throws IOException {
        String a =
                parquet("analysis_without_c", spark.range(ROWS).selectExpr(BASE).drop("c"));
        Run defaulted = runIn(edit(valid().replace(ana, a), "  features: [x, c]\n", ""));
        assertSucceeded(defaulted.result());
        assertThat(defaulted.result().log())
                .contains("reference column 'c' is not in the analysis data ('" + a + "'): not monitored");
        assertThat(results(defaulted.output(), "schema_change", "c", "analysis"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.<Boolean>getAs("alert")).isTrue();
                    assertThat(r.<String>getAs("note")).isEqualTo("missing from the analysis");
                });
        assertUserError(run(valid().replace(ana, a)), "columns.features", "'c'", "analysis data");
    }

    /**
     * Columns whose names differ only in case ("x" and "X"): Spark, case-insensitive by default,
     * cannot tell them apart. Refused, with what to do; with spark.sql.caseSensitive=true the run works.
     */
    @Test
    void columnsWhoseNamesDifferOnlyInCase() throws IOException {
        String twins;
        spark.conf().set("spark.sql.caseSensitive", "true");
        try {
            twins = parquet("analysis_case_twins", base(ROWS, "x * 2 as X"));
        } finally {
            spark.conf().unset("spark.sql.caseSensitive");
        }
        assertUserError(
                run(valid().replace(ana, twins)),
                "analysis.path",
                twins,
                "`x`",
                "differ only in case",
                "spark.sql.caseSensitive=true");
        spark.conf().set("spark.sql.caseSensitive", "true");
        try {
            assertSucceeded(run(valid().replace(ana, twins)));
        } finally {
            spark.conf().unset("spark.sql.caseSensitive");
        }
    }

    @Test
    void multiclassScoreMappingNamesAMissingColumn() throws IOException {
        String yaml = multiclass().replace("c: p_c}", "c: p_cc}");
        assertUserError(run(yaml), "columns.scores.c", "'p_cc'", "did you mean 'p_c'");
    }

    // ---------------------------------------------------------------- multiclass

    @Test
    void multiclassPredictionOfAClassTheScoresDoNotName() throws IOException {
        String yaml = multiclass();
        String a = parquet(
                "multiclass_analysis_unseen_class",
                spark.range(ROWS)
                        .selectExpr(multiclassColumns(
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
}
