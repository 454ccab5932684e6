package dev.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.cli.CliHarness;
import dev.vigil.results.OutputTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Production jobs that cannot see the training data: after {@code vigil fit}, a run whose
 * reference cannot be read uses the newest stored profile fitted with the same configuration and
 * says so (log and {@code runs.profile_source}); {@code reference: {profile: latest | N}} pins one
 * without reading the reference. Never a profile fitted with another configuration: each refusal is
 * exit 2 naming why. Through the real CLI (see {@link ProductionModeTestBase} for the data).
 */
class ProfileWithoutReferenceSparkTest extends ProductionModeTestBase {
    @Test
    void runsOnTheStoredProfileWhenTheReferenceIsGoneAndNeverOnAnotherConfigurations() throws Exception {
        Path base = dir.resolve("noref");
        Path cfg = oneDay(base, 48);
        String out = base.resolve("out").toString();
        Path reference = base.resolve("training");
        copy(dir.resolve("reference"), reference);
        // lighter than the base's monitor (no segments, CBPE or PCA): this case is about the profile
        String yaml = Files.readString(cfg)
                .replace(dir.resolve("reference").toString(), reference.toString())
                .replaceFirst("(?m)^  segments: .*\\n", "")
                .replaceFirst("(?m)^  multivariate_drift: .*\\n", "")
                .replaceFirst("(?m)^  estimated_performance: .*\\n", "");
        assertThat(yaml).doesNotContain("segments").doesNotContain("estimated_performance");
        Files.writeString(cfg, yaml);

        vigil("fit", "--config", cfg.toString());
        vigil("run", "--config", cfg.toString());
        Map<List<Object>, Row> withReference = results(out);
        assertThat(lastRun(out)).containsExactly(1L, "stored");

        // the training data is no longer reachable
        Files.move(reference, base.resolve("training-archived"));
        CliHarness.Result r = CliHarness.vigil(Level.INFO, "run", "--config", cfg.toString());
        CliHarness.assertSucceeded(r);
        assertThat(r.log())
                .contains("cannot read reference.path '" + reference)
                .contains("using stored reference profile v1 of daily, fitted with this configuration");
        assertThat(lastRun(out)).containsExactly(1L, "stored_reference_unreadable");
        assertThat(changes(withReference, results(out)))
                .as("rows a run without the reference changed")
                .isEmpty();

        // pinned: latest, and a version, with no reference section but the pin
        vigil("run", "--config", cfg.toString(), "--set", "reference.profile=latest");
        assertThat(lastRun(out)).containsExactly(1L, "pinned");
        Path pinned = base.resolve("pinned.yaml");
        Files.writeString(pinned, yaml.replaceFirst("(?m)^reference: .*$", "reference: {profile: 1}"));
        CliHarness.Result p = CliHarness.vigil(Level.INFO, "run", "--config", pinned.toString());
        CliHarness.assertSucceeded(p);
        assertThat(p.log()).contains("using stored reference profile v1 of daily (pinned by reference.profile: 1");
        assertThat(lastRun(out)).containsExactly(1L, "pinned");
        assertThat(changes(withReference, results(out))).isEmpty();
        // validate checks the pin and the analysis against the stored reference schema
        CliHarness.Result v = CliHarness.vigil("validate", "--config", pinned.toString());
        CliHarness.assertSucceeded(v);
        assertThat(v.out()).startsWith("configuration OK: monitor daily");

        // another configuration never runs on this profile
        String[] otherMethods = {"--set", "calculators.univariate_drift.continuous_methods=[kolmogorov_smirnov]"};
        CliHarness.assertUserError(
                CliHarness.vigil(concat(new String[] {"run", "--config", cfg.toString()}, otherMethods)),
                "cannot read reference.path '" + reference,
                "no stored reference profile of monitor daily was fitted with this configuration");
        CliHarness.assertUserError(
                CliHarness.vigil(concat(
                        new String[] {"run", "--config", pinned.toString(), "--set", "reference.profile=latest"},
                        otherMethods)),
                "reference.profile: latest: no stored reference profile of monitor daily");
        CliHarness.assertUserError(
                CliHarness.vigil("validate", "--config", pinned.toString(), "--set", "reference.profile=7"),
                "reference.profile: 7: monitor daily has no stored reference profile v7");
        CliHarness.assertUserError(
                CliHarness.vigil("run", "--config", pinned.toString(), "--set", "reference.profile=7"),
                "reference.profile: 7: monitor daily has no stored reference profile v7");
        CliHarness.assertUserError(
                CliHarness.vigil("run", "--config", pinned.toString(), "--refit"), "--refit", "reference.profile: 1");
        CliHarness.assertUserError(
                CliHarness.vigil("fit", "--config", pinned.toString()),
                "configuration key 'reference': neither 'path' nor 'table' is given");
        CliHarness.assertUserError(
                CliHarness.vigil("run", "--config", pinned.toString(), "--set", "reference.profile=newest"),
                "reference.profile",
                "latest, or a stored profile's version");

        // version 2, fitted with another configuration: pinning it from this one is refused
        Files.move(base.resolve("training-archived"), reference);
        vigil(concat(new String[] {"fit", "--config", cfg.toString()}, otherMethods));
        CliHarness.assertUserError(
                CliHarness.vigil("run", "--config", pinned.toString(), "--set", "reference.profile=2"),
                "reference.profile: 2: stored reference profile v2 of monitor daily was fitted with another"
                        + " configuration");
        vigil(concat(
                new String[] {"run", "--config", pinned.toString(), "--set", "reference.profile=2"}, otherMethods));
        assertThat(lastRun(out)).containsExactly(2L, "pinned");
    }

    @Test
    void tablesWrittenBeforeTheProfileColumnsGainThem() throws Exception {
        Path base = dir.resolve("upgrade");
        Path cfg = oneDay(base, 24);
        String out = base.resolve("out").toString();
        // a runs table as an earlier version wrote it: without profile_version and profile_source
        StructType old = new StructType(Arrays.stream(OutputTables.RUNS.schema().fields())
                .filter(f -> !f.name().startsWith("profile_"))
                .toArray(StructField[]::new));
        Timestamp t = Timestamp.valueOf("2024-01-01 00:00:00");
        spark.createDataFrame(
                        List.of(RowFactory.create(
                                "old-run", "daily", t, t, "succeeded", null, 1L, 1L, 1, 0L, "monitor: daily", "0.1.0")),
                        old)
                .write()
                .format("delta")
                .save(out + "/runs");
        vigil("run", "--config", cfg.toString());
        Dataset<Row> runs = spark.read().format("delta").load(out + "/runs");
        assertThat(runs.columns()).contains("profile_version", "profile_source");
        assertThat(
                        runs
                                .orderBy("started_at")
                                .select("run_id", "profile_version", "profile_source")
                                .collectAsList()
                                .stream()
                                .map(Row::toString)
                                .toList())
                .hasSize(2)
                .first()
                .isEqualTo("[old-run,null,null]");
        assertThat(lastRun(out)).containsExactly(1L, "fitted");
    }

    /**
     * A monitor under {@code base} over the first {@code hours} of the analysis as one partition, with
     * its targets, writing to {@code base/out}.
     */
    private static Path oneDay(Path base, int hours) throws IOException {
        Path parts = base.resolve("analysis");
        writePartition(parts, DAYS[0], hours(analysis, 0, hours));
        analysis.select("id", "repaid").write().parquet(base.resolve("targets").toString());
        return config(
                base,
                base.getFileName().toString(),
                parts + "/date=" + DAYS[0],
                base.resolve("targets").toString(),
                base.resolve("out").toString(),
                false);
    }

    /** profile_version and profile_source of the newest run. */
    private static List<Object> lastRun(String out) {
        Row r = spark.read()
                .format("delta")
                .load(out + "/runs")
                .orderBy(functions.desc("started_at"))
                .select("profile_version", "profile_source", "status")
                .first();
        assertThat(r.getString(2)).isEqualTo("succeeded");
        return List.of(r.get(0), r.get(1));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
