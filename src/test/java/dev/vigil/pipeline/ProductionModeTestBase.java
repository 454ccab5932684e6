package dev.vigil.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.cli.Main;
import dev.vigil.generate.SyntheticData;
import dev.vigil.results.ResultSchema;
import dev.vigil.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production mode through the CLI: {@code vigil fit} once, then daily incremental runs over new
 * partitions ({@code analysis.path} templated with {@code {{run_date}}}). The reference is read
 * only by the fit: right after it, every reference file is overwritten with garbage of the same
 * size and modification time, so the stored profile still matches but any read of the reference
 * would fail. The results must equal one full run over all the partitions; a rerun of a day must
 * change nothing; late targets must update exactly the realized performance of their chunk. This
 * base generates the data (once per test class, in its own temporary folder) and holds the helpers;
 * the cases are {@link ProductionModeSparkTest} and {@link ProductionModeLateTargetsSparkTest}.
 * The segments are capped ({@code max_segment_values: 2} of region's 4 values and of the 12 region ×
 * cat_0 pairs) and a predicate slice is set, so the incremental runs, which never read the
 * reference, can only group rows as the full run does through the segment values stored in the
 * profile.
 */
abstract class ProductionModeTestBase extends SparkTestBase {
    static final int ROWS_PER_DAY = 1440; // the generator's rows are 60 s apart
    static final int REFERENCE_DAYS = 4; // 2024-01-01 .. 01-04; the analysis starts on 2024-01-05
    static final String[] DAYS = {"2024-01-05", "2024-01-06", "2024-01-07"};
    static final long DAY1 = 1_704_412_800L; // 2024-01-05T00:00:00Z

    @TempDir
    static Path dir;

    static Dataset<Row> analysis; // with repaid

    @BeforeAll
    static void generate() {
        session();
        SyntheticData.Options o = new SyntheticData.Options(
                3L * ROWS_PER_DAY, (long) REFERENCE_DAYS * ROWS_PER_DAY, 4, 11, 0.5, "parquet");
        SyntheticData.reference(spark, o, 1)
                .write()
                .mode(SaveMode.Overwrite)
                .parquet(dir.resolve("reference").toString());
        analysis = SyntheticData.analysisWithTargets(spark, o, 1).cache();
        assertThat(analysis.agg(org.apache.spark.sql.functions.min("timestamp"))
                        .first()
                        .getTimestamp(0)
                        .toInstant()
                        .getEpochSecond())
                .isEqualTo(DAY1);
    }

    static int vigil(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out), new PrintStream(err));
        assertThat(code)
                .as(String.join(" ", args)
                        + "\n"
                        + out.toString(StandardCharsets.UTF_8)
                        + err.toString(StandardCharsets.UTF_8))
                .isZero();
        return code;
    }

    /** Rows whose timestamp is in [from, to) hours after 2024-01-05 00:00. */
    static Dataset<Row> hours(Dataset<Row> df, int from, int to) {
        Column seconds = col("timestamp").cast("long");
        return df.where(seconds.geq(DAY1 + from * 3600L).and(seconds.lt(DAY1 + to * 3600L)));
    }

    static void writePartition(Path root, String day, Dataset<Row> rows) {
        rows.drop("repaid")
                .write()
                .mode(SaveMode.Overwrite)
                .parquet(root.resolve("date=" + day).toString());
    }

    static Path config(
            Path base, String name, String analysisPath, String targetsPath, String output, boolean incremental)
            throws IOException {
        Path file = base.resolve(name + ".yaml");
        Files.writeString(
                file, """
        monitor: daily
        reference: {path: %s, format: parquet}
        analysis: {path: "%s", format: parquet}
        targets: {path: "%s", format: parquet, join_on: id}
        columns:
          timestamp: timestamp
          id: id
          features: [num_0, num_1, num_2, cat_0]
          prediction: y_pred
          scores: y_pred_proba
          target: repaid
          segments: [region, [region, cat_0]]
          slices: {positive: "num_0 > 0"}
          max_segment_values: 2
        chunking: {period: day}
        incremental: %s
        calculators:
          univariate_drift: {continuous_methods: [kolmogorov_smirnov, jensen_shannon], categorical_methods: [chi2, jensen_shannon]}
          multivariate_drift: {n_components: 0.65}
          data_quality: {metrics: [missing_values, unseen_values, mean, std, median, row_count]}
          realized_performance: {metrics: [roc_auc, f1, accuracy, confusion_matrix]}
          estimated_performance: {metrics: [roc_auc, f1]}
        output: {path: %s}
        """.formatted(dir.resolve("reference"), analysisPath, targetsPath, incremental, output));
        return file;
    }

    /**
     * Overwrites every data file with zeros, keeping its size and modification time (the
     * fingerprint's inputs).
     */
    static void corrupt(Path table) throws IOException {
        try (Stream<Path> files = Files.walk(table)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                FileTime mtime = Files.getLastModifiedTime(f);
                Files.write(f, new byte[(int) Files.size(f)]);
                Files.setLastModifiedTime(f, mtime);
            }
        }
    }

    static Map<List<Object>, Row> results(String output) {
        Map<List<Object>, Row> out = new HashMap<>();
        for (Row r : spark.read().format("delta").load(output + "/results").collectAsList()) {
            List<Object> key = new ArrayList<>();
            for (String k : ResultSchema.KEY) {
                key.add(r.getAs(k));
            }
            assertThat(out.put(key, r)).as("duplicate key %s", key).isNull();
        }
        return out;
    }

    /** Same row apart from run_id and computed_at; doubles equal to 1e-9 relative (merge order). */
    static boolean sameValues(Row a, Row b) {
        for (StructField f : ResultSchema.RESULTS.fields()) {
            if (ResultSchema.RUN_COLUMNS.contains(f.name())) {
                continue;
            }
            Object x = a.getAs(f.name());
            Object y = b.getAs(f.name());
            if (x instanceof Double dx && y instanceof Double dy) {
                if (Math.abs(dx - dy) > 1e-9 * Math.max(1, Math.max(Math.abs(dx), Math.abs(dy)))) {
                    return false;
                }
            } else if (!Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }

    static String key(Row r) {
        return ResultSchema.KEY.stream()
                .map(k -> String.valueOf((Object) r.getAs(k)))
                .toList()
                .toString();
    }

    /**
     * Keys of rows that differ in any column (run columns included), with the columns that differ.
     */
    static Map<String, String> changes(Map<List<Object>, Row> before, Map<List<Object>, Row> after) {
        Map<String, String> out = new TreeMap<>();
        for (var e : before.entrySet()) {
            Row a = e.getValue();
            Row b = after.get(e.getKey());
            List<String> columns = new ArrayList<>();
            for (StructField f : ResultSchema.RESULTS.fields()) {
                if (!ResultSchema.RUN_COLUMNS.contains(f.name())
                        && !Objects.equals(a.getAs(f.name()), b.getAs(f.name()))) {
                    columns.add(f.name());
                }
            }
            if (columns.isEmpty() && !a.equals(b)) {
                columns.add("run_id/computed_at only");
            }
            if (!columns.isEmpty()) {
                out.put(key(a), columns.toString());
            }
        }
        return out;
    }

    static List<Row> realized(Map<List<Object>, Row> results, String chunk) {
        return results.values().stream()
                .filter(r -> r.getAs("calculator").equals("realized_performance")
                        && r.getAs("period").equals("analysis")
                        && r.getAs("chunk_key").equals(chunk))
                .toList();
    }

    static Map<String, Boolean> completeness(Map<List<Object>, Row> results) {
        Map<String, Boolean> out = new TreeMap<>();
        for (Row r : results.values()) {
            if (r.getAs("period").equals("analysis")) {
                Boolean previous = out.put(r.getAs("chunk_key"), r.getAs("chunk_complete"));
                assertThat(previous == null || previous.equals(r.getAs("chunk_complete")))
                        .isTrue();
            }
        }
        return out;
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void restore(Path copy, Path original) throws IOException {
        try (Stream<Path> files = Files.walk(copy)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(
                        f,
                        original.resolve(copy.relativize(f).toString()),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
