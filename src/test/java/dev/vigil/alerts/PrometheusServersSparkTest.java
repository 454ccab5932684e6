package dev.vigil.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testing.PrometheusServers;
import dev.vigil.testing.SparkTestBase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus push against Debian's real servers on loopback ({@link PrometheusServers}): a run
 * pushes to the Pushgateway, Prometheus scrapes it, and every series, queried through Prometheus's
 * HTTP API, equals the newest analysis chunk in {@code results} and the run's row in {@code runs};
 * every query of the Grafana dashboard ({@code grafana/vigil-dashboard.json}) runs and returns data;
 * a rerun with fewer results removes the others (the push replaces the monitor's group); a
 * Pushgateway that is down is recorded in {@code runs.error} and the run succeeds.
 */
class PrometheusServersSparkTest extends SparkTestBase {
    @TempDir
    static Path dir;

    static Path data;
    static PrometheusServers servers;

    @BeforeAll
    static void generateAndStart() throws Exception {
        session();
        data = dir.resolve("data");
        AlertDeliverySparkTest.generateDrifted(data); // some results alert
        servers = PrometheusServers.start(dir.resolve("servers"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    static void run(String... args) {
        AlertDeliverySparkTest.run(0, args);
    }

    static Path config(String monitor, String calculators, String pushgateway) throws Exception {
        Path c = dir.resolve(monitor + "-" + Math.abs(calculators.hashCode()) + ".yaml");
        Files.writeString(c, """
        monitor: %1$s
        reference: {path: %2$s/reference, format: parquet}
        analysis: {path: %2$s/analysis, format: parquet}
        targets: {path: %2$s/analysis_targets, format: parquet, join_on: id}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba, target: repaid,
                  features: [num_0, num_1, cat_0], segments: [region]}
        chunking: {size: 1000}
        calculators:
        %3$s
        output: {path: %4$s}
        prometheus: {pushgateway: "%5$s", job: vigil_test, timeout_seconds: 2}
        """.formatted(monitor, data, calculators, dir.resolve("out-" + monitor), pushgateway));
        return c;
    }

    static final String EVERY_CALCULATOR = """
          univariate_drift: {continuous_methods: [jensen_shannon, kolmogorov_smirnov], categorical_methods: [chi2]}
          multivariate_drift: {}
          data_quality: {metrics: [missing_values, mean]}
          realized_performance: {metrics: [roc_auc, f1]}
          estimated_performance: {metrics: [roc_auc, f1]}
        """;

    /** The newest analysis chunk of every result: labels (calculator, metric, column, segment) → row. */
    static Map<List<String>, Row> newest(String monitor) {
        Map<List<String>, Row> out = new HashMap<>();
        for (Row r : spark.read()
                .format("delta")
                .load(dir.resolve("out-" + monitor).resolve("results").toString())
                .where("period = 'analysis'")
                .collectAsList()) {
            List<String> key =
                    labels(r.getAs("calculator"), r.getAs("metric"), r.getAs("column_name"), r.getAs("segment"));
            Row known = out.get(key);
            if (known == null || (int) r.getAs("chunk_index") > (int) known.getAs("chunk_index")) {
                out.put(key, r);
            }
        }
        return out;
    }

    static List<String> labels(String calculator, String metric, String column, String segment) {
        return List.of(calculator, metric, column == null ? "" : column, segment == null ? "" : segment);
    }

    /** Prometheus's answer: labels → value. */
    static Map<List<String>, Double> series(JsonNode result) {
        Map<List<String>, Double> out = new HashMap<>();
        for (JsonNode s : result) {
            JsonNode m = s.get("metric");
            out.put(
                    labels(
                            m.path("calculator").asText(),
                            m.path("metric").asText(),
                            m.path("column").asText(),
                            m.path("segment").asText()),
                    Double.parseDouble(s.get("value").get(1).asText()));
        }
        return out;
    }

    @Test
    void everySeriesReachesPrometheusAndEveryDashboardQueryAnswers() throws Exception {
        run(
                "run",
                "--config",
                config("prom_full", EVERY_CALCULATOR, servers.pushgatewayUrl()).toString());
        Map<List<String>, Row> newest = newest("prom_full");
        String m = "{monitor=\"prom_full\", job=\"vigil_test\"}";
        // the run's own series come last in a scrape: present, the whole push has been ingested
        servers.awaitSeries("vigil_run_last_success_timestamp_seconds" + m, 30);
        JsonNode values =
                servers.await("vigil_result_value" + m, r -> series(r).keySet().equals(newest.keySet()), 30);
        Map<List<String>, Double> value = series(values);
        assertThat(value.keySet()).as("one series per result").isEqualTo(newest.keySet());
        assertThat(newest.keySet().stream().map(k -> k.get(0)).distinct())
                .containsExactlyInAnyOrder(
                        "univariate_drift",
                        "multivariate_drift",
                        "data_quality",
                        "realized_performance",
                        "estimated_performance",
                        "performance_gap");
        assertThat(newest.keySet().stream().filter(k -> !k.get(3).isEmpty()))
                .as("segment series")
                .isNotEmpty();
        Map<List<String>, Double> alert = series(servers.query("vigil_result_alert" + m));
        Map<List<String>, Double> upper = series(servers.query("vigil_result_upper_threshold" + m));
        Map<List<String>, Double> lower = series(servers.query("vigil_result_lower_threshold" + m));
        List<String> different = new ArrayList<>();
        for (var e : newest.entrySet()) {
            Row r = e.getValue();
            Double v = r.getAs("value");
            Double u = r.getAs("upper_threshold");
            Double l = r.getAs("lower_threshold");
            double pushed = value.get(e.getKey());
            if (v == null ? !Double.isNaN(pushed) : pushed != v) {
                different.add(e.getKey() + " value " + v + " pushed " + pushed);
            }
            if (alert.get(e.getKey()) != ((boolean) r.getAs("alert") ? 1.0 : 0.0)) {
                different.add(e.getKey() + " alert " + r.getAs("alert"));
            }
            if (u == null ? upper.containsKey(e.getKey()) : !u.equals(upper.get(e.getKey()))) {
                different.add(e.getKey() + " upper " + u + " pushed " + upper.get(e.getKey()));
            }
            if (l == null ? lower.containsKey(e.getKey()) : !l.equals(lower.get(e.getKey()))) {
                different.add(e.getKey() + " lower " + l + " pushed " + lower.get(e.getKey()));
            }
        }
        assertThat(different).as("series that differ from results").isEmpty();
        assertThat(alert.values()).as("the drifted data alerts").contains(1.0);

        Row runRow = spark.read()
                .format("delta")
                .load(dir.resolve("out-prom_full/runs").toString())
                .first();
        assertThat((Object) runRow.getAs("error")).isNull();
        assertThat(only(servers.query("vigil_run_rows{monitor=\"prom_full\", period=\"analysis\"}")))
                .isEqualTo((double) (long) runRow.getAs("rows_analysis"));
        assertThat(only(servers.query("vigil_run_rows{monitor=\"prom_full\", period=\"reference\"}")))
                .isEqualTo((double) (long) runRow.getAs("rows_reference"));
        assertThat(only(servers.query("vigil_run_alerts" + m))).isEqualTo((double) (long) runRow.getAs("alerts"));
        assertThat(only(servers.query("vigil_run_duration_seconds" + m))).isPositive();
        double finished = ((Timestamp) runRow.getAs("finished_at")).getTime() / 1000.0;
        assertThat(only(servers.query("vigil_run_last_success_timestamp_seconds" + m)))
                .isBetween(finished - 60, finished + 1);

        // the Grafana dashboard: its monitor variable lists the monitor, and every panel query answers
        JsonNode dashboard = new ObjectMapper()
                .readTree(Path.of("grafana/vigil-dashboard.json").toFile());
        JsonNode monitors = servers.query("vigil_run_last_success_timestamp_seconds");
        assertThat(monitors.findValuesAsText("monitor")).contains("prom_full");
        int queries = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asText().replace("$monitor", "prom_full");
                assertThat(servers.query(expr))
                        .as("panel '%s': %s", panel.get("title").asText(), expr)
                        .isNotEmpty();
                queries++;
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(13);

        // a rerun with data quality only: the push replaces the monitor's group, so drift's series go
        run(
                "run",
                "--config",
                config("prom_full", "  data_quality: {metrics: [mean]}", servers.pushgatewayUrl())
                        .toString());
        String drift = "vigil_result_value{monitor=\"prom_full\", calculator=\"univariate_drift\"}";
        long end = System.nanoTime() + 30_000_000_000L;
        while (!servers.query(drift).isEmpty() && System.nanoTime() < end) {
            Thread.sleep(500);
        }
        assertThat(servers.query(drift))
                .as("series of results the rerun no longer has")
                .isEmpty();
        assertThat(servers.query("vigil_result_value{monitor=\"prom_full\", calculator=\"data_quality\"}"))
                .isNotEmpty();
    }

    @Test
    void aPushgatewayThatIsDownIsRecordedAndTheRunSucceeds() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed;
        run(
                "run",
                "--config",
                config("prom_down", "  data_quality: {metrics: [mean]}", url).toString());
        Row runRow = spark.read()
                .format("delta")
                .load(dir.resolve("out-prom_down/runs").toString())
                .first();
        assertThat(runRow.<String>getAs("status")).isEqualTo("succeeded");
        assertThat(runRow.<String>getAs("error")).contains("prometheus: the push to " + url + " failed");
    }

    private static double only(JsonNode result) {
        assertThat(result).hasSize(1);
        return Double.parseDouble(result.get(0).get("value").get(1).asText());
    }
}
