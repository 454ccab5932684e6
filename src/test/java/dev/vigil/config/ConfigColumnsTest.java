package dev.vigil.config;

import static dev.vigil.config.ConfigFixture.BASE;
import static dev.vigil.config.ConfigFixture.fails;
import static dev.vigil.config.ConfigFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ConfigLoader}: the columns section, scores of each problem type, problem types. */
class ConfigColumnsTest {
    @Test
    void multiclassScoresMapClassLabelToColumn() {
        MonitorConfig c = parse(BASE + """
        problem_type: multiclass_classification
        columns:
          prediction: y_pred
          scores: {prepaid_card: y_pred_proba_prepaid_card, highstreet_card: y_pred_proba_highstreet_card, "3": p3}
        """);
        assertThat(c.problemType()).isEqualTo(ProblemType.MULTICLASS_CLASSIFICATION);
        assertThat(c.columns().scores())
                .containsOnly(
                        Map.entry("prepaid_card", "y_pred_proba_prepaid_card"),
                        Map.entry("highstreet_card", "y_pred_proba_highstreet_card"),
                        Map.entry("3", "p3"));
        assertThat(c.columns().roleColumns()).contains("y_pred", "y_pred_proba_prepaid_card", "p3");
    }

    @Test
    void binaryScoreIsStoredUnderTheEmptyLabel() {
        MonitorConfig c = parse(BASE + "columns: {scores: y_pred_proba, features: x, segments: [region]}\n");
        assertThat(c.columns().scores()).containsExactly(Map.entry("", "y_pred_proba"));
        assertThat(c.columns().features()).containsExactly("x");
        assertThat(c.columns().segments()).containsExactly("region");
    }

    @Test
    void aSegmentColumnWithAnEqualsSignIsRefusedAndAFeatureKeepsIt() {
        fails(BASE + "columns: {segments: [\"a=b\"]}\n", "columns.segments", "got 'a=b'", "split it at the first '='");
        assertThat(parse(BASE + "columns: {features: [\"a=b\"]}\n").columns().features())
                .containsExactly("a=b");
    }

    @Test
    void multiclassWithOneScoreColumn() {
        fails(
                BASE + "problem_type: multiclass_classification\ncolumns: {scores: y_pred_proba}\n",
                "columns.scores",
                "class_label");
    }

    @Test
    void binaryWithAScoreMapping() {
        fails(BASE + "columns: {scores: {a: pa, b: pb}}\n", "columns.scores", "binary_classification");
    }

    @Test
    void regressionWithScores() {
        fails(BASE + "problem_type: regression\ncolumns: {scores: p}\n", "columns.scores", "regression");
    }

    @Test
    void unknownProblemType() {
        fails(BASE + "problem_type: binary\n", "problem_type", "'binary' is not known", "binary_classification");
    }

    @Test
    void unknownColumnsKey() {
        fails(BASE + "columns: {feature: [a]}\n", "columns.feature", "not known", "did you mean 'features'");
    }

    @Test
    void targetsWithoutAnyJoinColumn() {
        fails(BASE + "targets: {path: /t.parquet}\n", "targets.join_on", "missing");
    }
}
