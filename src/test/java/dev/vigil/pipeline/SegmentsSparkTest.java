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
 * thresholds and sampling errors), computed in the same scan as the whole population. Daily periods
 * make the chunks of both runs the same.
 */
class SegmentsSparkTest extends SparkTestBase {
    @TempDir
    static Path dir;

    @BeforeAll
    static void data() {
        SyntheticData.write(session(), dir.toString(), new SyntheticData.Options(8000, 8000, 5, 3, 0.5, "parquet"));
        session()
                .read()
                .parquet(dir.resolve("reference").toString())
                .filter("region = 'east'")
                .write()
                .parquet(dir.resolve("east_reference").toString());
        session()
                .read()
                .parquet(dir.resolve("analysis").toString())
                .filter("region = 'east'")
                .write()
                .parquet(dir.resolve("east_analysis").toString());
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
        Map<String, ResultRow> segmented = new HashMap<>();
        for (ResultRow r : run("reference", "analysis", "[region]")) {
            if ("region=east".equals(r.segment())) {
                segmented.put(r.metric() + "|" + r.columnName() + "|" + r.period() + "|" + r.chunkKey(), r);
            }
        }
        List<ResultRow> alone = run("east_reference", "east_analysis", "[]");
        assertThat(alone).hasSize(segmented.size());
        for (ResultRow a : alone) {
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
        }
    }
}
