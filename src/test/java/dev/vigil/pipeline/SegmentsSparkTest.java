package dev.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.generate.SyntheticData;
import dev.vigil.results.ResultRow;
import dev.vigil.testing.OracleCsv;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segment's results are those of a monitor run on that segment's rows alone (its own reference,
 * thresholds and sampling errors), computed in the same scan as the whole population: for one
 * column's segment, for a crossed segment (region × cat_0) and for a predicate slice (num_0 > 0).
 * Daily periods make the chunks of both runs the same.
 */
class SegmentsSparkTest extends SparkTestBase {
    @TempDir
    static Path dir;

    @BeforeAll
    static void data() {
        SyntheticData.write(session(), dir.toString(), new SyntheticData.Options(8000, 8000, 5, 3, 0.5, "parquet"));
        filtered("east", "region = 'east'");
        filtered("east_high", "region = 'east' AND cat_0 = 'high'");
        filtered("positive", "num_0 > 0");
    }

    /** DIR/{name}_reference and DIR/{name}_analysis: the rows where {@code condition} holds. */
    private static void filtered(String name, String condition) {
        for (String side : List.of("reference", "analysis")) {
            session()
                    .read()
                    .parquet(dir.resolve(side).toString())
                    .filter(condition)
                    .write()
                    .parquet(dir.resolve(name + "_" + side).toString());
        }
    }

    static List<ResultRow> run(String reference, String analysis, String segments) {
        String yaml = """
        monitor: seg
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba, target: repaid, segments: %s,
                  features: [num_0, num_1, num_2, num_3, cat_0]}
        chunking: {period: day}
        """.formatted(dir.resolve(reference), dir.resolve(analysis), segments);
        return compute(yaml);
    }

    @Test
    void segmentResultsEqualARunOnTheSegmentAlone() {
        assertEqualsRunAlone(run("reference", "analysis", "[region]"), "region=east", "east");
    }

    @Test
    void crossedSegmentResultsEqualARunOnThePairOfValuesAlone() {
        List<ResultRow> rows = run("reference", "analysis", "[region, [region, cat_0]]");
        int compared = assertEqualsRunAlone(rows, "region,cat_0=east,high", "east_high");
        assertThat(compared).isGreaterThan(100);
        // 4 regions x 3 levels of cat_0, plus the 4 regions
        assertThat(rows.stream()
                        .map(ResultRow::segment)
                        .filter(s -> s != null && s.startsWith("region,cat_0="))
                        .distinct())
                .hasSize(12);
    }

    @Test
    void aPredicateSliceEqualsARunOnTheRowsWhereItHolds() {
        String yamlSegments = "[], slices: {positive: \"num_0 > 0\"}";
        List<ResultRow> rows = run("reference", "analysis", yamlSegments);
        assertThat(assertEqualsRunAlone(rows, "slice=positive", "positive")).isGreaterThan(100);
    }

    /**
     * Every result row of the run on DIR/{alone}_reference and DIR/{alone}_analysis equals the row of
     * {@code segment} in {@code rows}; returns how many rows were compared.
     */
    static int assertEqualsRunAlone(List<ResultRow> rows, String segment, String alone) {
        Map<String, ResultRow> segmented = new HashMap<>();
        for (ResultRow r : rows) {
            if (segment.equals(r.segment())) {
                segmented.put(r.metric() + "|" + r.columnName() + "|" + r.period() + "|" + r.chunkKey(), r);
            }
        }
        List<ResultRow> aloneRows = run(alone + "_reference", alone + "_analysis", "[]");
        assertThat(aloneRows).hasSize(segmented.size());
        double largest = 0;
        Map<String, Integer> exact = new HashMap<>();
        for (ResultRow a : aloneRows) {
            ResultRow s = segmented.get(a.metric() + "|" + a.columnName() + "|" + a.period() + "|" + a.chunkKey());
            assertThat(s)
                    .as(a.metric() + " " + a.columnName() + " " + a.chunkKey())
                    .isNotNull();
            String what = a.metric() + "[" + a.columnName() + "] " + a.period() + " " + a.chunkKey();
            assertThat(OracleCsv.close(a.value(), s.value(), 1e-9))
                    .as(what + " value")
                    .isTrue();
            assertThat(OracleCsv.close(a.samplingError(), s.samplingError(), 1e-9))
                    .as(what + " sampling error")
                    .isTrue();
            assertThat(OracleCsv.close(a.lowerThreshold(), s.lowerThreshold(), 1e-9))
                    .as(what + " lower")
                    .isTrue();
            assertThat(OracleCsv.close(a.upperThreshold(), s.upperThreshold(), 1e-9))
                    .as(what + " upper")
                    .isTrue();
            assertThat(s.alert()).as(what + " alert").isEqualTo(a.alert());
            assertThat(s.chunkRows()).isEqualTo(a.chunkRows());
            if (a.metric().equals("mean") || a.metric().equals("jensen_shannon")) {
                assertThat(s.value()).as(what + " exactly").isEqualTo(a.value());
            }
            if (a.value() != null && !a.value().isNaN()) {
                largest = Math.max(largest, Math.abs(a.value() - s.value()));
                if (a.value().equals(s.value())) {
                    exact.merge(a.calculator() + "." + a.metric(), 1, Integer::sum);
                }
            }
        }
        System.out.printf(
                "%s: %d rows compared, largest |value difference| %.3g; exactly equal by metric: %s%n",
                segment, aloneRows.size(), largest, exact);
        return aloneRows.size();
    }
}
