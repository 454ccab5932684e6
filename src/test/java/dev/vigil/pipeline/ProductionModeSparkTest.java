package dev.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Production mode (see {@link ProductionModeTestBase}): a fit, then daily incremental runs equal
 * one full run, and a rerun of a day changes nothing.
 */
class ProductionModeSparkTest extends ProductionModeTestBase {
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
        Path cfg = config(
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
                        Map.entry("2024-01-05", true), Map.entry("2024-01-06", true), Map.entry("2024-01-07", true));
        Dataset<Row> profiles = spark.read().format("delta").load(out + "/reference_profiles");
        assertThat(profiles.count()).as("one fit, reused by every run").isEqualTo(1);

        // one full (non-incremental) run over all partitions, fitted afresh into another output
        String fullOut = base.resolve("full").toString();
        Path fullCfg =
                config(base, "full", parts.toString(), base.resolve("targets").toString(), fullOut, false);
        vigil("run", "--config", fullCfg.toString(), "--run-date", DAYS[2]);
        Map<List<Object>, Row> full = results(fullOut);
        assertThat(incremental.keySet()).isEqualTo(full.keySet());
        java.util.Set<Object> segments = new java.util.TreeSet<>();
        incremental.values().forEach(r -> {
            if (r.getAs("segment") != null) {
                segments.add(r.getAs("segment"));
            }
        });
        // region's 2 most frequent values, its other, the 2 most frequent pairs, their other, the slice
        assertThat(segments).hasSize(7).contains("region=%other", "region,cat_0=%other", "slice=positive");
        List<String> different = new ArrayList<>();
        full.forEach((k, r) -> {
            if (!sameValues(r, incremental.get(k))) {
                different.add(k + "\n  full:        " + r + "\n  incremental: " + incremental.get(k));
            }
        });
        assertThat(different).as("rows differing from the full run").isEmpty();
        assertThat(full.keySet().stream()
                        .filter(k -> k.get(1).equals("estimated_performance"))
                        .count())
                .isPositive();
        assertThat(full.keySet().stream()
                        .filter(k -> k.get(1).equals("multivariate_drift"))
                        .count())
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
        assertThat(spark.read()
                        .format("delta")
                        .load(out + "/reference_profiles")
                        .select("version")
                        .as(Encoders.LONG())
                        .collectAsList())
                .containsExactlyInAnyOrder(1L, 2L);
        vigil("run", "--config", cfg.toString(), "--run-date", DAYS[2]);
        Map<List<Object>, Row> refitted = results(out);
        assertThat(refitted.keySet()).isEqualTo(incremental.keySet());
        refitted.forEach((k, r) ->
                assertThat(sameValues(r, incremental.get(k))).as("%s", k).isTrue());
        assertThat(spark.read()
                        .format("delta")
                        .load(out + "/chunk_states")
                        .select("profile_version")
                        .distinct()
                        .as(Encoders.LONG())
                        .collectAsList())
                .containsExactly(2L);
    }
}
