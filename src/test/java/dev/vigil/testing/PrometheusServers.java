package dev.vigil.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Debian's Prometheus Pushgateway and Prometheus server ({@code apt-get install
 * prometheus-pushgateway prometheus}; {@code .ci/run} installs both), each started as its own
 * process on a free loopback port, Prometheus scraping the Pushgateway every second with {@code
 * honor_labels: true} (the pushed job and monitor labels stay). Missing binaries skip the test
 * locally and fail it with {@code CI=true}. {@link #close} stops both.
 */
public final class PrometheusServers implements AutoCloseable {
    public static final Path PUSHGATEWAY = Path.of("/usr/bin/prometheus-pushgateway");
    public static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();
    public final int pushgatewayPort;
    public final int prometheusPort;

    private PrometheusServers(Path dir) throws Exception {
        pushgatewayPort = freePort();
        prometheusPort = freePort();
        Files.createDirectories(dir);
        start(
                dir.resolve("pushgateway.log"),
                PUSHGATEWAY.toString(),
                "--web.listen-address=127.0.0.1:" + pushgatewayPort);
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
        global: {scrape_interval: 1s, evaluation_interval: 1s}
        scrape_configs:
          - job_name: pushgateway
            honor_labels: true
            static_configs: [{targets: ["127.0.0.1:%d"]}]
        """.formatted(pushgatewayPort));
        start(
                dir.resolve("prometheus.log"),
                PROMETHEUS.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + prometheusPort);
        awaitReady(pushgatewayPort);
        awaitReady(prometheusPort);
    }

    /** Both servers started and ready; skips (locally) or fails (CI) without the binaries. */
    public static PrometheusServers start(Path dir) throws Exception {
        boolean present = Files.isExecutable(PUSHGATEWAY) && Files.isExecutable(PROMETHEUS);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("Debian's prometheus and prometheus-pushgateway are missing in CI (" + PUSHGATEWAY + ", " + PROMETHEUS
                    + "): .ci/run installs them");
        }
        assumeTrue(present, "apt-get install prometheus prometheus-pushgateway to run this test");
        return new PrometheusServers(dir);
    }

    public String pushgatewayUrl() {
        return "http://127.0.0.1:" + pushgatewayPort;
    }

    /** A PromQL instant query through Prometheus's HTTP API: the {@code data.result} array. */
    public JsonNode query(String promql) throws Exception {
        String url = "http://127.0.0.1:" + prometheusPort + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError("PromQL " + promql + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return body.path("data").path("result");
    }

    /** {@link #query} until it returns at least one series or {@code seconds} pass (scrapes are 1 s apart). */
    public JsonNode awaitSeries(String promql, int seconds) throws Exception {
        return await(promql, result -> !result.isEmpty(), seconds);
    }

    /**
     * {@link #query} until its answer satisfies {@code done} or {@code seconds} pass; the last answer.
     * A query may run while Prometheus ingests a scrape and see part of it, so a test that expects a
     * whole push waits for all of it.
     */
    public JsonNode await(String promql, Predicate<JsonNode> done, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        JsonNode result = query(promql);
        while (!done.test(result) && System.nanoTime() < end) {
            Thread.sleep(500);
            result = query(promql);
        }
        return result;
    }

    private void start(Path log, String... command) throws IOException {
        processes.add(new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start());
    }

    private void awaitReady(int port) throws Exception {
        URI ready = URI.create("http://127.0.0.1:" + port + "/-/ready");
        for (int i = 0; i < 120; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("server on port " + port + " not ready after 30 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }
}
