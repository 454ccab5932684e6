package dev.vigil.config;

import static dev.vigil.config.ConfigFixture.BASE;
import static dev.vigil.config.ConfigFixture.fails;
import static dev.vigil.config.ConfigFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link ConfigLoader}: the {@code prometheus} section. */
class ConfigPrometheusTest {
    @Test
    void absentMeansNoPush() {
        assertThat(parse(BASE).prometheus()).isNull();
    }

    @Test
    void theAddressWithTheDefaultJob() {
        PrometheusConfig p = parse(BASE + "prometheus: {pushgateway: \"http://pushgateway:9091\"}\n")
                .prometheus();
        assertThat(p.job()).isEqualTo("vigil");
        assertThat(p.scheme()).isEqualTo("http");
        assertThat(p.hostAndPort()).isEqualTo("pushgateway:9091");
        assertThat(p.timeoutSeconds()).isEqualTo(PrometheusConfig.DEFAULT_TIMEOUT_SECONDS);
        PrometheusConfig https = parse(BASE + "prometheus: {pushgateway: \"https://pg.example.com\", job: nightly}\n")
                .prometheus();
        assertThat(https.hostAndPort()).isEqualTo("pg.example.com:443");
        assertThat(https.job()).isEqualTo("nightly");
    }

    @Test
    void theAddressIsRequiredAndAnHttpUrlWithoutAPath() {
        fails(BASE + "prometheus: {job: vigil}\n", "prometheus.pushgateway", "missing");
        fails(BASE + "prometheus: {pushgateway: \"pushgateway:9091\"}\n", "prometheus.pushgateway", "http://");
        fails(
                BASE + "prometheus: {pushgateway: \"http://pg:9091/metrics/job/x\"}\n",
                "prometheus.pushgateway",
                "without a path");
        fails(BASE + "prometheus: {pushgatway: \"http://pg:9091\"}\n", "pushgatway", "did you mean 'pushgateway'");
    }

    @Test
    void thePushDoesNotChangeWhatAFitLearns() {
        String yaml = BASE + "prometheus: {pushgateway: \"http://pg:9091\"}\n";
        assertThat(parse(yaml).fitKey()).isEqualTo(parse(BASE).fitKey());
    }
}
