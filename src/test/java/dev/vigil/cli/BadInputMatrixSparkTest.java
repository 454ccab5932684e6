package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vigil.cli.BadInputMatrix.Case;
import dev.vigil.cli.BadInputMatrix.Command;
import dev.vigil.cli.BadInputMatrix.Format;
import dev.vigil.cli.BadInputMatrix.Input;
import dev.vigil.cli.BadInputMatrix.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        List<Case> cases = BadInputMatrix.cases(new BadInputMatrixExpectations(spark));
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
        Problem problem = c.problem();
        String reference = matrixReference(problem);
        String analysis = matrixAnalysis(problem);
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
            Dataset<Row> rows = c.input() == Input.TARGETS ? targetRows() : baseRows(problem);
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
                        baseRows(problem).selectExpr(replaced(baseRows(problem).columns(), c.replacement())));
            }
        }
        String yaml = config(
                problem,
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

    /** A problem's base rows (binary: with the segment column). */
    private static Dataset<Row> baseRows(Problem p) {
        return p == Problem.BINARY
                ? base(ROWS, BadInputMatrix.SEGMENT_EXPR)
                : spark.range(ROWS).selectExpr(p.base());
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

    private static String matrixReference(Problem p) {
        return written.computeIfAbsent("matrix_reference_" + p.id(), n -> parquet(n, baseRows(p)));
    }

    private static String matrixAnalysis(Problem p) {
        return written.computeIfAbsent("matrix_analysis_" + p.id(), n -> parquet(n, baseRows(p)));
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
            Problem problem,
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
        problem_type: %s
        reference: {path: "%s", format: %s}
        analysis: {path: "%s", format: %s}
        %scolumns:
          timestamp: timestamp
          id: id
        %s%schunking: {size: 50}
        calculators:
          %s
        """.formatted(
                        problem.type,
                        reference,
                        referenceFormat,
                        analysis,
                        analysisFormat,
                        targetsLine,
                        features,
                        problem.modelColumns(),
                        calculators);
    }
}
