package dev.vigil.config;

import static dev.vigil.config.ConfigFixture.BASE;
import static dev.vigil.config.ConfigFixture.fails;
import static dev.vigil.config.ConfigFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** {@link ConfigLoader}: alert destinations (one or a list of each kind), their rules, and mutes. */
class ConfigAlertRulesTest {
    @Test
    void oneDestinationOfEachKindKeepsItsKindAsName() {
        AlertsConfig a = parse(BASE + "alerts: {webhook: {url: \"http://h/w\"}, slack: {url: \"https://s\"}}\n")
                .alerts();
        assertThat(a.destinations())
                .containsExactly(
                        new AlertsConfig.Destination("webhook", "webhook", "http://h/w", AlertRule.ALL),
                        new AlertsConfig.Destination("slack", "slack", "https://s", AlertRule.ALL));
        assertThat(a).isEqualTo(AlertsConfig.of("http://h/w", "https://s", 10, 3));
    }

    @Test
    void severalDestinationsWithRules() {
        AlertsConfig a = parse(BASE + """
        alerts:
          webhook:
            - {url: "http://h/all"}
            - {url: "http://h/drift", calculators: [univariate_drift], segments: exclude, persistence: 2}
          slack:
            - {url: "https://s", name: oncall, severity: critical, metrics: [f1], columns: [x, y], segments: only}
          mute:
            - {calculator: data_quality, metric: row_count}
            - {column: loan_length, until: "2026-12-31"}
        """).alerts();
        assertThat(a.destinations())
                .extracting(AlertsConfig.Destination::name)
                .containsExactly("webhook", "webhook_2", "oncall");
        AlertRule drift = a.destinations().get(1).rule();
        assertThat(drift.calculators()).containsExactly("univariate_drift");
        assertThat(drift.segments()).isEqualTo(AlertRule.Segments.EXCLUDE);
        assertThat(drift.persistence()).isEqualTo(2);
        AlertRule oncall = a.destinations().get(2).rule();
        assertThat(oncall.severity()).isEqualTo(AlertRule.Severity.CRITICAL);
        assertThat(oncall.metrics()).containsExactly("f1");
        assertThat(oncall.columns()).containsExactly("x", "y");
        assertThat(oncall.segments()).isEqualTo(AlertRule.Segments.ONLY);
        assertThat(a.mutes())
                .containsExactly(
                        new AlertRule.Mute("data_quality", "row_count", null, null, null),
                        new AlertRule.Mute(null, null, "loan_length", null, LocalDate.of(2026, 12, 31)));
    }

    @Test
    void mistakesNameTheirKey() {
        fails(
                BASE + "alerts: {webhook: [{url: \"http://a\"}, {url: \"http://b\", name: webhook}]}\n",
                "alerts.webhook.name",
                "'webhook'",
                "no other destination");
        fails(
                BASE + "alerts: {webhook: [{url: \"http://a\", persistance: 2}]}\n",
                "alerts.webhook[0].persistance",
                "did you mean 'persistence'");
        fails(BASE + "alerts: {slack: {url: \"https://s\", severity: high}}\n", "alerts.slack.severity", "critical");
        fails(BASE + "alerts: {webhook: {url: \"http://a\", persistence: 0}}\n", "alerts.webhook.persistence");
        fails(BASE + "alerts: {mute: [{until: \"2026-12-31\"}]}\n", "alerts.mute[0]", "at least one of");
        fails(BASE + "alerts: {mute: [{metric: mean, until: tomorrow}]}\n", "alerts.mute[0].until", "YYYY-MM-DD");
        fails(BASE + "alerts: {mute: {metric: mean}}\n", "alerts.mute", "a list");
        fails(BASE + "alerts: {webhook: [\"http://a\"]}\n", "alerts.webhook[0]", "a mapping");
    }

    @Test
    void alertRulesDoNotChangeWhatAFitLearns() {
        assertThat(parse(BASE + "alerts: {mute: [{metric: mean}]}\n").fitKey())
                .isEqualTo(parse(BASE).fitKey());
    }
}
