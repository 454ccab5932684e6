package dev.vigil.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.config.AlertRule;
import dev.vigil.config.AlertsConfig;
import dev.vigil.internal.Secrets;
import dev.vigil.results.ResultRow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one message per run and destination about the run's new alerts: a generic JSON webhook and
 * a Slack incoming webhook (readable text). Each POST has a timeout and is retried with doubling
 * pauses; a destination that keeps failing is reported, never waited on for longer than attempts ×
 * (timeout + pause).
 */
public final class AlertDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDelivery.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** At most this many alerts are listed one by one in a Slack message. */
    static final int SLACK_LINES = 20;

    private final AlertsConfig config;
    private final long firstPauseMillis;
    private final HttpClient client;

    public AlertDelivery(AlertsConfig config) {
        this(config, 1000);
    }

    AlertDelivery(AlertsConfig config, long firstPauseMillis) {
        this.config = config;
        this.firstPauseMillis = firstPauseMillis;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(config.timeoutSeconds()))
                .build();
    }

    /** What happened at one destination. */
    public record Outcome(String destination, boolean delivered, String error) {}

    /** The configured destinations, webhooks first. */
    public List<AlertsConfig.Destination> destinations() {
        return config.destinations();
    }

    /** Sends one message listing {@code alerts} to a destination (nothing when the list is empty). */
    public Outcome send(
            AlertsConfig.Destination d, String monitor, String runId, String resultsTable, List<ResultRow> alerts) {
        if (alerts.isEmpty()) {
            return new Outcome(d.name(), true, null);
        }
        return d.kind().equals("slack")
                ? post(d.name(), d.url(), slackBody(monitor, runId, resultsTable, alerts))
                : post(d.name(), d.url(), webhookBody(monitor, runId, resultsTable, alerts));
    }

    private Outcome post(String destination, String url, String body) {
        String last = null;
        long pause = firstPauseMillis;
        for (int attempt = 1; attempt <= config.attempts(); attempt++) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(config.timeoutSeconds()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    LOG.info("alerts sent to the {} (attempt {})", destination, attempt);
                    return new Outcome(destination, true, null);
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                // the URL is a secret (a Slack hook's path is its token): never quote it, nor a message
                // that might
                last = e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + Secrets.redact(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                last = "interrupted";
                break;
            }
            LOG.warn(
                    "alert delivery to the {} failed (attempt {} of {}): {}",
                    destination,
                    attempt,
                    config.attempts(),
                    last);
            if (attempt < config.attempts()) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                pause *= 2;
            }
        }
        return new Outcome(
                destination,
                false,
                "alerts not delivered to the " + destination + " after " + config.attempts() + " attempt(s): " + last);
    }

    static String webhookBody(String monitor, String runId, String resultsTable, List<ResultRow> alerts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("monitor", monitor);
        body.put("run_id", runId);
        body.put("results", resultsTable);
        body.put("new_alerts", alerts.size());
        List<Map<String, Object>> list = new ArrayList<>();
        for (ResultRow r : alerts) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("calculator", r.calculator());
            a.put("metric", r.metric());
            a.put("column_name", r.columnName());
            a.put("segment", r.segment());
            a.put("period", r.period());
            a.put("chunk_key", r.chunkKey());
            a.put(
                    "chunk_start_date",
                    r.chunkStartDate() == null
                            ? null
                            : r.chunkStartDate().toInstant().toString());
            a.put(
                    "chunk_end_date",
                    r.chunkEndDate() == null
                            ? null
                            : r.chunkEndDate().toInstant().toString());
            a.put("value", r.value());
            a.put("lower_threshold", r.lowerThreshold());
            a.put("upper_threshold", r.upperThreshold());
            a.put("severity", AlertSelection.severity(r).name().toLowerCase(Locale.ROOT));
            list.add(a);
        }
        body.put("alerts", list);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String slackBody(String monitor, String runId, String resultsTable, List<ResultRow> alerts) {
        StringBuilder text = new StringBuilder();
        text.append(":rotating_light: Vigil: monitor *")
                .append(monitor)
                .append("* raised ")
                .append(alerts.size())
                .append(alerts.size() == 1 ? " new alert" : " new alerts")
                .append(" (run ")
                .append(runId)
                .append(")\n");
        int shown = 0;
        for (ResultRow r : alerts) {
            if (shown++ == SLACK_LINES) {
                text.append("… and ").append(alerts.size() - SLACK_LINES).append(" more\n");
                break;
            }
            text.append(AlertSelection.severity(r) == AlertRule.Severity.CRITICAL ? "• *critical* " : "• ")
                    .append(r.calculator())
                    .append(' ')
                    .append(r.metric());
            if (r.columnName() != null) {
                text.append(" [").append(r.columnName()).append(']');
            }
            if (r.segment() != null) {
                text.append(" (").append(r.segment()).append(')');
            }
            text.append(", chunk ")
                    .append(r.chunkKey())
                    .append(": ")
                    .append(format(r.value()))
                    .append(" outside ")
                    .append(r.lowerThreshold() == null ? "(−∞" : "[" + format(r.lowerThreshold()))
                    .append(", ")
                    .append(r.upperThreshold() == null ? "∞)" : format(r.upperThreshold()) + "]")
                    .append('\n');
        }
        text.append("Results: ").append(resultsTable);
        try {
            return JSON.writeValueAsString(Map.of("text", text.toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String format(Double v) {
        return v == null ? "null" : String.format(Locale.ROOT, "%.4g", v);
    }
}
