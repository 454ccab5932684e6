package dev.vigil.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.config.AlertsConfig;
import dev.vigil.results.ResultRow;
import dev.vigil.testing.ResultRowsFixture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Delivery limits without Spark: a server that never answers costs at most attempts × timeout +
 * pauses. Tagged slow: it starts a local server and waits out its timeouts.
 */
@Tag("slow")
class AlertDeliveryTest {
    static ResultRow alert(int chunk) {
        return ResultRowsFixture.row(
                "univariate_drift", "jensen_shannon", "num_0", null, "analysis", chunk, 0.3, null, 0.1, true, null);
    }

    @Test
    void aSilentServerCostsBoundedTime() throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.setExecutor(Executors.newCachedThreadPool());
        s.createContext("/hook", exchange -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        s.start();
        try {
            String url = "http://127.0.0.1:" + s.getAddress().getPort() + "/hook";
            AlertDelivery d = new AlertDelivery(AlertsConfig.of(url, null, 1, 3), 100);
            long start = System.nanoTime();
            AlertDelivery.Outcome o = d.send(d.destinations().get(0), "m", "r", "out/results", List.of(alert(1)));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(o.delivered()).isFalse();
            assertThat(o.error()).contains("after 3 attempt(s)", "HttpTimeoutException");
            // 3 × 1 s timeouts + 0.1 s + 0.2 s pauses, with room for a slow machine
            assertThat(seconds).isBetween(3.0, 6.0);
        } finally {
            s.stop(0);
        }
    }

    @Test
    void anUnreachableServerFailsFast() {
        AlertDelivery d = new AlertDelivery(AlertsConfig.of("http://127.0.0.1:9/hook", null, 1, 2), 10);
        AlertDelivery.Outcome o = d.send(d.destinations().get(0), "m", "r", "out/results", List.of(alert(1)));
        assertThat(o.delivered()).isFalse();
        assertThat(o.error()).contains("after 2 attempt(s)");
    }

    @Test
    void slackMessagesStayReadableForManyAlerts() throws Exception {
        List<ResultRow> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(alert(i));
        }
        String text = new ObjectMapper()
                .readTree(AlertDelivery.slackBody("m", "r", "out/results", many))
                .get("text")
                .asText();
        assertThat(text)
                .contains(
                        "raised 25 new alerts",
                        "… and 5 more",
                        "num_0",
                        "chunk [0:9]: 0.3000 outside (−∞, 0.1000]",
                        "Results: out/results");
        assertThat(text.lines().filter(l -> l.startsWith("• ")).count()).isEqualTo(AlertDelivery.SLACK_LINES);
    }
}
