package dev.vigil.config;

import static dev.vigil.config.ConfigFixture.BASE;
import static dev.vigil.config.ConfigFixture.ENV;
import static dev.vigil.config.ConfigFixture.fails;
import static dev.vigil.config.ConfigFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.internal.Secrets;
import org.junit.jupiter.api.Test;

/**
 * {@link ConfigLoader}: secrets (webhook URLs, reader options, credentials in paths) are masked in
 * the resolved YAML and never printed in errors.
 */
class ConfigSecretsTest {
    @Test
    void slackUrlIsMaskedInTheResolvedYaml() {
        String token = "https://hooks.slack.com/services/T00000000/B00000000/XXXXfakeSecretXXXX";
        MonitorConfig c = parse(BASE + "alerts: {slack: {url: \"" + token + "\"}}\n");
        assertThat(c.alerts().slackUrl()).isEqualTo(token);
        assertThat(c.resolvedYaml())
                .doesNotContain("XXXXfakeSecretXXXX")
                .doesNotContain("hooks.slack.com")
                .contains("***")
                .contains("car_loan");
    }

    @Test
    void substitutedWebhookUrlIsMaskedToo() {
        MonitorConfig c = parse(BASE + """
        alerts:
          slack: {url: "${SLACK_WEBHOOK_URL}"}
          webhook: {url: "https://example.com/hook?token=abc123secret"}
        """);
        assertThat(c.alerts().slackUrl()).isEqualTo(ENV.get("SLACK_WEBHOOK_URL"));
        assertThat(c.alerts().webhookUrl()).isEqualTo("https://example.com/hook?token=abc123secret");
        assertThat(c.resolvedYaml()).doesNotContain("fakeTokenXyz123").doesNotContain("abc123secret");
    }

    @Test
    void secretReaderOptionsAreMasked() {
        MonitorConfig c = parse("""
        monitor: m
        reference: {path: s3a://b/ref.parquet, options: {fs.s3a.secret.key: hunter2, fs.s3a.access.key: AKIAFAKE}}
        analysis: {path: s3a://b/ana.parquet}
        """);
        assertThat(c.reference().options()).containsEntry("fs.s3a.secret.key", "hunter2");
        assertThat(c.resolvedYaml()).doesNotContain("hunter2").doesNotContain("AKIAFAKE");
    }

    @Test
    void secretEnvironmentValuesAreMaskedUnderAnyKey() {
        MonitorConfig c = parse("""
        monitor: m
        reference: {path: /d/r.parquet, options: {fs.s3a.endpoint: "https://s3.example.com/base/${S3_SIGNING_SECRET}"}}
        analysis: {path: "${DATA_DIR}/a.parquet", options: {fs.s3a.secret.key: "${AWS_SECRET_ACCESS_KEY}"}}
        """);
        assertThat(c.reference().options())
                .containsEntry("fs.s3a.endpoint", "https://s3.example.com/base/envSigningSecret-41f");
        assertThat(c.resolvedYaml())
                .doesNotContain("envSigningSecret-41f")
                .doesNotContain("envAwsSecret/9Qx")
                .contains("https://s3.example.com/base/***")
                // DATA_DIR does not look secret: its value stays readable
                .contains("/mnt/data/a.parquet");
        // and every message printed afterwards masks them too
        assertThat(Secrets.redact("cannot read 'https://s3.example.com/base/envSigningSecret-41f'"))
                .isEqualTo("cannot read 'https://s3.example.com/base/***'");
    }

    @Test
    void credentialsInPathsAndTokensInQueriesAreMasked() {
        MonitorConfig c = parse("""
        monitor: m
        reference: {path: "s3a://AKIAFAKEUSER:FakePathSecret@bucket/r.parquet"}
        analysis: {path: "https://data.example.com/a.csv?sv=2022&sig=FakeSasSignature&x=1", format: csv}
        """);
        assertThat(c.resolvedYaml())
                .doesNotContain("AKIAFAKEUSER")
                .doesNotContain("FakePathSecret")
                .doesNotContain("FakeSasSignature")
                .contains("s3a://***@bucket/r.parquet")
                .contains("sig=***&x=1");
    }

    @Test
    void setOverrideOfADottedReaderOptionIsOneOptionAndMasked() {
        MonitorConfig c = parse(
                BASE,
                "analysis.options.fs.s3a.secret.key=hunter3-from-set",
                "analysis.options.fs.s3a.endpoint=s3.eu-west-1.amazonaws.com");
        assertThat(c.analysis().options())
                .containsEntry("fs.s3a.secret.key", "hunter3-from-set")
                .containsEntry("fs.s3a.endpoint", "s3.eu-west-1.amazonaws.com");
        assertThat(c.resolvedYaml()).doesNotContain("hunter3-from-set").contains("s3.eu-west-1.amazonaws.com");
    }

    @Test
    void aBadSecretOptionValueIsNotPrinted() {
        fails(
                        BASE.replace(
                                "analysis: {path: /data/analysis.parquet}",
                                "analysis: {path: /data/analysis.parquet, options: {fs.s3a.secret.key: [leakedPart1, leakedPart2]}}"),
                        "analysis.options.fs.s3a.secret.key",
                        "***",
                        "a plain value")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("leakedPart"));
    }

    @Test
    void outputPathWithCredentialsIsRefusedWithoutPrintingThem() {
        fails(
                        BASE + "output: {path: \"s3a://AKIAOUT:OutSecret99@bucket/out\"}\n",
                        "output.path",
                        "s3a://***@bucket/out",
                        "without credentials")
                .satisfies(e ->
                        assertThat(e.getMessage()).doesNotContain("OutSecret99").doesNotContain("AKIAOUT"));
    }

    @Test
    void nonHttpUrlErrorDoesNotPrintTheUrl() {
        fails(BASE + "alerts: {slack: {url: \"ftp://secret-host/token\"}}\n", "alerts.slack.url", "http")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-host"));
    }
}
