package dev.vigil.cli;

import static dev.vigil.cli.CliHarness.assertSucceeded;
import static dev.vigil.cli.CliHarness.assertUserError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vigil.cli.BadInputMatrix.Case;
import dev.vigil.cli.BadInputMatrix.Command;
import dev.vigil.cli.BadInputMatrix.Format;
import dev.vigil.cli.BadInputMatrix.Input;
import dev.vigil.cli.BadInputMatrix.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The generated bad-input matrix (docs/commands.md "Bad input"): every column role (continuous and
 * categorical feature, score, prediction, target, timestamp, id, segment) × every mutation that
 * applies to it (text where a number is expected, a number where a category is expected, all null,
 * NaN, ±Inf, empty strings, out of range, array and struct columns, timezone-aware timestamp
 * strings, a mixed-type CSV column, a case-only twin column), and every input (reference, analysis,
 * targets) × header-only, missing and corrupt files; through the real command line, one tiny file
 * per case. Each case either stops with exit 2 and one stderr line naming the column or file and
 * the key, or runs with the affected values null (or a documented legal reading) and the reason in
 * the results or the log. Never exit 1, never a stack trace. {@code validate} (schemas only) where
 * the schemas decide; {@code run} where only the rows do.
 *
 * <p>Decided here: numbers are legal categories when listed in {@code columns.categorical} (and
 * legal segment values); an empty string is a category (and a segment value) like any other; an
 * empty CSV field is a missing value; a timezone-aware timestamp string is read as its instant.
 */
class BadInputMatrixSparkTest extends BadInputTestBase {
    /**
     * Cases that fail today, each with the reason (none is skipped: such a case passes only while it
     * still fails, so a fix shows here).
     */
    static final Map<String, String> EXPECTED_FAILURES = Map.of();

    @TestFactory
    Stream<DynamicTest> matrix() throws IOException {
        List<Case> cases = BadInputMatrix.cases(new Expect());
        System.out.println("bad-input matrix: " + cases.size() + " cases");
        assertThat(cases).extracting(Case::name).doesNotHaveDuplicates();
        assertThat(BadInputTableDocTest.section())
                .as("docs/commands.md \"Bad input\" gives the matrix's case count")
                .contains("`BadInputMatrixSparkTest.matrix` generates **" + cases.size() + " cases**");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private void check(Case c) throws IOException {
        Run run = execute(c);
        String known = EXPECTED_FAILURES.get(c.name());
        if (known == null) {
            assertThat(run.result().code()).as(run.result().toString()).isNotEqualTo(1);
            c.expect().accept(run);
            return;
        }
        try {
            c.expect().accept(run);
        } catch (AssertionError expected) {
            System.out.println("bad-input matrix: expected failure '" + c.name() + "': " + known);
            return;
        }
        fail("'" + c.name() + "' now passes: remove it from EXPECTED_FAILURES");
    }

    // ---------------------------------------------------------------- inputs and configurations

    private static String file(Case c) {
        return "matrix_" + c.name().replaceAll("[^A-Za-z0-9]+", "_");
    }

    private Run execute(Case c) throws IOException {
        String reference = matrixReference();
        String analysis = matrixAnalysis();
        String analysisFormat = "parquet";
        String targets = null;
        String referenceFormat = "parquet";
        boolean withTargets = c.joinsTargets();
        if (withTargets) {
            analysis = written.computeIfAbsent(
                    "matrix_analysis_without_target",
                    n -> parquet(n, base(ROWS, BadInputMatrix.SEGMENT_EXPR).drop("target")));
            targets = written.computeIfAbsent("matrix_targets", n -> parquet(n, targetRows()));
        }
        String path;
        if (c.format() == Format.PARQUET || c.format() == Format.CSV) {
            Dataset<Row> rows = c.input() == Input.TARGETS ? targetRows() : base(ROWS, BadInputMatrix.SEGMENT_EXPR);
            rows = rows.selectExpr(replaced(rows.columns(), c.replacement()));
            if (withTargets && c.input() == Input.ANALYSIS) {
                rows = rows.drop("target");
            }
            path = c.format() == Format.CSV ? csv(file(c), rows) : twinSafeParquet(file(c), rows);
        } else {
            path = rawFile(c);
        }
        String format = c.format() == Format.PARQUET ? "parquet" : c.format() == Format.CSV ? "csv" : rawFormat(c);
        switch (c.input()) {
            case REFERENCE -> {
                reference = path;
                referenceFormat = format;
            }
            case ANALYSIS -> {
                analysis = path;
                analysisFormat = format;
            }
            case TARGETS -> targets = path;
            case BOTH -> {
                reference = path;
                analysis = twinSafeParquet(
                        file(c) + "_analysis",
                        base(ROWS, BadInputMatrix.SEGMENT_EXPR)
                                .selectExpr(replaced(
                                        base(ROWS, BadInputMatrix.SEGMENT_EXPR).columns(), c.replacement())));
            }
        }
        String yaml = config(
                reference,
                referenceFormat,
                analysis,
                analysisFormat,
                targets,
                c.input() == Input.TARGETS ? rawFormat(c) : "parquet",
                c.extraColumns(),
                c.calculators());
        if (c.command() == Command.VALIDATE) {
            return new Run(validate(yaml), null);
        }
        return runIn(yaml);
    }

    /** The columns with {@code replacement} ("expr as name") in place of its column, or added. */
    private static String[] replaced(String[] columns, String replacement) {
        String name = replacement.substring(replacement.lastIndexOf(" as ") + 4);
        List<String> out = new java.util.ArrayList<>();
        boolean done = false;
        for (String col : columns) {
            if (col.equals(name)) {
                out.add(replacement);
                done = true;
            } else {
                out.add("`" + col + "`");
            }
        }
        if (!done) {
            out.add(replacement);
        }
        return out.toArray(String[]::new);
    }

    /** The inputs every case shares, written once. */
    private static final Map<String, String> written = new java.util.HashMap<>();

    private static String matrixReference() {
        return written.computeIfAbsent("matrix_reference", n -> parquet(n, base(ROWS, BadInputMatrix.SEGMENT_EXPR)));
    }

    private static String matrixAnalysis() {
        return written.computeIfAbsent("matrix_analysis", n -> parquet(n, base(ROWS, BadInputMatrix.SEGMENT_EXPR)));
    }

    private static Dataset<Row> targetRows() {
        return spark.range(ROWS).selectExpr("id", "cast((id * 7) % 10 >= 4 as int) as target");
    }

    /** Parquet, written case-sensitively (a case-only twin column can then be written). */
    private static String twinSafeParquet(String name, Dataset<Row> rows) {
        spark.conf().set("spark.sql.caseSensitive", "true");
        try {
            return parquet(name, rows);
        } finally {
            spark.conf().unset("spark.sql.caseSensitive");
        }
    }

    private static String csv(String name, Dataset<Row> rows) {
        String path = tmp.resolve("data").resolve(name + ".csv").toString();
        rows.coalesce(1)
                .write()
                .mode(SaveMode.Overwrite)
                .option("header", "true")
                .csv(path);
        return path;
    }

    private static String rawFormat(Case c) {
        return c.format() == Format.HEADER_ONLY ? "csv" : "parquet";
    }

    /** A header-only CSV, a path that does not exist, or a file that is not parquet. */
    private static String rawFile(Case c) throws IOException {
        Path dir = tmp.resolve("data");
        Files.createDirectories(dir);
        return switch (c.format()) {
            case HEADER_ONLY -> {
                Path p = dir.resolve(file(c) + ".csv");
                String header =
                        c.input() == Input.TARGETS ? "id,target" : "id,timestamp,x,c,y_pred_proba,y_pred,target,s";
                Files.writeString(p, header + "\n");
                yield p.toString();
            }
            case MISSING -> dir.resolve(file(c) + "-does-not-exist.parquet").toString();
            case CORRUPT -> {
                Path p = dir.resolve(file(c) + ".parquet");
                Files.writeString(p, "this is not a parquet file, only text that ends here\n");
                yield p.toString();
            }
            default -> throw new IllegalStateException(c.format().name());
        };
    }

    private static String config(
            String reference,
            String referenceFormat,
            String analysis,
            String analysisFormat,
            String targets,
            String targetsFormat,
            String extraColumns,
            String calculators) {
        String features = extraColumns == null ? "" : "  features: [x, c]\n  categorical: [c]\n" + extraColumns;
        String targetsLine = targets == null
                ? ""
                : "targets: {path: \"" + targets + "\", format: " + targetsFormat + ", join_on: id}\n";
        return """
        monitor: bad_input_matrix
        problem_type: binary_classification
        reference: {path: "%s", format: %s}
        analysis: {path: "%s", format: %s}
        %scolumns:
          timestamp: timestamp
          id: id
        %s  prediction: y_pred
          scores: y_pred_proba
          target: target
        chunking: {size: 50}
        calculators:
          %s
        """.formatted(reference, referenceFormat, analysis, analysisFormat, targetsLine, features, calculators);
    }

    // ---------------------------------------------------------------- expectations

    static Consumer<Run> userError(String... fragments) {
        return r -> assertUserError(r.result(), fragments);
    }

    static Consumer<Run> succeeds(Consumer<Run> then) {
        return r -> {
            assertSucceeded(r.result());
            then.accept(r);
        };
    }

    static Consumer<Run> logs(String text) {
        return succeeds(r -> assertThat(r.result().log()).contains(text));
    }

    static long segmentRows(Run run, String segment) {
        return spark.read()
                .format("delta")
                .load(run.output() + "/results")
                .where("segment = '" + segment + "'")
                .count();
    }

    static String q(String column) {
        return "'" + column + "'";
    }

    private static final class Expect implements BadInputMatrix.Expectations {
        @Override
        public Consumer<Run> text(Role r, Input in) {
            if (r == Role.TIMESTAMP) {
                return logs("analysis: " + ROWS + " rows have no timestamp");
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
                case TIMESTAMP -> logs("analysis: " + ROWS + " rows have no timestamp");
                default ->
                    succeeds(run -> assertThat(segmentRows(run, "s=null")).isPositive());
            };
        }

        private static Consumer<Run> noScores() {
            return succeeds(run -> {
                // realized and estimated: both null without scores
                assertThat(values(run.output(), "roc_auc", null, "analysis"))
                        .hasSize(8)
                        .containsOnlyNulls();
                assertThat(run.result().log()).contains("has no rows with a score");
            });
        }

        private static Consumer<Run> noTargetAndPrediction() {
            return succeeds(run -> {
                assertThat(values(run.output(), "f1", null, "analysis"))
                        .hasSize(4)
                        .containsOnlyNulls();
                assertThat(run.result().log()).contains("has no rows with both a target");
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
                case TIMESTAMP -> logs("analysis: 20 rows have no timestamp");
                case SEGMENT ->
                    succeeds(run -> assertThat(segmentRows(run, "s=")).isPositive());
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
                case TIMESTAMP -> logs("analysis: 4 rows have no timestamp");
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
}
