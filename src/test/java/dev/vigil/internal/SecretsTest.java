package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Secrets}: what counts as a secret name, and what {@link Secrets#redact} masks in free
 * text.
 */
class SecretsTest {
    @AfterEach
    void forget() {
        Secrets.install(List.of());
    }

    @Test
    void secretNames() {
        for (String name : List.of(
                "url",
                "token",
                "fs.s3a.secret.key",
                "fs.s3a.access.key",
                "fs.s3a.session.token",
                "fs.azure.account.key.acct.dfs.core.windows.net",
                "SLACK_WEBHOOK_URL",
                "AWS_SECRET_ACCESS_KEY",
                "DB_PASSWORD",
                "api_key",
                "GOOGLE_APPLICATION_CREDENTIALS")) {
            assertThat(Secrets.looksSecret(name)).as(name).isTrue();
        }
        for (String name : List.of(
                "path",
                "format",
                "fs.s3a.endpoint",
                "DATA_DIR",
                "CHUNK_SIZE",
                "timeout_seconds",
                "header",
                "PWD",
                "monitor")) {
            assertThat(Secrets.looksSecret(name)).as(name).isFalse();
        }
    }

    @Test
    void installedValuesAreMaskedWherever_theyAppear() {
        Secrets.install(List.of("s3cr3t-value", "abc"));
        assertThat(Secrets.redact("failed: s3cr3t-value at s3cr3t-value/x")).isEqualTo("failed: *** at ***/x");
        // shorter than MIN_LENGTH: not searched in free text (it would mask ordinary words)
        assertThat(Secrets.redact("abc")).isEqualTo("abc");
    }

    @Test
    void urlsLoseTheirCredentialsTokensAndHookPaths() {
        assertThat(Secrets.redact("cannot read 's3a://AKIA123:se/cr+et@bucket/p.parquet'"))
                .isEqualTo("cannot read 's3a://***@bucket/p.parquet'");
        assertThat(Secrets.redact("https://token123@github.com/x")).isEqualTo("https://***@github.com/x");
        assertThat(Secrets.redact("POST https://hooks.slack.com/services/T1/B2/abcDEF failed"))
                .isEqualTo("POST https://hooks.slack.com/services/*** failed");
        assertThat(Secrets.redact("https://discord.com/api/webhooks/123/tok-en?wait=true"))
                .isEqualTo("https://discord.com/api/webhooks/***?wait=true");
        assertThat(Secrets.redact("https://x.blob.core.windows.net/c/f.csv?sv=2022-11-02&sig=AbC%2Bd&se=2026"))
                .isEqualTo("https://x.blob.core.windows.net/c/f.csv?sv=2022-11-02&sig=***&se=2026");
        assertThat(Secrets.redact("https://h/p?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=beef&access_token=t0k"))
                .isEqualTo("https://h/p?X-Amz-Credential=***&X-Amz-Signature=***&access_token=***");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String message = "configuration key 'chunking.size': got 0, expected a positive whole number; see key=value";
        assertThat(Secrets.redact(message)).isEqualTo(message);
        assertThat(Secrets.redact("/data/reference.parquet and https://example.com/docs?page=2"))
                .isEqualTo("/data/reference.parquet and https://example.com/docs?page=2");
    }
}
