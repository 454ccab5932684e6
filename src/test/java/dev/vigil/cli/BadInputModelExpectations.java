package dev.vigil.cli;

import static dev.vigil.cli.BadInputMatrixExpectations.q;
import static dev.vigil.cli.BadInputMatrixExpectations.succeeds;
import static dev.vigil.cli.BadInputMatrixExpectations.userError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.cli.BadInputMatrix.Problem;
import dev.vigil.cli.BadInputMatrix.Role;
import dev.vigil.cli.BadInputTestBase.Run;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * What the multiclass and regression cases of {@link BadInputMatrix} must show: a column whose
 * type cannot carry the role, a probability outside [0, 1] and a class the scores do not name are
 * exit 2 naming key, column and dataset; missing values (null, NaN, ±Inf, empty CSV fields) leave
 * the rows out, the metrics they empty null and say so in the log; a metric undefined on its rows
 * (msle of a negative value) is null with its reason.
 */
final class BadInputModelExpectations implements BadInputMatrix.ModelExpectations {
    private final SparkSession spark;

    BadInputModelExpectations(SparkSession spark) {
        this.spark = spark;
    }

    /** One calculator's values of a metric on the analysis chunks, whole population, in chunk order. */
    private List<Double> values(Run run, String calculator, String metric) {
        return spark
                .read()
                .format("delta")
                .load(run.output() + "/results")
                .where("calculator = '" + calculator + "' and metric = '" + metric
                        + "' and period = 'analysis' and segment is null")
                .orderBy("chunk_index")
                .collectAsList()
                .stream()
                .map(r -> r.isNullAt(r.fieldIndex("value")) ? null : r.getDouble(r.fieldIndex("value")))
                .toList();
    }

    private static String key(Problem p, Role r) {
        return r == Role.SCORE ? "columns.scores.a" : r.key;
    }

    @Override
    public Consumer<Run> model(Problem p, Role r, String mutation) {
        String key = key(p, r);
        String column = q(p.column(r));
        String realizedMetric = p == Problem.REGRESSION ? "mae" : "f1";
        return switch (mutation) {
            case "text (analysis)", "mixed-type CSV column" ->
                userError(key, column, "analysis data", "type string", "expected a numeric column");
            case "text (reference)" -> userError(key, column, "reference data", "type string");
            case "array" -> userError(key, column, "analysis data", "array<", "cannot carry a role");
            case "struct" -> userError(key, column, "reference data", "struct<", "cannot carry a role");
            case "NaN", "±Inf", "all null" ->
                r == Role.SCORE
                        ? succeeds(run -> {
                            assertThat(run.result().log())
                                    .contains("column 'p_a' has no values in the analysis data")
                                    .contains("estimated_performance: chunk [0:49] has no rows with a score and a"
                                            + " prediction to estimate from");
                            assertThat(values(run, "estimated_performance", "f1"))
                                    .hasSize(4)
                                    .containsOnlyNulls();
                        })
                        : succeeds(run -> {
                            assertThat(run.result().log())
                                    .contains("realized_performance: chunk [0:49] has no rows with both a target and a"
                                            + " prediction; its metrics are null");
                            assertThat(values(run, "realized_performance", realizedMetric))
                                    .hasSize(4)
                                    .containsOnlyNulls();
                        });
            case "empty strings" ->
                p.numeric(r)
                        // an empty CSV field is a missing value: its rows are left out, the rest measured
                        ? succeeds(run -> assertThat(values(
                                        run,
                                        r == Role.SCORE ? "estimated_performance" : "realized_performance",
                                        realizedMetric))
                                .hasSize(4)
                                .doesNotContainNull())
                        // an empty string is a class like any other, which the scores must name
                        : userError(key, column, "class ''", "analysis data", "columns.scores does not name");
            case "number" -> userError(key, column, "class '0'", "reference data", "columns.scores does not name");
            case "out of range" ->
                switch (p) {
                    case MULTICLASS ->
                        r == Role.SCORE
                                ? userError(key, column, "1.25", "analysis data", "outside [0, 1]")
                                : userError(key, column, "class 'z'", "analysis data", "columns.scores does not name");
                    default ->
                        // msle takes log(1 + value): chunk 0's -3 makes it undefined there, and the log says why
                        succeeds(run -> {
                            assertThat(run.result().log())
                                    .contains("realized_performance: chunk [0:49]: msle is null: a target or prediction"
                                            + " is negative");
                            List<Double> msle = values(run, "realized_performance", "msle");
                            assertThat(msle).hasSize(4);
                            assertThat(msle.get(0)).isNull();
                            assertThat(msle.subList(1, 4)).doesNotContainNull();
                            assertThat(values(run, "realized_performance", "mae"))
                                    .doesNotContainNull();
                        });
                };
            default -> throw new IllegalArgumentException(mutation);
        };
    }
}
