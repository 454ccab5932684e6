package dev.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.performance.PerformanceGap;
import dev.vigil.results.ResultSchema;
import dev.vigil.thresholds.FlatBands;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Production mode (see {@link ProductionModeTestBase}): targets of day one arriving on day three
 * update exactly day one's realized performance.
 */
class ProductionModeLateTargetsSparkTest extends ProductionModeTestBase {
    @Test
    void targetsForDayOneArrivingOnDayThreeUpdateOnlyDayOnesRealizedPerformance() throws Exception {
        Path base = dir.resolve("late");
        Path parts = base.resolve("analysis");
        for (int d = 0; d < 3; d++) {
            writePartition(parts, DAYS[d], hours(analysis, 24 * d, 24 * (d + 1)));
        }
        Path targets = base.resolve("targets");
        Dataset<Row> labels = analysis.select("id", "repaid", "timestamp");
        labels.limit(0)
                .drop("timestamp")
                .write()
                .parquet(targets.resolve("arrived=2024-01-01").toString());
        String out = base.resolve("out").toString();
        Path cfg = config(base, "late", parts + "/date={{run_date}}", targets.toString(), out, true);

        vigil("run", "--config", cfg.toString(), "--run-date", DAYS[0]); // fits and stores the profile; no labels yet
        hours(labels, 24, 48)
                .drop("timestamp")
                .write()
                .parquet(targets.resolve("arrived=" + DAYS[1]).toString());
        vigil("run", "--config", cfg.toString(), "--run-date", DAYS[1]);
        Map<List<Object>, Row> before = results(out);
        assertThat(realized(before, "2024-01-05")).isNotEmpty().allMatch(r -> r.isNullAt(r.fieldIndex("value")));
        assertThat(realized(before, "2024-01-06")).isNotEmpty().allMatch(r -> !r.isNullAt(r.fieldIndex("value")));

        // day three: its own labels, and day one's, arrive
        Dataset<Row> arriving =
                hours(labels, 48, 72).unionByName(hours(labels, 0, 24)).drop("timestamp");
        arriving.write().parquet(targets.resolve("arrived=" + DAYS[2]).toString());
        vigil("run", "--config", cfg.toString(), "--run-date", DAYS[2]);
        Map<List<Object>, Row> after = results(out);

        // changed: day one's realized performance, and the realized value beside day one's estimates;
        // nothing else
        Map<String, String> changed = changes(before, after);
        Map<String, String> calculatorOf = new TreeMap<>();
        for (Row r : before.values()) {
            String calculator = r.getAs("calculator");
            if (r.getAs("period").equals("analysis")
                    && r.getAs("chunk_key").equals("2024-01-05")
                    && (calculator.equals("realized_performance") || calculator.equals("estimated_performance"))) {
                calculatorOf.put(key(r), calculator);
            }
        }
        assertThat(changed.keySet()).as("rows changed by the late targets").isEqualTo(calculatorOf.keySet());
        changed.forEach((k, columns) -> {
            if (calculatorOf.get(k).equals("estimated_performance")) {
                assertThat(columns).as(k).isEqualTo("[realized]");
            } else {
                assertThat(columns).as(k).contains("value");
                assertThat(columns.replaceAll("[\\[\\] ]", "").split(","))
                        .as(k)
                        .isSubsetOf("value", "sampling_error", "alert", "note", "lower_threshold", "upper_threshold");
            }
        });
        // the thresholds change only where the band is flat or nearly flat: now that the chunk has a
        // sampling error, Vigil's rule widens it to ± 3 of them (FlatBands)
        for (Row a : realized(after, "2024-01-05")) {
            List<Object> k =
                    Arrays.asList(ResultSchema.KEY.stream().map(a::getAs).toArray());
            Row b = before.get(k);
            Double lower = b.getAs("lower_threshold");
            Double upper = b.getAs("upper_threshold");
            if (!java.util.Objects.equals(lower, a.getAs("lower_threshold"))
                    || !java.util.Objects.equals(upper, a.getAs("upper_threshold"))) {
                assertThat(FlatBands.flat(lower, upper) || FlatBands.narrow(lower, upper, a.getAs("sampling_error")))
                        .as("thresholds of %s changed: its band [%s, %s] is flat or nearly flat", k, lower, upper)
                        .isTrue();
            }
        }
        assertThat(realized(before, "2024-01-05"))
                .as("day one without its targets: the note says why realized performance is null")
                .allMatch(r -> r.<String>getAs("note").matches(".*rows have no target.*"));
        assertThat(realized(after, "2024-01-05")).allMatch(r -> !r.isNullAt(r.fieldIndex("value")));
        assertThat(realized(after, "2024-01-05"))
                .as("its targets arrived: the note is gone")
                .allMatch(r -> r.isNullAt(r.fieldIndex("note")));
        assertThat(after.keySet()).containsAll(before.keySet());
        // new rows: day three's, and day one's performance gaps, known now that its targets are
        assertThat(after.keySet().stream()
                        .filter(k -> !before.containsKey(k))
                        .allMatch(k -> k.get(6).equals("2024-01-07")
                                || k.get(6).equals("2024-01-05") && k.get(1).equals(PerformanceGap.NAME)))
                .as("new rows are day three's or day one's performance gaps")
                .isTrue();
        assertThat(after.keySet().stream()
                        .filter(k -> k.get(6).equals("2024-01-05") && k.get(1).equals(PerformanceGap.NAME)))
                .as("day one's performance gaps")
                .isNotEmpty()
                .noneMatch(before::containsKey);

        // and day one's realized values are those of a full run with every label
        String fullOut = base.resolve("full").toString();
        Path fullCfg = config(base, "late-full", parts.toString(), targets.toString(), fullOut, false);
        vigil("run", "--config", fullCfg.toString(), "--run-date", DAYS[2]);
        Map<List<Object>, Row> full = results(fullOut);
        for (Row r : realized(after, "2024-01-05")) {
            List<Object> key =
                    Arrays.asList(ResultSchema.KEY.stream().map(r::getAs).toArray());
            assertThat(sameValues(r, full.get(key)))
                    .as("%s vs full %s", r, full.get(key))
                    .isTrue();
        }
    }
}
