package dev.vigil.pipeline;

import dev.vigil.alerts.AlertDelivery;
import dev.vigil.alerts.AlertSelection;
import dev.vigil.config.AlertsConfig;
import dev.vigil.results.DeltaResultSink;
import dev.vigil.results.OutputTables;
import dev.vigil.results.ResultRow;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each destination the analysis alerts it has not been sent before (the {@code alerts} table
 * remembers what was sent, so an identical rerun sends nothing).
 */
record AlertDispatch(RunContext run, DeltaResultSink sink) {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatch.class);

    /** Delivers the new alerts among {@code rows}; returns the delivery failures, or null. */
    String deliver(List<ResultRow> rows) {
        AlertsConfig alerts = run.config().alerts();
        if (!alerts.any()) {
            return null;
        }
        AlertDelivery delivery = new AlertDelivery(alerts);
        List<String> errors = new ArrayList<>();
        List<ResultRow> alerting = rows.stream()
                .filter(r -> r.alert() && r.period().equals("analysis"))
                .toList();
        boolean persistence =
                alerts.destinations().stream().anyMatch(d -> d.rule().persistence() > 1);
        Map<List<Object>, NavigableMap<Integer, Boolean>> history =
                persistence ? sink.analysisAlertHistory(run.monitor()) : Map.of();
        LocalDate today = run.day();
        for (AlertsConfig.Destination d : delivery.destinations()) {
            Set<List<Object>> sent = sink.sentAlerts(run.monitor(), d.name());
            List<ResultRow> fresh = AlertSelection.select(
                    d,
                    alerts.mutes(),
                    alerting.stream().filter(r -> !sent.contains(key(r))).toList(),
                    history,
                    today);
            var outcome = delivery.send(d, run.monitor(), run.runId(), sink.address(OutputTables.RESULTS), fresh);
            if (outcome.delivered()) {
                sink.appendSentAlerts(sentRows(d.name(), fresh, run.now()));
                LOG.info("{}: {} new alert(s) sent", d.name(), fresh.size());
            } else {
                errors.add(outcome.error());
            }
        }
        return errors.isEmpty() ? null : String.join("; ", errors);
    }

    /** What identifies a sent alert (the result's key without the monitor). */
    private static List<Object> key(ResultRow r) {
        return Arrays.asList(r.calculator(), r.metric(), r.columnName(), r.segment(), r.period(), r.chunkKey());
    }

    private List<Row> sentRows(String destination, List<ResultRow> fresh, Timestamp now) {
        return fresh.stream()
                .map(r -> RowFactory.create(
                        r.monitor(),
                        r.calculator(),
                        r.metric(),
                        r.columnName(),
                        r.segment(),
                        r.period(),
                        r.chunkKey(),
                        destination,
                        r.value(),
                        run.runId(),
                        now))
                .toList();
    }
}
