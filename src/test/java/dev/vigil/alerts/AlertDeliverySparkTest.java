package dev.vigil.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.cli.Main;
import dev.vigil.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert delivery against real HTTP servers on loopback: a generic webhook and a Slack-style one
 * each get one message for a run with new alerts and nothing for an identical rerun; a server
 * failing twice still gets the message on the third attempt; with a server that never answers the
 * run still succeeds and the failure is in runs.
 */
class AlertDeliverySparkTest extends SparkTestBase {
    @TempDir
    static Path dir;

    static Path data;
    final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void generate() {
        session();
        data = dir.resolve("data");
        generateDrifted(data);
    }

    /** 4000 + 4000 rows, 4 features, drift from the middle of the analysis: the later chunks alert. */
    static void generateDrifted(Path data) {
        run(
                0,
                "generate",
                "--rows",
                "4000",
                "--reference-rows",
                "4000",
                "--features",
                "4",
                "--seed",
                "3",
                "--out",
                data.toString());
    }

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    static String run(int expectedCode, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out), new PrintStream(err));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(expectedCode);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * A loopback server answering POST /hook with the given status codes in turn (then 200),
     * recording bodies.
     */
    HttpServer server(List<String> bodies, AtomicInteger calls, int[] statuses, long delayMillis) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.setExecutor(Executors.newCachedThreadPool());
        s.createContext("/hook", exchange -> {
            int call = calls.getAndIncrement();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = call < statuses.length ? statuses[call] : 200;
            if (status == 200) {
                bodies.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        s.start();
        servers.add(s);
        return s;
    }

    static String url(HttpServer s) {
        return "http://127.0.0.1:" + s.getAddress().getPort() + "/hook";
    }

    Path config(String name, String alerts) throws Exception {
        Path c = dir.resolve(name + ".yaml");
        Files.writeString(c, """
        monitor: %1$s
        reference: {path: %2$s/reference, format: parquet}
        analysis: {path: %2$s/analysis, format: parquet}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba, target: repaid}
        chunking: {size: 1000}
        calculators: {univariate_drift: {columns: [num_0, num_1, cat_0]}}
        output: {path: %3$s}
        alerts:
        %4$s
        """.formatted(name, data, dir.resolve("out-" + name), alerts));
        return c;
    }

    @Test
    void oneMessagePerDestinationAndNoneForAnIdenticalRerun() throws Exception {
        List<String> webhook = new CopyOnWriteArrayList<>();
        List<String> slack = new CopyOnWriteArrayList<>();
        AtomicInteger webhookCalls = new AtomicInteger();
        AtomicInteger slackCalls = new AtomicInteger();
        HttpServer w = server(webhook, webhookCalls, new int[0], 0);
        HttpServer s = server(slack, slackCalls, new int[0], 0);
        Path c = config("twice", "  webhook: {url: \"%s\"}\n  slack: {url: \"%s\"}".formatted(url(w), url(s)));
        run(3, "run", "--config", c.toString(), "--fail-on-alert");
        assertThat(webhook).hasSize(1);
        assertThat(slack).hasSize(1);
        JsonNode message = new ObjectMapper().readTree(webhook.get(0));
        assertThat(message.get("monitor").asText()).isEqualTo("twice");
        int alerts = message.get("new_alerts").asInt();
        assertThat(alerts).isPositive();
        assertThat(message.get("alerts")).hasSize(alerts);
        assertThat(message.get("alerts").get(0).get("calculator").asText()).isEqualTo("univariate_drift");
        String text = new ObjectMapper().readTree(slack.get(0)).get("text").asText();
        assertThat(text).contains("monitor *twice*", "new alert", "univariate_drift jensen_shannon");

        run(3, "run", "--config", c.toString(), "--fail-on-alert");
        assertThat(webhookCalls.get()).isEqualTo(1);
        assertThat(slackCalls.get()).isEqualTo(1);
        List<Row> sent = spark.read()
                .format("delta")
                .load(dir.resolve("out-twice/alerts").toString())
                .collectAsList();
        assertThat(sent).hasSize(2 * alerts);
    }

    @Test
    void aServerFailingTwiceGetsTheMessageOnTheThirdAttempt() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer w = server(bodies, calls, new int[] {500, 503}, 0);
        Path c = config("flaky", "  webhook: {url: \"%s\"}\n  attempts: 3".formatted(url(w)));
        run(0, "run", "--config", c.toString());
        assertThat(calls.get()).isEqualTo(3);
        assertThat(bodies).hasSize(1);
        Row last = spark.read()
                .format("delta")
                .load(dir.resolve("out-flaky/runs").toString())
                .first();
        assertThat(last.<String>getAs("status")).isEqualTo("succeeded");
        assertThat((Object) last.getAs("error")).isNull();
    }

    @Test
    void aServerThatNeverAnswersCostsBoundedTimeAndIsRecorded() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer w = server(bodies, calls, new int[0], 60_000);
        Path c = config("silent", "  webhook: {url: \"%s\"}\n  timeout_seconds: 1\n  attempts: 2".formatted(url(w)));
        run(0, "run", "--config", c.toString()); // the delivery's time bound itself: AlertDeliveryTest
        Row run = spark.read()
                .format("delta")
                .load(dir.resolve("out-silent/runs").toString())
                .first();
        assertThat(run.<String>getAs("error")).contains("alerts not delivered to the webhook after 2 attempt(s)");
        assertThat(calls.get()).isEqualTo(2);
    }

    /**
     * Two webhooks with rules and a mute: the first is sent every alert that is not muted; the second
     * only univariate drift alerts whose result also alerted on the chunk before (persistence 2).
     * Each gets one message, the {@code alerts} table records each under its name, and a rerun sends
     * nothing more.
     */
    @Test
    void destinationsGetTheAlertsTheirRulesKeep() throws Exception {
        List<String> all = new CopyOnWriteArrayList<>();
        List<String> persistent = new CopyOnWriteArrayList<>();
        AtomicInteger allCalls = new AtomicInteger();
        AtomicInteger persistentCalls = new AtomicInteger();
        HttpServer a = server(all, allCalls, new int[0], 0);
        HttpServer b = server(persistent, persistentCalls, new int[0], 0);
        Path c = config("rules", """
          webhook:
            - {url: "%s"}
            - {url: "%s", calculators: [univariate_drift], persistence: 2}
          mute: [{column: num_1}]""".formatted(url(a), url(b)).indent(2));
        run(0, "run", "--config", c.toString());
        assertThat(allCalls.get()).isEqualTo(1);
        assertThat(persistentCalls.get()).isEqualTo(1);
        List<Row> results = spark.read()
                .format("delta")
                .load(dir.resolve("out-rules/results").toString())
                .where("period = 'analysis'")
                .collectAsList();
        Set<String> alerting = new HashSet<>();
        for (Row r : results) {
            if (r.<Boolean>getAs("alert")) {
                alerting.add(r.getAs("metric") + "|" + r.getAs("column_name") + "|" + r.getAs("chunk_index"));
            }
        }
        long unmuted = results.stream()
                .filter(r -> r.<Boolean>getAs("alert") && !"num_1".equals(r.getAs("column_name")))
                .count();
        JsonNode first = new ObjectMapper().readTree(all.get(0));
        assertThat(first.get("new_alerts").asLong())
                .as("every alert but the muted column's")
                .isEqualTo(unmuted);
        JsonNode second = new ObjectMapper().readTree(persistent.get(0));
        assertThat(second.get("new_alerts").asInt())
                .isPositive()
                .isLessThan(first.get("new_alerts").asInt());
        for (JsonNode alert : second.get("alerts")) {
            assertThat(alert.get("column_name").asText()).isNotEqualTo("num_1");
            int chunk = results.stream()
                    .filter(r ->
                            r.getAs("chunk_key").equals(alert.get("chunk_key").asText()))
                    .findFirst()
                    .orElseThrow()
                    .getAs("chunk_index");
            assertThat(alerting)
                    .as("the chunk before %s alerted too", alert)
                    .contains(alert.get("metric").asText() + "|"
                            + alert.get("column_name").asText() + "|" + (chunk - 1));
            assertThat(alert.get("severity").asText()).isIn("warning", "critical");
        }
        List<Row> sent = spark.read()
                .format("delta")
                .load(dir.resolve("out-rules/alerts").toString())
                .groupBy("destination")
                .count()
                .collectAsList();
        assertThat(sent).extracting(r -> r.getString(0)).containsExactlyInAnyOrder("webhook", "webhook_2");

        run(0, "run", "--config", c.toString());
        assertThat(allCalls.get()).as("nothing new to send").isEqualTo(1);
        assertThat(persistentCalls.get()).isEqualTo(1);
    }
}
