package dev.vigil.alerts;

import dev.vigil.config.AlertRule;
import dev.vigil.config.AlertsConfig;
import dev.vigil.results.ResultRow;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;

/**
 * Which of a run's alerts a destination is sent ({@link AlertRule}): its filters, the least
 * severity, persistence over the monitor's analysis chunks, and the mutes. Plain Java.
 */
public final class AlertSelection {
    private AlertSelection() {}

    /** A result's identity across chunks: calculator, metric, column and segment. */
    public static List<Object> series(String calculator, String metric, String column, String segment) {
        return Arrays.asList(calculator, metric, column, segment);
    }

    /**
     * The alerts among {@code alerts} that {@code d} is sent, given the monitor's analysis alert
     * history (series → chunk index → alerted; needed for persistence above 1) and the run's date.
     */
    public static List<ResultRow> select(
            AlertsConfig.Destination d,
            List<AlertRule.Mute> mutes,
            List<ResultRow> alerts,
            Map<List<Object>, NavigableMap<Integer, Boolean>> history,
            LocalDate today) {
        AlertRule rule = d.rule();
        return alerts.stream()
                .filter(r -> kept(rule, r))
                .filter(r ->
                        rule.severity() == AlertRule.Severity.WARNING || severity(r) == AlertRule.Severity.CRITICAL)
                .filter(r -> rule.persistence() <= 1 || persisted(r, rule.persistence(), history))
                .filter(r -> mutes.stream().noneMatch(m -> muted(m, r, today)))
                .toList();
    }

    static boolean kept(AlertRule rule, ResultRow r) {
        boolean segment = r.segment() != null;
        return (rule.calculators().isEmpty() || rule.calculators().contains(r.calculator()))
                && (rule.metrics().isEmpty() || rule.metrics().contains(r.metric()))
                && (rule.columns().isEmpty() || rule.columns().contains(r.columnName()))
                && switch (rule.segments()) {
                    case INCLUDE -> true;
                    case EXCLUDE -> !segment;
                    case ONLY -> segment;
                };
    }

    /**
     * {@code critical} when the value is outside its threshold by at least the reference band's width
     * (upper − lower), or, with one threshold, by at least that threshold's size; else {@code
     * warning} (also for a band of zero width or a threshold of 0, where no distance can be judged).
     */
    public static AlertRule.Severity severity(ResultRow r) {
        Double v = r.value();
        Double lower = r.lowerThreshold();
        Double upper = r.upperThreshold();
        if (v == null || !r.alert()) {
            return AlertRule.Severity.WARNING;
        }
        double excess;
        Double crossed;
        if (upper != null && v > upper) {
            excess = v - upper;
            crossed = upper;
        } else if (lower != null && v < lower) {
            excess = lower - v;
            crossed = lower;
        } else {
            return AlertRule.Severity.WARNING;
        }
        double scale = lower != null && upper != null ? upper - lower : Math.abs(crossed);
        return scale > 0 && excess >= scale ? AlertRule.Severity.CRITICAL : AlertRule.Severity.WARNING;
    }

    /** The alert's chunk and the {@code n - 1} analysis chunks before it all alerted. */
    static boolean persisted(ResultRow r, int n, Map<List<Object>, NavigableMap<Integer, Boolean>> history) {
        NavigableMap<Integer, Boolean> chunks =
                history.get(series(r.calculator(), r.metric(), r.columnName(), r.segment()));
        if (chunks == null) {
            return false;
        }
        var upTo = chunks.headMap(r.chunkIndex(), true).descendingMap();
        int run = 0;
        int expected = r.chunkIndex();
        for (var e : upTo.entrySet()) {
            if (e.getKey() != expected || !e.getValue()) {
                break;
            }
            run++;
            expected--;
            if (run >= n) {
                return true;
            }
        }
        return false;
    }

    static boolean muted(AlertRule.Mute m, ResultRow r, LocalDate today) {
        return (m.calculator() == null || m.calculator().equals(r.calculator()))
                && (m.metric() == null || m.metric().equals(r.metric()))
                && (m.column() == null || Objects.equals(m.column(), r.columnName()))
                && (m.segment() == null || Objects.equals(m.segment(), r.segment()))
                && (m.until() == null || !today.isAfter(m.until()));
    }
}
