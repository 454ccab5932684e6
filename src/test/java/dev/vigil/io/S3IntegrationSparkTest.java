package dev.vigil.io;

import static dev.vigil.testing.ResultTables.vigil;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.model.S3ObjectSummary;
import dev.vigil.cli.Main;
import dev.vigil.results.ResultSchema;
import dev.vigil.testing.ChildVigil;
import dev.vigil.testing.ResultTables;
import dev.vigil.testing.S3ProxyServer;
import dev.vigil.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * s3a end to end against a local S3 server (S3Proxy, its own process on loopback): the inputs are
 * uploaded through the S3 API, the real CLI runs in a separate JVM configured only the documented
 * way (endpoint and path-style access as {@code -Dspark.hadoop.fs.s3a.*}, credentials from the
 * AWS_ACCESS_KEY_ID/ AWS_SECRET_ACCESS_KEY environment, the bucket through the config's {@code
 * ${ENV}}), reads reference and analysis from {@code s3a://} and writes the Delta tables there. The
 * results on S3 equal a local run's.
 */
class S3IntegrationSparkTest extends SparkTestBase {
    static final String BUCKET = "vigil-it";
    static final String[] BUCKET_KEYS = {
        "endpoint",
        "path.style.access",
        "connection.ssl.enabled",
        "access.key",
        "secret.key",
        "aws.credentials.provider",
        "attempts.maximum",
        "retry.limit",
        "endpoint.region"
    };

    @TempDir
    static Path dir;

    static S3ProxyServer s3proxy;

    @BeforeAll
    static void startS3() throws Exception {
        session();
        s3proxy = S3ProxyServer.start(dir);
        s3proxy.client().createBucket(BUCKET);
        // this JVM reads the bucket back through s3a: per-bucket settings, so nothing global changes
        // for other tests
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String b = "fs.s3a.bucket." + BUCKET + ".";
        conf.set(b + "endpoint", s3proxy.endpoint());
        conf.set(b + "path.style.access", "true");
        conf.set(b + "connection.ssl.enabled", "false");
        conf.set(b + "access.key", S3ProxyServer.ACCESS_KEY);
        conf.set(b + "secret.key", S3ProxyServer.SECRET_KEY);
        conf.set(b + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        conf.set(b + "attempts.maximum", "2");
        conf.set(b + "retry.limit", "2");
        conf.set(b + "endpoint.region", "us-east-1");
    }

    @AfterAll
    static void stopS3() throws Exception {
        try {
            Configuration conf = spark.sparkContext().hadoopConfiguration();
            FileSystem.get(URI.create("s3a://" + BUCKET + "/"), conf).close();
            for (String k : BUCKET_KEYS) {
                conf.unset("fs.s3a.bucket." + BUCKET + "." + k);
            }
        } finally {
            if (s3proxy != null) {
                s3proxy.close();
            }
        }
    }

    @Test
    void runReadsAndWritesS3aAndEqualsALocalRun() throws Exception {
        Path data = dir.resolve("data");
        vigil(
                "generate",
                "--rows",
                "3000",
                "--reference-rows",
                "3000",
                "--features",
                "4",
                "--seed",
                "3",
                "--out",
                data.toString());
        AmazonS3 s3 = s3proxy.client();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().endsWith(".crc"))
                    .toList()) {
                s3.putObject(BUCKET, "data/" + data.relativize(f).toString().replace('\\', '/'), f.toFile());
            }
        }
        String template = """
        monitor: s3
        reference: {path: "%1$s/reference", format: parquet}
        analysis: {path: "%1$s/analysis", format: parquet}
        targets: {path: "%1$s/analysis_targets", format: parquet, join_on: id}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba, target: repaid}
        chunking: {size: 1000}
        calculators:
          univariate_drift: {}
          data_quality: {}
          realized_performance: {metrics: [roc_auc, f1]}
        output: {path: "%2$s"}
        """;
        Path s3Config = dir.resolve("s3.yaml");
        Files.writeString(
                s3Config, template.formatted("s3a://${VIGIL_TEST_BUCKET}/data", "s3a://${VIGIL_TEST_BUCKET}/out"));
        // the configuration itself lives in the bucket, as on EMR and Databricks
        s3.putObject(BUCKET, "monitors/s3.yaml", s3Config.toFile());
        Path localConfig = dir.resolve("local.yaml");
        Files.writeString(localConfig, template.formatted(data, dir.resolve("local")));

        try (ChildVigil child = ChildVigil.start(
                "s3",
                Map.of(
                        "AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                        "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY,
                        "VIGIL_TEST_BUCKET", BUCKET),
                List.of(
                        "-Dspark.hadoop.fs.s3a.endpoint=" + s3proxy.endpoint(),
                        "-Dspark.hadoop.fs.s3a.path.style.access=true",
                        "-Dspark.hadoop.fs.s3a.connection.ssl.enabled=false",
                        "-Dspark.hadoop.fs.s3a.endpoint.region=us-east-1",
                        "-Dspark.hadoop.fs.s3a.attempts.maximum=2",
                        "-Dspark.hadoop.fs.s3a.retry.limit=2"),
                "run",
                "--config",
                "s3a://" + BUCKET + "/monitors/s3.yaml")) {
            vigil("run", "--config", localConfig.toString()); // meanwhile, in this JVM
            assertThat(child.waitFor(300))
                    .as("%s\nS3Proxy log:\n%s", child.output(), s3proxy.log())
                    .isZero();
            assertThat(child.output()).contains("results: s3a://" + BUCKET + "/out/results");
        }

        // the tables are on the server
        List<String> keys = s3.listObjectsV2(BUCKET, "out/").getObjectSummaries().stream()
                .map(S3ObjectSummary::getKey)
                .toList();
        assertThat(keys)
                .contains(
                        "out/results/_delta_log/00000000000000000000.json",
                        "out/runs/_delta_log/00000000000000000000.json");
        assertThat(keys).anyMatch(k -> k.startsWith("out/results/monitor=s3/") && k.endsWith(".parquet"));

        String s3out = "s3a://" + BUCKET + "/out";
        Map<List<Object>, Row> onS3 = ResultTables.byKey(spark, s3out + "/results", ResultSchema.KEY);
        Map<List<Object>, Row> local =
                ResultTables.byKey(spark, dir.resolve("local/results").toString(), ResultSchema.KEY);
        assertThat(local).isNotEmpty();
        assertThat(local.keySet()).anyMatch(k -> "realized_performance".equals(k.get(1)));
        ResultTables.assertSameRows(local, onS3, ResultSchema.RESULTS);
        List<Row> runs = spark.read().format("delta").load(s3out + "/runs").collectAsList();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).<String>getAs("status")).isEqualTo("succeeded");
        assertThat(runs.get(0).<Long>getAs("rows_analysis")).isEqualTo(3000L);

        // the report and an export go to the bucket too, through the same FileSystem
        vigil("report", "--output", s3out, "--to", "s3a://" + BUCKET + "/reports/s3.html");
        String html = s3.getObjectAsString(BUCKET, "reports/s3.html");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("s3");
        vigil("export", "--output", s3out, "--to", "s3a://" + BUCKET + "/exports/results.csv");
        String csv = s3.getObjectAsString(BUCKET, "exports/results.csv");
        assertThat(csv.lines().count()).isEqualTo(1 + local.size());
    }

    @Test
    void aMissingConfigurationInTheBucketIsNamed() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(
                new String[] {"validate", "--config", "s3a://" + BUCKET + "/monitors/missing.yaml"},
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(Main.USER_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("vigil: error: cannot read configuration file 's3a://"
                        + BUCKET
                        + "/monitors/missing.yaml': no such file"
                        + System.lineSeparator());
    }
}
