package dev.vigil.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.AlertRule;
import dev.vigil.config.AlertRule.Segments;
import dev.vigil.config.AlertRule.Severity;
import dev.vigil.config.AlertsConfig;
import dev.vigil.results.ResultRow;
import dev.vigil.testing.ResultRowsFixture;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link AlertSelection}: a destination's filters, severity, persistence and the mutes. */
class AlertSelectionTest {
    static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    static ResultRow alert(
            String calculator, String column, String segment, int chunk, double value, Double lower, Double upper) {
        return ResultRowsFixture.row(
                calculator, "jensen_shannon", column, segment, "analysis", chunk, value, lower, upper, true, null);
    }

    static AlertsConfig.Destination to(AlertRule rule) {
        return new AlertsConfig.Destination("webhook", "webhook", "http://h", rule);
    }

    static AlertRule rule(List<String> calculators, Segments segments, Severity severity, int persistence) {
        return new AlertRule(calculators, List.of(), List.of(), segments, severity, persistence);
    }

    static final ResultRow DRIFT_X = alert("univariate_drift", "x", null, 3, 0.3, null, 0.2);
    static final ResultRow DRIFT_X_NORTH = alert("univariate_drift", "x", "region=north", 3, 0.3, null, 0.2);
    static final ResultRow QUALITY_Y = alert("data_quality", "y", null, 3, 12.0, 0.0, 10.0);

    static List<ResultRow> select(AlertRule rule, List<AlertRule.Mute> mutes, List<ResultRow> alerts) {
        return AlertSelection.select(to(rule), mutes, alerts, Map.of(), TODAY);
    }

    @Test
    void everyAlertByDefault() {
        assertThat(select(AlertRule.ALL, List.of(), List.of(DRIFT_X, DRIFT_X_NORTH, QUALITY_Y)))
                .containsExactly(DRIFT_X, DRIFT_X_NORTH, QUALITY_Y);
    }

    @Test
    void filtersOnCalculatorsMetricsColumnsAndSegments() {
        List<ResultRow> all = List.of(DRIFT_X, DRIFT_X_NORTH, QUALITY_Y);
        assertThat(select(rule(List.of("data_quality"), Segments.INCLUDE, Severity.WARNING, 1), List.of(), all))
                .containsExactly(QUALITY_Y);
        assertThat(select(rule(List.of(), Segments.EXCLUDE, Severity.WARNING, 1), List.of(), all))
                .containsExactly(DRIFT_X, QUALITY_Y);
        assertThat(select(rule(List.of(), Segments.ONLY, Severity.WARNING, 1), List.of(), all))
                .containsExactly(DRIFT_X_NORTH);
        AlertRule columnY = new AlertRule(List.of(), List.of(), List.of("y"), Segments.INCLUDE, Severity.WARNING, 1);
        assertThat(select(columnY, List.of(), all)).containsExactly(QUALITY_Y);
        AlertRule metric =
                new AlertRule(List.of(), List.of("hellinger"), List.of(), Segments.INCLUDE, Severity.WARNING, 1);
        assertThat(select(metric, List.of(), all)).isEmpty();
    }

    @Test
    void severityIsTheDistanceBeyondTheThresholdInBandWidths() {
        // band [0, 10]: critical from 10 beyond it
        assertThat(AlertSelection.severity(alert("q", "y", null, 0, 19.9, 0.0, 10.0)))
                .isEqualTo(Severity.WARNING);
        assertThat(AlertSelection.severity(alert("q", "y", null, 0, 20.0, 0.0, 10.0)))
                .isEqualTo(Severity.CRITICAL);
        assertThat(AlertSelection.severity(alert("q", "y", null, 0, -10.0, 0.0, 10.0)))
                .isEqualTo(Severity.CRITICAL);
        // one threshold (0.2): critical from its own size beyond it, 0.4
        assertThat(AlertSelection.severity(alert("d", "x", null, 0, 0.39, null, 0.2)))
                .isEqualTo(Severity.WARNING);
        assertThat(AlertSelection.severity(alert("d", "x", null, 0, 0.4, null, 0.2)))
                .isEqualTo(Severity.CRITICAL);
        // a band of zero width: no distance to judge
        assertThat(AlertSelection.severity(alert("q", "y", null, 0, 1e9, 5.0, 5.0)))
                .isEqualTo(Severity.WARNING);
        AlertRule critical = rule(List.of(), Segments.INCLUDE, Severity.CRITICAL, 1);
        ResultRow far = alert("data_quality", "y", null, 3, 25.0, 0.0, 10.0);
        assertThat(select(critical, List.of(), List.of(QUALITY_Y, far))).containsExactly(far);
    }

    @Test
    void persistenceNeedsThatManyConsecutiveAlertingChunks() {
        Map<List<Object>, NavigableMap<Integer, Boolean>> history = new HashMap<>();
        NavigableMap<Integer, Boolean> x = new TreeMap<>(Map.of(0, true, 1, false, 2, true, 3, true));
        history.put(AlertSelection.series("univariate_drift", "jensen_shannon", "x", null), x);
        NavigableMap<Integer, Boolean> y = new TreeMap<>(Map.of(1, true, 3, true)); // chunk 2 missing
        history.put(AlertSelection.series("data_quality", "jensen_shannon", "y", null), y);
        List<ResultRow> alerts = List.of(DRIFT_X, QUALITY_Y, DRIFT_X_NORTH);
        assertThat(AlertSelection.select(
                        to(rule(List.of(), Segments.INCLUDE, Severity.WARNING, 2)), List.of(), alerts, history, TODAY))
                .as("x alerted on chunks 2 and 3; y's chunk 2 is not there; the segment has no history")
                .containsExactly(DRIFT_X);
        assertThat(AlertSelection.select(
                        to(rule(List.of(), Segments.INCLUDE, Severity.WARNING, 3)), List.of(), alerts, history, TODAY))
                .as("chunk 1 of x did not alert")
                .isEmpty();
    }

    @Test
    void mutesMatchEveryFieldTheyNameUntilTheirDate() {
        List<ResultRow> all = List.of(DRIFT_X, DRIFT_X_NORTH, QUALITY_Y);
        AlertRule.Mute quality = new AlertRule.Mute("data_quality", null, null, null, null);
        assertThat(select(AlertRule.ALL, List.of(quality), all)).containsExactly(DRIFT_X, DRIFT_X_NORTH);
        AlertRule.Mute north = new AlertRule.Mute(null, null, "x", "region=north", TODAY);
        assertThat(select(AlertRule.ALL, List.of(north), all))
                .as("through its date")
                .containsExactly(DRIFT_X, QUALITY_Y);
        AlertRule.Mute expired = new AlertRule.Mute(null, null, "x", null, TODAY.minusDays(1));
        assertThat(select(AlertRule.ALL, List.of(expired), all))
                .as("past its date")
                .containsExactly(DRIFT_X, DRIFT_X_NORTH, QUALITY_Y);
    }
}
