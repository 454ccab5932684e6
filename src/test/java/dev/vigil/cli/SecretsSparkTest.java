package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.cli.CliHarness.Result;
import dev.vigil.testing.SparkTestBase;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never leave Vigil: a real {@code vigil run} in its own process, with fake secrets in
 * environment variables (a webhook URL, an AWS secret key, a token embedded in a reader option),
 * literally in the YAML (an access key) and on the command line ({@code --set} of a Slack URL and a
 * session token), alerting to a loopback webhook that fails and a Slack URL nobody listens on; then
 * a run whose input path carries s3a credentials and cannot be read. Every output — stdout, stderr,
 * the log file (Vigil, Spark, Hadoop and Delta at INFO) and every Delta table the runs wrote (runs
 * with config and error, results, distributions, alerts), exported as text — is searched for every
 * fake secret: none may appear.
 */
class SecretsSparkTest extends SparkTestBase {
    @TempDir
    static Path tmp;

    private static final String WEBHOOK_TOKEN = "FAKEWEBHOOKTOKEN-5e1f2a";
    private static final String SLACK_SECRET = "FAKESLACKPATHSECRET7c9d";
    private static final String AWS_SECRET = "fakeAwsSecretKey/Zx81+Qp0";
    private static final String AWS_ACCESS = "AKIAFAKEACCESS0451";
    private static final String SESSION_TOKEN = "FAKESESSIONTOKEN-3b7e";
    private static final String ENDPOINT_TOKEN = "FAKEENDPOINTTOKEN-88aa";
    private static final String S3A_USER = "AKIAFAKEPATHUSER9";
    private static final String S3A_PASSWORD = "FAKEPATHPASSWORD-2f2f";
    private static final List<String> SECRETS = List.of(
            WEBHOOK_TOKEN, SLACK_SECRET, AWS_SECRET, AWS_ACCESS, SESSION_TOKEN, ENDPOINT_TOKEN, S3A_USER, S3A_PASSWORD);

    @Test
    void noSecretInAnyOutput() throws Exception {
        Path data = tmp.resolve("data");
        Result generated = CliHarness.vigil(
                "generate",
                "--rows",
                "3000",
                "--reference-rows",
                "3000",
                "--features",
                "3",
                "--seed",
                "5",
                "--out",
                data.toString());
        assertThat(generated.code()).as(generated.toString()).isZero();

        AtomicInteger webhookCalls = new AtomicInteger();
        HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/", exchange -> {
            webhookCalls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        failing.start();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Path output = tmp.resolve("out");
        Path config = tmp.resolve("monitor.yaml");
        Files.writeString(config, """
        monitor: secrets
        reference: {path: "%1$s/reference", format: parquet, options: {fs.s3a.endpoint: "http://127.0.0.1:9/?X-Amz-Security-Token=${VIGIL_TEST_ENDPOINT_TOKEN}"}}
        analysis:
          path: "%1$s/analysis"
          format: parquet
          options: {fs.s3a.access.key: %2$s, fs.s3a.secret.key: "${AWS_SECRET_ACCESS_KEY}"}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba, target: repaid}
        chunking: {size: 1000}
        calculators: {univariate_drift: {}, data_quality: {}}
        output: {path: "%3$s"}
        alerts:
          webhook: {url: "${VIGIL_WEBHOOK_URL}"}
          timeout_seconds: 2
          attempts: 2
        """.formatted(data, AWS_ACCESS, output));
        Path logFile = tmp.resolve("vigil.log");
        Path log4j = tmp.resolve("log4j2.properties");
        Files.writeString(log4j, """
        rootLogger.level = info
        rootLogger.appenderRef.stderr.ref = console
        rootLogger.appenderRef.file.ref = file
        appender.console.type = Console
        appender.console.name = console
        appender.console.target = SYSTEM_ERR
        appender.console.layout.type = PatternLayout
        appender.console.layout.pattern = %%p %%c: %%m%%n
        appender.file.type = File
        appender.file.name = file
        appender.file.fileName = %s
        appender.file.layout.type = PatternLayout
        appender.file.layout.pattern = %%d %%p %%c: %%m%%n%%throwable
        logger.spark.name = org.apache.spark
        logger.spark.level = info
        logger.hadoop.name = org.apache.hadoop
        logger.hadoop.level = info
        logger.delta.name = io.delta
        logger.delta.level = info
        logger.vigil.name = dev.vigil
        logger.vigil.level = debug
        """.formatted(logFile));

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx2g");
        command.addAll(ManagementArgs.addOpens());
        command.add("-Dlog4j2.configurationFile=" + log4j.toUri());
        command.add("-Duser.timezone=UTC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(
                "run",
                "--config",
                config.toString(),
                "--set",
                "alerts.slack.url=http://127.0.0.1:" + closedPort + "/services/T0/B0/" + SLACK_SECRET,
                "--set",
                "analysis.options.fs.s3a.session.token=" + SESSION_TOKEN));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("VIGIL_WEBHOOK_URL", "http://127.0.0.1:" + failing.getAddress().getPort() + "/hook/" + WEBHOOK_TOKEN);
        env.put("AWS_SECRET_ACCESS_KEY", AWS_SECRET);
        env.put("VIGIL_TEST_ENDPOINT_TOKEN", ENDPOINT_TOKEN);
        Path stdout = tmp.resolve("stdout.txt");
        Path stderr = tmp.resolve("stderr.txt");
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process p = pb.start();
        boolean done = p.waitFor(8, TimeUnit.MINUTES);
        failing.stop(0);
        if (!done) {
            p.destroyForcibly();
        }
        String out = Files.readString(stdout);
        String err = Files.readString(stderr);
        String log = Files.exists(logFile) ? Files.readString(logFile) : "";
        assertThat(done).as("the run finished").isTrue();
        assertThat(p.exitValue()).as(out + err).isZero();
        assertThat(webhookCalls.get())
                .as("the webhook was tried, with its secret URL")
                .isEqualTo(2);
        assertThat(log).contains("alert delivery to the webhook failed").contains("alert delivery to the slack failed");

        // the same secrets in a run that fails: an s3a path with credentials in it, which cannot be
        // read here
        Path failedOutput = tmp.resolve("out-failed");
        Path badConfig = tmp.resolve("monitor-s3a.yaml");
        Files.writeString(
                badConfig,
                Files.readString(config)
                        .replace(
                                "path: \"" + data + "/analysis\"",
                                "path: \"s3a://" + S3A_USER + ":" + S3A_PASSWORD + "@bucket/analysis\"")
                        .replace("${VIGIL_WEBHOOK_URL}", "http://127.0.0.1:9/hook/" + WEBHOOK_TOKEN)
                        .replace("${AWS_SECRET_ACCESS_KEY}", AWS_SECRET)
                        .replace("${VIGIL_TEST_ENDPOINT_TOKEN}", ENDPOINT_TOKEN));
        Result failed = CliHarness.vigil(
                Level.INFO,
                "run",
                "--config",
                badConfig.toString(),
                "--output",
                failedOutput.toString(),
                "--set",
                "analysis.options.fs.s3a.session.token=" + SESSION_TOKEN);
        String line = CliHarness.assertUserError(failed, "analysis.path", "s3a://***@bucket/analysis");

        // every Delta table both runs wrote, as text
        StringBuilder tables = new StringBuilder();
        for (Path dir : List.of(output, failedOutput)) {
            try (Stream<Path> children = Files.list(dir)) {
                for (Path t : children.filter(c -> Files.isDirectory(c.resolve("_delta_log")))
                        .toList()) {
                    tables.append("== ").append(t).append('\n');
                    spark.read()
                            .format("delta")
                            .load(t.toString())
                            .toJSON()
                            .collectAsList()
                            .forEach(r -> tables.append(r).append('\n'));
                }
            }
        }
        String text = tables.toString();
        assertThat(text)
                .contains("/runs")
                .contains("/results")
                .contains("alerts not delivered to the webhook")
                .contains("alerts not delivered to the slack")
                .contains("status\":\"failed")
                .contains("s3a://***@bucket")
                .contains("fs.s3a.secret.key: \\\"***\\\"")
                .contains("fs.s3a.access.key: \\\"***\\\"")
                .contains("fs.s3a.session.token: \\\"***\\\"")
                .contains("X-Amz-Security-Token=***");

        // the HTML report of the run's output (it shows runs, with the delivery errors)
        Path report = tmp.resolve("report.html");
        Result reported =
                CliHarness.vigil(Level.INFO, "report", "--output", output.toString(), "--to", report.toString());
        assertThat(reported.code()).as(reported.err()).isZero();
        String html = Files.readString(report);
        assertThat(html).contains("alerts not delivered to the webhook");

        Map<String, String> outputs = new LinkedHashMap<>(Map.of(
                "stdout",
                out,
                "stderr",
                err,
                "log file",
                log,
                "Delta tables",
                text,
                "failed run stdout",
                failed.out(),
                "failed run stderr",
                line,
                "failed run log",
                failed.log()));
        outputs.put("report", html);
        outputs.put("report log", reported.log() + reported.out() + reported.err());
        for (var o : outputs.entrySet()) {
            for (String secret : SECRETS) {
                assertThat(o.getValue())
                        .as(o.getKey() + " must not contain " + secret)
                        .doesNotContain(secret);
            }
        }
        assertThat(log.length()).as("the log captured Spark's own output too").isGreaterThan(2000);
        assertThat(new File(output.resolve("runs").toString())).exists();
    }

    /** The JVM flags Spark needs on Java 17, as this test JVM got them (surefire's argLine). */
    static final class ManagementArgs {
        static List<String> addOpens() {
            return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(a -> a.startsWith("--add-opens")
                            || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                            || a.startsWith("-Djdk.reflect"))
                    .toList();
        }
    }
}
