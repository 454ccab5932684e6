package dev.vigil.config;

import static dev.vigil.config.ConfigFixture.BASE;
import static dev.vigil.config.ConfigFixture.fails;
import static dev.vigil.config.ConfigFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.Quantiles;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateLimits;
import java.util.List;
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
    void segmentEntriesAreColumnsOrCrossesAndSlicesAreNamedPredicates() {
        MonitorConfig c = parse(BASE + """
        columns:
          segments: [region, [region, product], region]
          slices: {high_value: "amount > 100", night: "hour(ts) < 6"}
          max_segment_values: 7
        """);
        Segmentation s = c.columns().segmentation();
        assertThat(s.entries()).containsExactly(List.of("region"), List.of("region", "product"));
        assertThat(s.slices())
                .containsExactly(Map.entry("high_value", "amount > 100"), Map.entry("night", "hour(ts) < 6"));
        assertThat(s.maxValues()).isEqualTo(7);
        assertThat(c.columns().segments()).containsExactly("region", "product");
        Segmentation d = parse(BASE + "columns: {segments: region}\n").columns().segmentation();
        assertThat(d.entries()).containsExactly(List.of("region"));
        assertThat(d.slices()).isEmpty();
        assertThat(d.maxValues()).isEqualTo(Segmentation.DEFAULT_MAX_VALUES);
    }

    @Test
    void theExactLimitsOfTheStatesDefaultAndAreConfigured() {
        assertThat(parse(BASE).columns().limits()).isEqualTo(StateLimits.DEFAULTS);
        assertThat(StateLimits.DEFAULTS).isEqualTo(new StateLimits(20_000, 1_000));
        StateLimits set = parse(BASE + "columns: {max_exact_values: 5000, max_exact_categories: 50}\n")
                .columns()
                .limits();
        assertThat(set).isEqualTo(new StateLimits(5_000, 50));
        // the scan's states take them: a spec's chunk state is exact up to the configured limit
        Quantiles q = (Quantiles) new Specs.QuantilesOf("x").newState(null, set);
        assertThat(q.capacity()).isEqualTo(5_000);
        CategoryCounts c = (CategoryCounts) new Specs.CategoriesOf("c").newState(null, set);
        for (int i = 0; i < 50; i++) {
            c.add("v" + i);
        }
        assertThat(c.isExact()).isTrue();
        c.add("v50");
        assertThat(c.isExact()).isFalse();
        // unbounded counts (the configured classes' confusion cells) ignore the limit
        CategoryCounts cells = (CategoryCounts) new Specs.CategoriesOf("c", false).newState(null, set);
        for (int i = 0; i < 100; i++) {
            cells.add("v" + i);
        }
        assertThat(cells.isExact()).isTrue();
    }

    @Test
    void segmentValuesEscapePercentAndCommaSoTheOtherGroupCannotCollide() {
        assertThat(Segmentation.encode("EU")).isEqualTo("EU");
        assertThat(Segmentation.encode("a,b%c=d")).isEqualTo("a%2Cb%25c=d");
        assertThat(Segmentation.encode(Segmentation.OTHER)).isNotEqualTo(Segmentation.OTHER);
        assertThat(Segmentation.encode(null)).isEqualTo("null");
        assertThat(Segmentation.key(List.of("region", "product"))).isEqualTo("region,product");
    }

    @Test
    void badSegmentEntriesSlicesAndCaps() {
        // the columns section's text, then what the error must contain (the key first)
        String[][] cases = {
            {"segments: [[region]]", "columns.segments", "two or more different columns"},
            {"segments: [[region, region]]", "columns.segments", "two or more different columns"},
            {"segments: [[region, \"a,b\"]]", "columns.segments", "got 'a,b'", "no ','"},
            {"segments: [[region, \"a=b\"]]", "columns.segments", "got 'a=b'", "first '='"},
            {"segments: [{a: b}]", "columns.segments", "a column name or a list"},
            {"segments: [[region, [x]]]", "columns.segments", "a list of column names"},
            {"slices: [a]", "columns.slices", "{name: Spark SQL boolean expression}"},
            {"slices: {\"a b\": \"x > 1\"}", "columns.slices", "got 'a b'", "letters, digits"},
            {"slices: {a: 3}", "columns.slices.a", "Spark SQL boolean expression"},
            {"slices: {a: \" \"}", "columns.slices.a", "Spark SQL boolean expression"},
            {"segments: [slice], slices: {a: \"x > 1\"}", "columns.segments", "no segment column named 'slice'"},
            {"max_segment_values: 0", "columns.max_segment_values", "positive"},
            {"max_segment_values: many", "columns.max_segment_values", "positive"},
            {"max_exact_values: 0", "columns.max_exact_values", "positive"},
            {"max_exact_values: 2000001", "columns.max_exact_values", "got '2000001'", "at most 2000000"},
            {"max_exact_categories: 1.5", "columns.max_exact_categories", "positive"},
            {"max_exact_categories: 100001", "columns.max_exact_categories", "got '100001'", "at most 100000"},
        };
        for (String[] c : cases) {
            fails(BASE + "columns: {" + c[0] + "}\n", java.util.Arrays.copyOfRange(c, 1, c.length));
        }
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
