package dev.vigil.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.results.ResultRow;
import dev.vigil.testing.ResultRowsFixture;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PrometheusPush}'s metrics, without a server: which rows become which series. */
class PrometheusPushTest {
    static ResultRow row(
            String metric,
            String column,
            String segment,
            String period,
            int chunk,
            Double value,
            Double lower,
            Double upper,
            boolean alert) {
        return ResultRowsFixture.row(
                "univariate_drift", metric, column, segment, period, chunk, value, lower, upper, alert, null);
    }

    /** name → (labels text → value) of every data point. */
    static Map<String, Map<String, Double>> points(MetricSnapshots snapshots) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (MetricSnapshot s : snapshots) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (DataPointSnapshot p : s.getDataPoints()) {
                values.put(p.getLabels().toString(), ((GaugeSnapshot.GaugeDataPointSnapshot) p).getValue());
            }
            out.put(s.getMetadata().getName(), values);
        }
        return out;
    }

    @Test
    void theNewestAnalysisChunkOfEveryResultWithEmptyLabelsForNull() {
        List<ResultRow> rows = List.of(
                row("jensen_shannon", "x", null, "reference", 7, 0.9, null, 0.2, true),
                row("jensen_shannon", "x", null, "analysis", 0, 0.1, null, 0.2, false),
                row("jensen_shannon", "x", null, "analysis", 2, 0.5, null, 0.2, true),
                row("jensen_shannon", "x", null, "analysis", 1, 0.3, null, 0.2, true),
                row("jensen_shannon", "x", "region=north", "analysis", 1, null, 0.0, null, false));
        Map<String, Map<String, Double>> p =
                points(PrometheusPush.registry(rows, new PrometheusPush.RunFigures(12.5, 100, 200, 3, 1_700_000_000.0))
                        .scrape());

        String whole = "{calculator=\"univariate_drift\",column=\"x\",metric=\"jensen_shannon\",segment=\"\"}";
        String north =
                "{calculator=\"univariate_drift\",column=\"x\",metric=\"jensen_shannon\",segment=\"region=north\"}";
        assertThat(p.get("vigil_result_value")).containsOnlyKeys(whole, north).containsEntry(whole, 0.5);
        assertThat(p.get("vigil_result_value").get(north)).as("a null value").isNaN();
        assertThat(p.get("vigil_result_alert")).containsEntry(whole, 1.0).containsEntry(north, 0.0);
        assertThat(p.get("vigil_result_upper_threshold"))
                .as("no series for a null threshold")
                .containsOnlyKeys(whole);
        assertThat(p.get("vigil_result_lower_threshold"))
                .containsOnlyKeys(north)
                .containsEntry(north, 0.0);
        assertThat(p.get("vigil_run_duration_seconds")).containsEntry("{}", 12.5);
        assertThat(p.get("vigil_run_rows"))
                .containsEntry("{period=\"reference\"}", 100.0)
                .containsEntry("{period=\"analysis\"}", 200.0);
        assertThat(p.get("vigil_run_alerts")).containsEntry("{}", 3.0);
        assertThat(p.get("vigil_run_last_success_timestamp_seconds")).containsEntry("{}", 1_700_000_000.0);
    }

    @Test
    void noConfigurationNoPush() {
        assertThat(PrometheusPush.push(null, "m", List.of(), new PrometheusPush.RunFigures(1, 1, 1, 0, 1)))
                .isNull();
    }
}
