package dev.vigil.config;

import dev.vigil.internal.Errors;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a run pushes its metrics: a Prometheus Pushgateway ({@code http://host:port}), under a job
 * name; each push waits at most {@code timeoutSeconds}. Null in {@link MonitorConfig} when the
 * section is absent (nothing is pushed).
 */
public record PrometheusConfig(String pushgateway, String job, int timeoutSeconds) implements Serializable {
    public static final String DEFAULT_JOB = "vigil";
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;

    static final Key<String> PUSHGATEWAY = Key.required(
            "pushgateway",
            "an http:// or https:// URL (host and port)",
            "the Pushgateway's address, e.g. http://pushgateway:9091 (Prometheus scrapes it with honor_labels: true)",
            PrometheusConfig::address);
    static final Key<String> JOB = Key.of(
            "job",
            "a name",
            DEFAULT_JOB,
            "the job label (the Pushgateway's group: job and monitor; each run replaces its monitor's metrics)",
            (s, k) -> s.string(k, DEFAULT_JOB));
    static final Key<Integer> TIMEOUT_SECONDS =
            Key.positiveInt("timeout_seconds", DEFAULT_TIMEOUT_SECONDS, "how long the push may wait, in seconds");

    static final Schema SCHEMA = Schema.of(
            "prometheus",
            "push the run's metrics to a Prometheus Pushgateway (optional): the newest analysis chunk of every"
                    + " result, and the run's duration, rows, alerts and time of success. A failed push is recorded"
                    + " in runs.error and never fails the run",
            PUSHGATEWAY,
            JOB,
            TIMEOUT_SECONDS);

    /** Reads the section. */
    static PrometheusConfig parse(Section s) {
        SCHEMA.check(s);
        return new PrometheusConfig(PUSHGATEWAY.read(s), JOB.read(s), TIMEOUT_SECONDS.read(s));
    }

    /** {@code http} or {@code https}. */
    public String scheme() {
        return URI.create(pushgateway).getScheme();
    }

    /** {@code host:port} (the port the URL gives, else the scheme's). */
    public String hostAndPort() {
        URI u = URI.create(pushgateway);
        int port = u.getPort() >= 0 ? u.getPort() : scheme().equals("https") ? 443 : 80;
        return u.getHost() + ":" + port;
    }

    private static String address(Section s, String k) {
        String url = s.requiredString(k, "the Pushgateway's URL, e.g. http://pushgateway:9091");
        try {
            URI u = new URI(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw Errors.badValue(
                        s.key(k), url, "an http:// or https:// URL with a host, e.g. http://pushgateway:9091");
            }
            if (u.getRawPath() != null
                    && !u.getRawPath().isEmpty()
                    && !u.getRawPath().equals("/")) {
                throw Errors.badValue(
                        s.key(k), url, "the Pushgateway's address without a path (Vigil adds /metrics/job/...)");
            }
        } catch (URISyntaxException e) {
            throw Errors.badValue(s.key(k), url, "an http:// or https:// URL, e.g. http://pushgateway:9091");
        }
        return url;
    }
}
