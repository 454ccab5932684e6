package dev.vigil.cli;

import static dev.vigil.cli.BadInputTestBase.ROWS;
import static dev.vigil.cli.BadInputTestBase.results;
import static dev.vigil.cli.BadInputTestBase.values;
import static dev.vigil.cli.CliHarness.assertSucceeded;
import static dev.vigil.cli.CliHarness.assertUserError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.cli.BadInputMatrix.Format;
import dev.vigil.cli.BadInputMatrix.Input;
import dev.vigil.cli.BadInputMatrix.Role;
import dev.vigil.cli.BadInputTestBase.Run;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What each case of {@link BadInputMatrix} must show: exit 2 with one line naming the column or
 * file and the key, or exit 0 with the affected values null (or the legal reading) and the reason
 * in the results or the log.
 */
final class BadInputMatrixExpectations implements BadInputMatrix.Expectations, BadInputMatrix.ModelExpectations {
    private final SparkSession spark;
    private final BadInputModelExpectations models;

    BadInputMatrixExpectations(SparkSession spark) {
        this.spark = spark;
        this.models = new BadInputModelExpectations(spark);
    }

    @Override
    public Consumer<Run> model(BadInputMatrix.Problem p, Role r, String mutation) {
        return models.model(p, r, mutation);
    }

    static Consumer<Run> userError(String... fragments) {
        return r -> assertUserError(r.result(), fragments);
    }

    static Consumer<Run> succeeds(Consumer<Run> then) {
        return r -> {
            assertSucceeded(r.result());
            then.accept(r);
        };
    }

    /** Exit 2: {@code count} analysis timestamps that do not parse, quoting {@code example}. */
    static Consumer<Run> unparsedTimestamps(long count, String example) {
        return userError(
                "columns.timestamp",
                "'timestamp'",
                count + " values in the analysis data",
                "not a timestamp (e.g. '" + example + "')",
                "max_unparsed_values (now 0)");
    }

    /** Runs: {@code count} analysis rows without a timestamp, chunked last, logged and noted. */
    static Consumer<Run> missingTimestamps(long count) {
        return succeeds(run -> {
            assertThat(run.result().log()).contains("analysis: " + count + " rows have no timestamp");
            assertThat(results(run.output(), "mean", "x", "analysis"))
                    .extracting(row -> row.<String>getAs("note"))
                    .containsOnly(count
                            + " analysis rows without a timestamp in column 'timestamp' (null or empty) are chunked"
                            + " after the timestamped rows, without dates");
        });
    }

    static Consumer<Run> logs(String text) {
        return succeeds(r -> assertThat(r.result().log()).contains(text));
    }

    long segmentRows(Run run, String segment) {
        return spark.read()
                .format("delta")
                .load(run.output() + "/results")
                .where("segment = '" + segment + "'")
                .count();
    }

    static String q(String column) {
        return "'" + column + "'";
    }

    @Override
    public Consumer<Run> text(Role r, Input in) {
        if (r == Role.TIMESTAMP) {
            // texts that are not timestamps: counted, above max_unparsed_values (0) the run fails
            return unparsedTimestamps(ROWS, "v0");
        }
        if (r == Role.CONTINUOUS) {
            return in == Input.ANALYSIS
                    ? userError("columns.features", "'x'", "analysis data", "string")
                    : userError("columns.categorical", "'x'", "reference data", "string", "cannot be continuous");
        }
        return userError(r.key, q(r.column), in.key() + " data", "type string");
    }

    @Override
    public Consumer<Run> number(Role r) {
        return switch (r) {
            case TIMESTAMP -> userError("columns.timestamp", "'timestamp'", "analysis data", "bigint");
            case CATEGORICAL ->
                succeeds(run -> {
                    assertThat(values(run.output(), "unseen_values", "c", "analysis"))
                            .containsOnly(0.0);
                    assertThat(values(run.output(), "jensen_shannon", "c", "analysis"))
                            .doesNotContainNull();
                });
            default ->
                succeeds(run -> assertThat(spark.read()
                                .format("delta")
                                .load(run.output() + "/results")
                                .where("segment = 's=1'")
                                .count())
                        .isPositive());
        };
    }

    @Override
    public Consumer<Run> allNull(Role r) {
        return switch (r) {
            case CONTINUOUS, CATEGORICAL ->
                succeeds(run -> {
                    assertThat(values(run.output(), "missing_values", r.column, "analysis"))
                            .containsOnly(1.0);
                    assertThat(run.result().log())
                            .contains("column '" + r.column + "' has no values in the analysis data");
                });
            case SCORE -> noScores();
            case PREDICTION, TARGET, ID -> noTargetAndPrediction();
            case TIMESTAMP -> missingTimestamps(ROWS);
            default ->
                succeeds(run -> {
                    assertThat(segmentRows(run, "s=null")).isPositive();
                    assertThat(run.result().log()).contains("segment(s) [s=null] have no rows in the reference");
                });
        };
    }

    private static Consumer<Run> noScores() {
        return succeeds(run -> {
            // realized and estimated: both null without scores
            assertThat(values(run.output(), "roc_auc", null, "analysis"))
                    .hasSize(8)
                    .containsOnlyNulls();
            assertThat(run.result().log()).contains("has no rows with a score");
            // and the results say why, on each of those rows
            assertThat(results(run.output(), "roc_auc", null, "analysis"))
                    .extracting(row -> row.<String>getAs("note"))
                    .containsOnly("50 of 50 rows have no score");
        });
    }

    private static Consumer<Run> noTargetAndPrediction() {
        return succeeds(run -> {
            assertThat(values(run.output(), "f1", null, "analysis")).hasSize(4).containsOnlyNulls();
            assertThat(run.result().log()).contains("has no rows with both a target");
            assertThat(results(run.output(), "f1", null, "analysis"))
                    .extracting(row -> row.<String>getAs("note"))
                    .allSatisfy(n -> assertThat(n).matches(".*50 of 50 rows have no (target|prediction).*"));
        });
    }

    @Override
    public Consumer<Run> nonFinite(Role r, String what) {
        return switch (r) {
            case CONTINUOUS ->
                succeeds(run -> {
                    assertThat(values(run.output(), "missing_values", "x", "analysis"))
                            .containsOnly(0.1);
                    if (what.equals("Inf")) {
                        assertThat(run.result().log()).contains("column 'x' has 20 infinite values");
                    }
                });
            case SCORE -> noScores();
            default -> noTargetAndPrediction();
        };
    }

    @Override
    public Consumer<Run> emptyStrings(Role r) {
        return switch (r) {
            case CONTINUOUS ->
                succeeds(run -> assertThat(values(run.output(), "missing_values", "x", "analysis"))
                        .containsOnly(0.1));
            case CATEGORICAL ->
                succeeds(run -> assertThat(values(run.output(), "unseen_values", "c", "analysis"))
                        .containsOnly(0.1));
            case TIMESTAMP -> missingTimestamps(20);
            case ID ->
                // the targets' ids are numbers: a string id column is refused before the join casts it
                userError("targets.join_on", "'id'", "string in the analysis data", "bigint in the targets data");
            case SEGMENT ->
                succeeds(run -> {
                    assertThat(segmentRows(run, "s=")).isPositive();
                    assertThat(run.result().log()).contains("segment(s) [s=] have no rows in the reference");
                });
            default ->
                succeeds(run -> assertThat(values(run.output(), "roc_auc", null, "analysis"))
                        .doesNotContainNull());
        };
    }

    @Override
    public Consumer<Run> outOfRange(Role r, String value) {
        return r == Role.SCORE
                ? userError("columns.scores", "'y_pred_proba'", "analysis data", "the value 1.25", "outside [0, 1]")
                : userError(r.key, q(r.column), "the value 2", "analysis data", "0 or 1");
    }

    @Override
    public Consumer<Run> nested(Role r, Input in, String type) {
        return userError(r.key, q(r.column), in.key() + " data", type);
    }

    @Override
    public Consumer<Run> timezoneAware() {
        return succeeds(run -> {
            Row first = results(run.output(), "mean", "x", "analysis").get(0);
            assertThat(((java.sql.Timestamp) first.getAs("chunk_start_date")).toInstant())
                    .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        });
    }

    @Override
    public Consumer<Run> mixedCsv(Role r) {
        return switch (r) {
            case CONTINUOUS -> userError("columns.features", "'x'", "string in the analysis data");
            case TIMESTAMP -> unparsedTimestamps(4, "n/a");
            case CATEGORICAL ->
                succeeds(run -> assertThat(values(run.output(), "unseen_values", "c", "analysis"))
                        .contains(0.02));
            default -> userError(r.key, q(r.column), "analysis data", "type string");
        };
    }

    @Override
    public Consumer<Run> caseTwin(Role r) {
        return userError("analysis.path", "`" + r.column + "`", "differ only in case");
    }

    @Override
    public Consumer<Run> joinOnNested() {
        return userError("targets.join_on", "'id'", "targets data", "array<");
    }

    @Override
    public Consumer<Run> defaultFeatureNested() {
        return logs("[tags (array<double>)] are neither numbers, strings nor booleans and are not monitored");
    }

    @Override
    public Consumer<Run> file(Input in, Format f) {
        return switch (f) {
            case HEADER_ONLY -> userError("the " + in.key() + " data ('", "has no rows");
            case MISSING -> userError(in.key() + ".path", "no such file or directory");
            default -> userError(in.key() + ".path", "not readable as parquet");
        };
    }
}
