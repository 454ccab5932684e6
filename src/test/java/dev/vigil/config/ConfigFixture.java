package dev.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.internal.UserException;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;

/**
 * Shared by the {@link ConfigLoader} tests (pure unit tests: no Spark, no files, an injected
 * environment): a minimal configuration, the environment, and the parse and failure assertions.
 */
final class ConfigFixture {
    private ConfigFixture() {}

    static final String SOURCE = "monitor.yaml";

    /** A minimal valid configuration; tests append sections to it. */
    static final String BASE = """
      monitor: car_loan
      reference: {path: /data/reference.parquet}
      analysis: {path: /data/analysis.parquet}
      """;

    static final Map<String, String> ENV = Map.of(
            "DATA_DIR", "/mnt/data",
            "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0FAKE/B0FAKE/fakeTokenXyz123",
            "CHUNK_SIZE", "5000",
            "S3_SIGNING_SECRET", "envSigningSecret-41f",
            "AWS_SECRET_ACCESS_KEY", "envAwsSecret/9Qx");

    static MonitorConfig parse(String yaml, String... overrides) {
        return new ConfigLoader(ENV::get).parse(yaml, SOURCE, List.of(overrides));
    }

    /**
     * Asserts that parsing fails with a {@link UserException} whose message contains every fragment.
     */
    static AbstractThrowableAssert<?, ? extends Throwable> fails(String yaml, String... fragments) {
        return failsWith(yaml, List.of(), fragments);
    }

    static AbstractThrowableAssert<?, ? extends Throwable> failsWith(
            String yaml, List<String> overrides, String... fragments) {
        AbstractThrowableAssert<?, ? extends Throwable> a = failsMultiline(yaml, overrides, fragments);
        // the CLI prints the message as one line (CONTRACT §1, UserException)
        a.satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        return a;
    }

    /** Like {@link #failsWith} but without the one-line check (see the disabled YAML tests). */
    static AbstractThrowableAssert<?, ? extends Throwable> failsMultiline(
            String yaml, List<String> overrides, String... fragments) {
        AbstractThrowableAssert<?, ? extends Throwable> a = assertThatThrownBy(
                        () -> new ConfigLoader(ENV::get).parse(yaml, SOURCE, overrides))
                .isInstanceOf(UserException.class);
        for (String f : fragments) {
            a = a.hasMessageContaining(f);
        }
        return a;
    }
}
