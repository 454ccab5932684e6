package dev.vigil.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.internal.Errors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Alert destinations, the mutes that hold for all of them, and delivery limits: each POST waits at
 * most {@code timeoutSeconds} and is tried {@code attempts} times with doubling pauses (1 s, 2 s,
 * ...).
 */
public record AlertsConfig(List<Destination> destinations, List<AlertRule.Mute> mutes, int timeoutSeconds, int attempts)
        implements Serializable {
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_ATTEMPTS = 3;

    /**
     * One place alerts go: its kind ({@code webhook} or {@code slack}), its name (the {@code alerts}
     * table's {@code destination}: what it was sent), its URL (a secret) and what it is sent.
     */
    public record Destination(String kind, String name, String url, AlertRule rule) implements Serializable {}

    static final Key<String> URL = Key.required(
            "url",
            "an http:// or https:// URL",
            "where the message is POSTed (give it as ${ENV}: it is a secret)",
            AlertsConfig::url);
    static final Key<String> NAME = Key.string(
            "name",
            "a name",
            "the destination's name, recorded with what it was sent (default: webhook / slack, then webhook_2, ...)");

    static final Schema WEBHOOK = destinationSchema(
            "alerts.webhook", "a generic JSON POST {monitor, run_id, new_alerts, alerts: [...]} per run");
    static final Schema SLACK = destinationSchema("alerts.slack", "a Slack incoming webhook: readable text per run");

    static final Key<String> WEBHOOK_KEY = destinationKey(WEBHOOK, "send the new alerts to a generic webhook");
    static final Key<String> SLACK_KEY = destinationKey(SLACK, "send the new alerts to Slack");
    static final Key<List<String>> MUTE = Key.parsedBySection(
            "mute", "a list of mappings (alerts.mute)", List.of(), "alerts no destination is sent (alerts.mute)");
    static final Key<Integer> TIMEOUT_SECONDS =
            Key.positiveInt("timeout_seconds", DEFAULT_TIMEOUT_SECONDS, "how long each POST may wait, in seconds");
    static final Key<Integer> ATTEMPTS =
            Key.positiveInt("attempts", DEFAULT_ATTEMPTS, "tries per POST, with doubling pauses (1 s, 2 s, ...)");

    static final Schema SCHEMA = Schema.of(
                    "alerts",
                    "where a run sends its new analysis alerts (optional): one message per run and destination, never"
                            + " the same alert twice to one destination",
                    WEBHOOK_KEY,
                    SLACK_KEY,
                    MUTE,
                    TIMEOUT_SECONDS,
                    ATTEMPTS)
            .with(WEBHOOK, SLACK, AlertRule.Mute.SCHEMA);

    public static AlertsConfig none() {
        return new AlertsConfig(List.of(), List.of(), DEFAULT_TIMEOUT_SECONDS, DEFAULT_ATTEMPTS);
    }

    /** A webhook and/or a Slack hook that are sent every alert (urls may be null). */
    public static AlertsConfig of(String webhookUrl, String slackUrl, int timeoutSeconds, int attempts) {
        List<Destination> d = new ArrayList<>();
        if (webhookUrl != null) {
            d.add(new Destination("webhook", "webhook", webhookUrl, AlertRule.ALL));
        }
        if (slackUrl != null) {
            d.add(new Destination("slack", "slack", slackUrl, AlertRule.ALL));
        }
        return new AlertsConfig(List.copyOf(d), List.of(), timeoutSeconds, attempts);
    }

    public boolean any() {
        return !destinations.isEmpty();
    }

    /** The first destination's URL of {@code kind}, or null. */
    public String url(String kind) {
        return destinations.stream()
                .filter(d -> d.kind().equals(kind))
                .map(Destination::url)
                .findFirst()
                .orElse(null);
    }

    public String webhookUrl() {
        return url("webhook");
    }

    public String slackUrl() {
        return url("slack");
    }

    /** Reads the section. */
    static AlertsConfig parse(Section a) {
        SCHEMA.check(a);
        List<Destination> destinations = new ArrayList<>();
        destinations.addAll(destinations(a, WEBHOOK));
        destinations.addAll(destinations(a, SLACK));
        Set<String> names = new HashSet<>();
        for (Destination d : destinations) {
            if (!names.add(d.name())) {
                throw Errors.badValue(
                        "alerts." + d.kind() + ".name",
                        d.name(),
                        "a name no other destination has (it keys what was sent)");
            }
        }
        return new AlertsConfig(
                List.copyOf(destinations),
                AlertRule.Mute.parseAll(a, MUTE.name()),
                TIMEOUT_SECONDS.read(a),
                ATTEMPTS.read(a));
    }

    /** A destination section, or a list of them: each with its url, name and rule. */
    private static List<Destination> destinations(Section a, Schema schema) {
        String kind = schema.path().substring(schema.path().lastIndexOf('.') + 1);
        List<Destination> out = new ArrayList<>();
        JsonNode n = a.node().get(kind);
        if (n == null || n.isNull()) {
            return out;
        }
        List<Section> sections = new ArrayList<>();
        if (n.isArray()) {
            int i = 0;
            for (JsonNode e : n) {
                sections.add(new Section(a.key(kind) + "[" + i++ + "]", e));
            }
        } else {
            sections.add(a.section(kind));
        }
        for (Section s : sections) {
            if (!s.node().isObject()) {
                throw Errors.badValue(s.path(), s.node().toString(), "a mapping {url: ..., ...}");
            }
            schema.check(s);
            String name = NAME.read(s);
            if (name == null) {
                name = out.isEmpty() ? kind : kind + "_" + (out.size() + 1);
            }
            out.add(new Destination(kind, name, URL.read(s), AlertRule.parse(s)));
        }
        return out;
    }

    private static Schema destinationSchema(String path, String help) {
        List<Key<?>> keys = new ArrayList<>(List.of(URL, NAME));
        keys.addAll(AlertRule.KEYS);
        return Schema.of(
                path, help + "; a mapping, or a list of them for several destinations", keys.toArray(Key<?>[]::new));
    }

    /** The key of the destination section {@code schema} ({@code alerts.webhook}: webhook). */
    private static Key<String> destinationKey(Schema schema, String help) {
        return Key.parsedBySection(
                schema.path().substring(schema.path().lastIndexOf('.') + 1),
                "{url: ...}, or a list of them",
                null,
                help + " (" + schema.path() + ")");
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
