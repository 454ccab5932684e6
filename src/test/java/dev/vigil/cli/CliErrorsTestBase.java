package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTRACT §1 exit code 2, end to end through {@link Main#execute}: every bad configuration or
 * input gives exit code 2 and exactly one stderr line {@code vigil: error: ...} that names the key,
 * column or file, without a stack trace. This base writes the inputs (once per test class, in its
 * own temporary folder) and runs the CLI; the cases are in {@link CliErrorsSparkTest} (the
 * configuration and the command line) and {@link CliInputErrorsSparkTest} (inputs and columns).
 */
abstract class CliErrorsTestBase extends SparkTestBase {
    static final long ROWS = 200;

    /** A variable no environment sets. */
    static final String UNSET_VAR = "VIGIL_TEST_SURELY_UNSET_7F3A9C";

    @TempDir
    static Path tmp;

    static String ref;
    static String ana;
    static String anaCsvStringX;
    static String anaEmpty;

    static final AtomicInteger counter = new AtomicInteger();

    @BeforeAll
    static void writeInputs() throws IOException {
        Dataset<Row> df = spark.range(ROWS)
                .selectExpr(
                        "id",
                        "timestamp_seconds(1704067200 + id * 3600) as timestamp",
                        "cast(id as double) * 1.5 as x",
                        "concat('k', cast(id % 3 as string)) as c",
                        "cast(id % 10 as double) / 10.0 as y_pred_proba",
                        "cast(id % 2 as int) as y_pred",
                        "cast((id div 2) % 2 as int) as target");
        Path data = tmp.resolve("data");
        ref = data.resolve("reference.parquet").toString();
        ana = data.resolve("analysis.parquet").toString();
        anaEmpty = data.resolve("analysis_empty.parquet").toString();
        anaCsvStringX = data.resolve("analysis_string_x.csv").toString();
        df.coalesce(1).write().mode(SaveMode.Overwrite).parquet(ref);
        df.coalesce(1).write().mode(SaveMode.Overwrite).parquet(ana);
        df.limit(0).coalesce(1).write().mode(SaveMode.Overwrite).parquet(anaEmpty);
        df.withColumn(
                        "x",
                        org.apache.spark.sql.functions.concat(
                                org.apache.spark.sql.functions.lit("v"),
                                org.apache.spark.sql.functions.col("id").cast("string")))
                .coalesce(1)
                .write()
                .mode(SaveMode.Overwrite)
                .option("header", "true")
                .csv(anaCsvStringX);
        Files.createDirectories(tmp.resolve("configs"));
    }

    // ---------------------------------------------------------------- helpers

    /** A valid configuration; cases derive broken ones from it with {@link #edit}. */
    static String valid() {
        return """
        monitor: cli_errors
        problem_type: binary_classification
        reference: {path: "%s", format: parquet}
        analysis: {path: "%s", format: parquet}
        columns:
          timestamp: timestamp
          id: id
          features: [x, c]
          prediction: y_pred
          scores: y_pred_proba
          target: target
        chunking: {size: 50}
        calculators:
          data_quality: {metrics: [mean, row_count, missing_values]}
        """.formatted(ref, ana);
    }

    static String edit(String yaml, String from, String to) {
        assertThat(yaml).as("test setup: text to replace").contains(from);
        return yaml.replace(from, to);
    }

    static Path configFile(String yaml) throws IOException {
        Path p = tmp.resolve("configs").resolve("monitor-" + counter.incrementAndGet() + ".yaml");
        Files.writeString(p, yaml);
        return p;
    }

    static String freshOutput() {
        return tmp.resolve("out-" + counter.incrementAndGet()).toString();
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    static Result vigil(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.execute(args, o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result run(String yaml, String... extra) throws IOException {
        List<String> args =
                new ArrayList<>(List.of("run", "--config", configFile(yaml).toString(), "--output", freshOutput()));
        args.addAll(Arrays.asList(extra));
        return vigil(args.toArray(String[]::new));
    }

    static Result validate(String yaml) throws IOException {
        return vigil("validate", "--config", configFile(yaml).toString());
    }

    /**
     * Exit 2, exactly one stderr line "vigil: error: ...", no stack trace, containing every fragment.
     */
    static String assertUserError(Result r, String... fragments) {
        assertThat(r.code()).as(r.toString()).isEqualTo(Main.USER_ERROR);
        String err = r.err();
        String[] lines = err.split("\\R", -1);
        assertThat(lines).as("stderr must be exactly one line:\n" + err).hasSize(2);
        assertThat(lines[1]).as("nothing after the line break").isEmpty();
        String line = lines[0];
        assertThat(line).startsWith("vigil: error: ");
        assertThat(line).doesNotContain("\tat ").doesNotContain("Exception");
        for (String f : fragments) {
            assertThat(line).as(r.toString()).contains(f);
        }
        return line;
    }
}
