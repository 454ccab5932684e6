package dev.vigil.config;

import dev.vigil.internal.Errors;
import java.io.Serializable;

/**
 * Alert destinations (urls may be null) and delivery limits: each POST waits at most {@code
 * timeoutSeconds} and is tried {@code attempts} times with doubling pauses (1 s, 2 s, ...).
 */
public record AlertsConfig(String webhookUrl, String slackUrl, int timeoutSeconds, int attempts)
        implements Serializable {
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_ATTEMPTS = 3;

    static final Key<String> URL = Key.required(
            "url",
            "an http:// or https:// URL",
            "where the message is POSTed (give it as ${ENV}: it is a secret)",
            AlertsConfig::url);

    static final Schema WEBHOOK = Schema.of(
            "alerts.webhook", "a generic JSON POST {monitor, run_id, new_alerts, alerts: [...]} per run", URL);
    static final Schema SLACK = Schema.of("alerts.slack", "a Slack incoming webhook: readable text per run", URL);

    static final Key<String> WEBHOOK_KEY = destination(WEBHOOK, "send the new alerts to a generic webhook");
    static final Key<String> SLACK_KEY = destination(SLACK, "send the new alerts to Slack");
    static final Key<Integer> TIMEOUT_SECONDS =
            Key.positiveInt("timeout_seconds", DEFAULT_TIMEOUT_SECONDS, "how long each POST may wait, in seconds");
    static final Key<Integer> ATTEMPTS =
            Key.positiveInt("attempts", DEFAULT_ATTEMPTS, "tries per POST, with doubling pauses (1 s, 2 s, ...)");

    static final Schema SCHEMA = Schema.of(
                    "alerts",
                    "where a run sends its new analysis alerts (optional): one message per run and" + " destination",
                    WEBHOOK_KEY,
                    SLACK_KEY,
                    TIMEOUT_SECONDS,
                    ATTEMPTS)
            .with(WEBHOOK, SLACK);

    public static AlertsConfig none() {
        return new AlertsConfig(null, null, DEFAULT_TIMEOUT_SECONDS, DEFAULT_ATTEMPTS);
    }

    public boolean any() {
        return webhookUrl != null || slackUrl != null;
    }

    /** Reads the section. */
    static AlertsConfig parse(Section a) {
        SCHEMA.check(a);
        return new AlertsConfig(WEBHOOK_KEY.read(a), SLACK_KEY.read(a), TIMEOUT_SECONDS.read(a), ATTEMPTS.read(a));
    }

    /** The key of the destination section {@code schema} ({@code alerts.webhook}: webhook). */
    private static Key<String> destination(Schema schema, String help) {
        return Key.of(
                schema.path().substring(schema.path().lastIndexOf('.') + 1),
                "{url: ...}",
                null,
                help + " (" + schema.path() + ")",
                (s, k) -> URL.read(schema.check(s.section(k))));
    }

    /** A destination's url; the message does not print it (it is a secret). */
    private static String url(Section s, String k) {
        String url = s.requiredString(k, "an http(s) URL");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw Errors.badValue(s.key(k), "***", "an http:// or https:// URL");
        }
        return url;
    }
}
