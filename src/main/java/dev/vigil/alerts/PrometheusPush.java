package dev.vigil.alerts;

import dev.vigil.config.PrometheusConfig;
import dev.vigil.results.ResultRow;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's metrics, pushed to a Prometheus Pushgateway with the Prometheus Java client: the newest
 * analysis chunk of every result ({@code vigil_result_*}, labels calculator, metric, column and
 * segment, an empty string for null) and the run's own ({@code vigil_run_*}). The group is job and
 * monitor, so the monitor label comes from the group, and each push (HTTP PUT) replaces the
 * monitor's previous metrics: a result that is gone is gone from Prometheus too.
 */
public final class PrometheusPush {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusPush.class);

    static final String[] RESULT_LABELS = {"calculator", "metric", "column", "segment"};

    /** What a run reports besides its results. */
    public record RunFigures(
            double durationSeconds, long referenceRows, long analysisRows, long alerts, double finishedEpochSeconds) {}

    private PrometheusPush() {}

    /** The metrics of one run, in a registry of their own. */
    static PrometheusRegistry registry(List<ResultRow> rows, RunFigures run) {
        PrometheusRegistry registry = new PrometheusRegistry();
        Gauge value = gauge(registry, "vigil_result_value", "the newest analysis chunk's value (NaN: none)");
        Gauge upper = gauge(registry, "vigil_result_upper_threshold", "the upper threshold of the newest chunk");
        Gauge lower = gauge(registry, "vigil_result_lower_threshold", "the lower threshold of the newest chunk");
        Gauge alert = gauge(registry, "vigil_result_alert", "1 when the newest analysis chunk alerts, else 0");
        for (ResultRow r : newestAnalysisChunks(rows)) {
            String[] labels = {r.calculator(), r.metric(), orEmpty(r.columnName()), orEmpty(r.segment())};
            value.labelValues(labels).set(r.value() == null ? Double.NaN : r.value());
            if (r.upperThreshold() != null) {
                upper.labelValues(labels).set(r.upperThreshold());
            }
            if (r.lowerThreshold() != null) {
                lower.labelValues(labels).set(r.lowerThreshold());
            }
            alert.labelValues(labels).set(r.alert() ? 1 : 0);
        }
        Gauge.builder()
                .name("vigil_run_duration_seconds")
                .help("the run's wall time, from start to the results written")
                .register(registry)
                .set(run.durationSeconds());
        Gauge rowsGauge = Gauge.builder()
                .name("vigil_run_rows")
                .help("rows the run read, by period (reference, analysis)")
                .labelNames("period")
                .register(registry);
        rowsGauge.labelValues("reference").set(run.referenceRows());
        rowsGauge.labelValues("analysis").set(run.analysisRows());
        Gauge.builder()
                .name("vigil_run_alerts")
                .help("alerts on the run's analysis chunks")
                .register(registry)
                .set(run.alerts());
        Gauge.builder()
                .name("vigil_run_last_success_timestamp_seconds")
                .help("when the monitor's last successful run finished (Unix time)")
                .register(registry)
                .set(run.finishedEpochSeconds());
        return registry;
    }

    /**
     * Pushes the run's metrics; returns null, or what went wrong (the run records it in {@code
     * runs.error} and does not fail).
     */
    public static String push(PrometheusConfig config, String monitor, List<ResultRow> rows, RunFigures run) {
        if (config == null) {
            return null;
        }
        try {
            PushGateway.builder()
                    .scheme(config.scheme().equals("https") ? Scheme.HTTPS : Scheme.HTTP)
                    .address(config.hostAndPort())
                    .job(config.job())
                    .groupingKey("monitor", monitor)
                    .registry(registry(rows, run))
                    .format(Format.PROMETHEUS_TEXT)
                    .connectionTimeout(Duration.ofSeconds(config.timeoutSeconds()))
                    .readTimeout(Duration.ofSeconds(config.timeoutSeconds()))
                    .build()
                    .push();
            LOG.info(
                    "prometheus: pushed the metrics of {} to {} (job {})", monitor, config.pushgateway(), config.job());
            return null;
        } catch (Exception e) {
            String error = "prometheus: the push to " + config.pushgateway() + " failed: "
                    + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().strip());
            LOG.warn("{} (the run goes on; runs.error records it)", error);
            return error;
        }
    }

    /** Per calculator, metric, column and segment, the analysis row of the highest chunk index. */
    static List<ResultRow> newestAnalysisChunks(List<ResultRow> rows) {
        Map<List<String>, ResultRow> newest = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            if (!r.period().equals("analysis")) {
                continue;
            }
            List<String> key = Arrays.asList(r.calculator(), r.metric(), r.columnName(), r.segment());
            newest.merge(key, r, (a, b) -> b.chunkIndex() > a.chunkIndex() ? b : a);
        }
        return List.copyOf(newest.values());
    }

    private static Gauge gauge(PrometheusRegistry registry, String name, String help) {
        return Gauge.builder().name(name).help(help).labelNames(RESULT_LABELS).register(registry);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
