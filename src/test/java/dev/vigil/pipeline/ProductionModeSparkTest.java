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
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production mode through the CLI: {@code vigil fit} once, then daily incremental runs over new
 * partitions ({@code analysis.path} templated with {@code {{run_date}}}). The reference is read
 * only by the fit: right after it, every reference file is overwritten with garbage of the same
 * size and modification time, so the stored profile still matches but any read of the reference
 * would fail. The results must equal one full run over all the partitions; a rerun of a day must
 * change nothing; late targets must update exactly the realized performance of their chunk.
 */
class ProductionModeSparkTest extends SparkTestBase {
  static final int ROWS_PER_DAY = 1440; // the generator's rows are 60 s apart
  static final int REFERENCE_DAYS = 4; // 2024-01-01 .. 01-04; the analysis starts on 2024-01-05
  static final String[] DAYS = {"2024-01-05", "2024-01-06", "2024-01-07"};
  static final long DAY1 = 1_704_412_800L; // 2024-01-05T00:00:00Z

  @TempDir static Path dir;
  static Dataset<Row> analysis; // with repaid

  @BeforeAll
  static void generate() {
    session();
    SyntheticData.Options o =
        new SyntheticData.Options(
            3L * ROWS_PER_DAY, (long) REFERENCE_DAYS * ROWS_PER_DAY, 4, 11, 0.5, "parquet");
    SyntheticData.reference(spark, o, 1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(dir.resolve("reference").toString());
    analysis = SyntheticData.analysisWithTargets(spark, o, 1).cache();
    assertThat(
            analysis
                .agg(org.apache.spark.sql.functions.min("timestamp"))
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
        .as(
            String.join(" ", args)
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
      Path base,
      String name,
      String analysisPath,
      String targetsPath,
      String output,
      boolean incremental)
      throws IOException {
    Path file = base.resolve(name + ".yaml");
    Files.writeString(
        file,
        """
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
          segments: [region]
        chunking: {period: day}
        incremental: %s
        calculators:
          univariate_drift: {continuous_methods: [kolmogorov_smirnov, jensen_shannon], categorical_methods: [chi2, jensen_shannon]}
          multivariate_drift: {n_components: 0.65}
          data_quality: {metrics: [missing_values, unseen_values, mean, std, median, row_count]}
          realized_performance: {metrics: [roc_auc, f1, accuracy, confusion_matrix]}
          estimated_performance: {metrics: [roc_auc, f1]}
        output: {path: %s}
        """
            .formatted(dir.resolve("reference"), analysisPath, targetsPath, incremental, output));
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

  @Test
  void fitThenThreeDailyRunsEqualOneFullRunAndARerunChangesNothing() throws Exception {
    Path base = dir.resolve("daily");
    Path parts = base.resolve("analysis");
    // partitions cut at noon, so the middle days' chunks are each built from two partitions
    writePartition(parts, DAYS[0], hours(analysis, 0, 36));
    writePartition(parts, DAYS[1], hours(analysis, 36, 60));
    writePartition(parts, DAYS[2], hours(analysis, 60, 72));
    analysis.select("id", "repaid").write().parquet(base.resolve("targets").toString());
    String out = base.resolve("out").toString();
    Path cfg =
        config(
            base,
            "incremental",
            parts + "/date={{run_date}}",
            base.resolve("targets").toString(),
            out,
            true);

    vigil("fit", "--config", cfg.toString());
    Path referenceCopy = base.resolve("reference-before-corruption");
    copy(dir.resolve("reference"), referenceCopy);
    corrupt(dir.resolve("reference"));
    try {
      vigil("run", "--config", cfg.toString(), "--run-date", DAYS[0]);
      Map<List<Object>, Row> day1 = results(out);
      assertThat(completeness(day1))
          .containsExactly(Map.entry("2024-01-05", true), Map.entry("2024-01-06", false));
      vigil("run", "--config", cfg.toString(), "--run-date", DAYS[1]);
      vigil("run", "--config", cfg.toString(), "--run-date", DAYS[2]);
    } finally {
      restore(referenceCopy, dir.resolve("reference"));
    }
    Map<List<Object>, Row> incremental = results(out);
    assertThat(completeness(incremental))
        .containsExactly(
            Map.entry("2024-01-05", true),
            Map.entry("2024-01-06", true),
            Map.entry("2024-01-07", true));
    Dataset<Row> profiles = spark.read().format("delta").load(out + "/reference_profiles");
    assertThat(profiles.count()).as("one fit, reused by every run").isEqualTo(1);

    // one full (non-incremental) run over all partitions, fitted afresh into another output
    String fullOut = base.resolve("full").toString();
    Path fullCfg =
        config(base, "full", parts.toString(), base.resolve("targets").toString(), fullOut, false);
    vigil("run", "--config", fullCfg.toString(), "--run-date", DAYS[2]);
    Map<List<Object>, Row> full = results(fullOut);
    assertThat(incremental.keySet()).isEqualTo(full.keySet());
    List<String> different = new ArrayList<>();
    full.forEach(
        (k, r) -> {
          if (!sameValues(r, incremental.get(k))) {
            different.add(k + "\n  full:        " + r + "\n  incremental: " + incremental.get(k));
          }
        });
    assertThat(different).as("rows differing from the full run").isEmpty();
    assertThat(full.keySet().stream().filter(k -> k.get(1).equals("estimated_performance")).count())
        .isPositive();
    assertThat(full.keySet().stream().filter(k -> k.get(1).equals("multivariate_drift")).count())
        .isPositive();

    // a rerun of day two changes nothing (run_id and computed_at included)
    vigil("run", "--config", cfg.toString(), "--run-date", DAYS[1]);
    Map<List<Object>, Row> rerun = results(out);
    assertThat(rerun.keySet()).isEqualTo(incremental.keySet());
    assertThat(changes(incremental, rerun)).as("rows the rerun changed").isEmpty();

    // --refit: a second profile version (the first stays queryable); the next run scans the stored
    // sources
    // again against it, and the results keep their values
    vigil("fit", "--config", cfg.toString(), "--refit");
    assertThat(
            spark
                .read()
                .format("delta")
                .load(out + "/reference_profiles")
                .select("version")
                .as(org.apache.spark.sql.Encoders.LONG())
                .collectAsList())
        .containsExactlyInAnyOrder(1L, 2L);
    vigil("run", "--config", cfg.toString(), "--run-date", DAYS[2]);
    Map<List<Object>, Row> refitted = results(out);
    assertThat(refitted.keySet()).isEqualTo(incremental.keySet());
    refitted.forEach((k, r) -> assertThat(sameValues(r, incremental.get(k))).as("%s", k).isTrue());
    assertThat(
            spark
                .read()
                .format("delta")
                .load(out + "/chunk_states")
                .select("profile_version")
                .distinct()
                .as(org.apache.spark.sql.Encoders.LONG())
                .collectAsList())
        .containsExactly(2L);
  }

  @Test
  void targetsForDayOneArrivingOnDayThreeUpdateOnlyDayOnesRealizedPerformance() throws Exception {
    Path base = dir.resolve("late");
    Path parts = base.resolve("analysis");
    for (int d = 0; d < 3; d++) {
      writePartition(parts, DAYS[d], hours(analysis, 24 * d, 24 * (d + 1)));
    }
    Path targets = base.resolve("targets");
    Dataset<Row> labels = analysis.select("id", "repaid", "timestamp");
    labels
        .limit(0)
        .drop("timestamp")
        .write()
        .parquet(targets.resolve("arrived=2024-01-01").toString());
    String out = base.resolve("out").toString();
    Path cfg = config(base, "late", parts + "/date={{run_date}}", targets.toString(), out, true);

    vigil(
        "run",
        "--config",
        cfg.toString(),
        "--run-date",
        DAYS[0]); // fits and stores the profile; no labels yet
    hours(labels, 24, 48)
        .drop("timestamp")
        .write()
        .parquet(targets.resolve("arrived=" + DAYS[1]).toString());
    vigil("run", "--config", cfg.toString(), "--run-date", DAYS[1]);
    Map<List<Object>, Row> before = results(out);
    assertThat(realized(before, "2024-01-05"))
        .isNotEmpty()
        .allMatch(r -> r.isNullAt(r.fieldIndex("value")));
    assertThat(realized(before, "2024-01-06"))
        .isNotEmpty()
        .allMatch(r -> !r.isNullAt(r.fieldIndex("value")));

    // day three: its own labels, and day one's, arrive
    Dataset<Row> arriving =
        hours(labels, 48, 72).unionByName(hours(labels, 0, 24)).drop("timestamp");
    arriving.write().parquet(targets.resolve("arrived=" + DAYS[2]).toString());
    vigil("run", "--config", cfg.toString(), "--run-date", DAYS[2]);
    Map<List<Object>, Row> after = results(out);

    // changed: day one's realized performance, and the realized value beside day one's estimates;
    // nothing else
    Map<String, String> changed = changes(before, after);
    Map<String, String> calculatorOf = new java.util.TreeMap<>();
    for (Row r : before.values()) {
      String calculator = r.getAs("calculator");
      if (r.getAs("period").equals("analysis")
          && r.getAs("chunk_key").equals("2024-01-05")
          && (calculator.equals("realized_performance")
              || calculator.equals("estimated_performance"))) {
        calculatorOf.put(key(r), calculator);
      }
    }
    assertThat(changed.keySet())
        .as("rows changed by the late targets")
        .isEqualTo(calculatorOf.keySet());
    changed.forEach(
        (k, columns) -> {
          if (calculatorOf.get(k).equals("estimated_performance")) {
            assertThat(columns).as(k).isEqualTo("[realized]");
          } else {
            assertThat(columns).as(k).contains("value");
            assertThat(columns.replaceAll("[\\[\\] ]", "").split(","))
                .as(k)
                .isSubsetOf("value", "sampling_error", "alert");
          }
        });
    assertThat(realized(after, "2024-01-05")).allMatch(r -> !r.isNullAt(r.fieldIndex("value")));
    assertThat(after.keySet()).containsAll(before.keySet());
    assertThat(
            after.keySet().stream()
                .filter(k -> !before.containsKey(k))
                .allMatch(k -> k.get(6).equals("2024-01-07")))
        .as("new rows are day three's")
        .isTrue();

    // and day one's realized values are those of a full run with every label
    String fullOut = base.resolve("full").toString();
    Path fullCfg = config(base, "late-full", parts.toString(), targets.toString(), fullOut, false);
    vigil("run", "--config", fullCfg.toString(), "--run-date", DAYS[2]);
    Map<List<Object>, Row> full = results(fullOut);
    for (Row r : realized(after, "2024-01-05")) {
      List<Object> key = Arrays.asList(ResultSchema.KEY.stream().map(r::getAs).toArray());
      assertThat(sameValues(r, full.get(key))).as("%s vs full %s", r, full.get(key)).isTrue();
    }
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
    Map<String, String> out = new java.util.TreeMap<>();
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
        .filter(
            r ->
                r.getAs("calculator").equals("realized_performance")
                    && r.getAs("period").equals("analysis")
                    && r.getAs("chunk_key").equals(chunk))
        .toList();
  }

  static Map<String, Boolean> completeness(Map<List<Object>, Row> results) {
    Map<String, Boolean> out = new java.util.TreeMap<>();
    for (Row r : results.values()) {
      if (r.getAs("period").equals("analysis")) {
        Boolean previous = out.put(r.getAs("chunk_key"), r.getAs("chunk_complete"));
        assertThat(previous == null || previous.equals(r.getAs("chunk_complete"))).isTrue();
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
          Files.copy(f, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
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
            java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }
}
