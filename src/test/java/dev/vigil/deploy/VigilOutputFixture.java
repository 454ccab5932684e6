package dev.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real Vigil run per test JVM, shared by the notebook and BI-view tests: generated data with
 * drift from the middle of the analysis, univariate drift (every method), realized and estimated
 * performance (CBPE), missing values, consecutive drift, the profile, a segment column, and a loopback webhook so the {@code
 * alerts} table is written too. All four Delta tables exist under {@link #output()} afterwards.
 */
final class VigilOutputFixture {
    private static Path dir;
    private static Path output;
    static final AtomicInteger WEBHOOK_POSTS = new AtomicInteger();

    private VigilOutputFixture() {}

    static synchronized Path output() throws Exception {
        if (output != null) {
            return output;
        }
        dir = Files.createTempDirectory("vigil-deploy");
        Runtime.getRuntime().addShutdownHook(new Thread(VigilOutputFixture::delete));
        vigil(
                "generate",
                "--rows",
                "6000",
                "--reference-rows",
                "6000",
                "--features",
                "6",
                "--seed",
                "11",
                "--out",
                dir.resolve("data").toString());
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            WEBHOOK_POSTS.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
        try {
            Path config = dir.resolve("monitor.yaml");
            Files.writeString(config, """
          monitor: deploy_demo
          problem_type: binary_classification
          reference: {path: %1$s/reference, format: parquet}
          analysis: {path: %1$s/analysis, format: parquet}
          targets: {path: %1$s/analysis_targets, format: parquet, join_on: id}
          columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba, target: repaid,
                    segments: [region, [region, cat_0]], slices: {confident: "y_pred_proba > 0.8"}}
          chunking: {size: 1000}
          calculators:
            univariate_drift:
              continuous_methods: [kolmogorov_smirnov, jensen_shannon, wasserstein, hellinger, psi]
              categorical_methods: [chi2, jensen_shannon, hellinger, l_infinity, psi]
            realized_performance: {metrics: [roc_auc, f1, accuracy]}
            estimated_performance: {metrics: [roc_auc, f1, accuracy]}
            data_quality: {metrics: [missing_values]}
            consecutive_drift: {continuous_methods: [kolmogorov_smirnov], categorical_methods: [chi2]}
            profile: {}
          output: {path: %2$s}
          alerts:
            webhook: {url: "http://127.0.0.1:%3$d/hook"}
          """.formatted(
                    dir.resolve("data"), dir.resolve("out"), hook.getAddress().getPort()));
            vigil("run", "--config", config.toString());
        } finally {
            hook.stop(0);
        }
        assertThat(WEBHOOK_POSTS.get()).as("webhook messages").isPositive();
        output = dir.resolve("out");
        for (String table : new String[] {"results", "runs", "alerts", "distributions"}) {
            assertThat(output.resolve(table).resolve("_delta_log")).as(table).isDirectory();
        }
        return output;
    }

    static void vigil(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertThat(code)
                .as(String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8))
                .isZero();
    }

    private static void delete() {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory
        }
    }
}
