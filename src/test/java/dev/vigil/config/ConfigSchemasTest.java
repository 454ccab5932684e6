package dev.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.calculators.Calculators;
import dev.vigil.internal.UserException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each section allows exactly the keys its {@link Schema} declares (one declaration per key), and
 * every declaration says what it takes and does.
 */
class ConfigSchemasTest {
    private static final String BASE = """
      monitor: m
      reference: {path: /data/reference.parquet}
      analysis: {path: /data/analysis.parquet}
      """;

    /** Where each general section is, as YAML holding an unknown key {@code zzz} in it. */
    private static final Map<Schema, String> UNKNOWN_KEY_IN = Map.ofEntries(
            Map.entry(MonitorConfig.SCHEMA, BASE + "zzz: 1\n"),
            Map.entry(
                    MonitorConfig.REFERENCE_SCHEMA,
                    "monitor: m\nreference: {path: r.parquet, zzz: 1}\nanalysis: {path: a.parquet}\n"),
            Map.entry(
                    MonitorConfig.ANALYSIS_SCHEMA,
                    "monitor: m\nreference: {path: r.parquet}\nanalysis: {path: a.parquet, zzz: 1}\n"),
            Map.entry(TargetsSpec.SCHEMA, BASE + "targets: {path: t.parquet, zzz: 1}\n"),
            Map.entry(ColumnsConfig.SCHEMA, BASE + "columns: {zzz: 1}\n"),
            Map.entry(ChunkingConfig.SCHEMA, BASE + "chunking: {zzz: 1}\n"),
            Map.entry(CalculatorSections.SCHEMA, BASE + "calculators: {zzz: 1}\n"),
            Map.entry(ThresholdConfig.SCHEMA, BASE + "thresholds: {data_quality.mean: {type: constant, zzz: 1}}\n"),
            Map.entry(OutputConfig.SCHEMA, BASE + "output: {path: o, zzz: 1}\n"),
            Map.entry(AlertsConfig.SCHEMA, BASE + "alerts: {zzz: 1}\n"),
            Map.entry(AlertsConfig.WEBHOOK, BASE + "alerts: {webhook: {url: 'https://h', zzz: 1}}\n"),
            Map.entry(AlertsConfig.SLACK, BASE + "alerts: {slack: {url: 'https://h', zzz: 1}}\n"),
            Map.entry(AlertRule.Mute.SCHEMA, BASE + "alerts: {mute: [{metric: mean, zzz: 1}]}\n"),
            Map.entry(PrometheusConfig.SCHEMA, BASE + "prometheus: {pushgateway: 'http://h:9091', zzz: 1}\n"));

    @Test
    void anUnknownKeyListsExactlyTheSchemasKeys() {
        UNKNOWN_KEY_IN.forEach((schema, yaml) -> {
            String key = schema.path().isEmpty() ? "zzz" : schema.path() + ".zzz";
            if (schema == ThresholdConfig.SCHEMA) {
                key = "thresholds.data_quality.mean.zzz";
            }
            if (schema == AlertRule.Mute.SCHEMA) {
                key = "alerts.mute[0].zzz"; // an element of the list
            }
            assertThatThrownBy(() -> new ConfigLoader(k -> null).parse(yaml, "t.yaml", List.of()))
                    .as(schema.path())
                    .isInstanceOf(UserException.class)
                    .hasMessage("configuration key '"
                            + key
                            + "' is not known; valid keys here: "
                            + schema.names().stream().sorted().toList());
        });
    }

    @Test
    void everyGeneralSectionIsCheckedAndInTheReference() {
        List<Schema> general = ConfigReference.sections().stream()
                .filter(s -> !s.path().startsWith("calculators."))
                .toList();
        assertThat(UNKNOWN_KEY_IN.keySet()).containsExactlyInAnyOrderElementsOf(general);
    }

    @Test
    void everyDeclarationSaysWhatItTakesAndDoes() {
        for (Schema s : ConfigReference.sections()) {
            assertThat(s.help()).as(s.path()).isNotBlank();
            assertThat(s.names()).as(s.path()).doesNotHaveDuplicates();
            for (Key<?> k : s.keys()) {
                assertThat(k.takes()).as(k.in(Section.empty(s.path()))).isNotBlank();
                assertThat(k.help()).as(k.in(Section.empty(s.path()))).isNotBlank();
            }
        }
    }

    @Test
    void theCalculatorsSectionHasAKeyPerRegisteredCalculator() {
        assertThat(CalculatorSections.SCHEMA.names()).isEqualTo(Calculators.names());
        assertThat(CalculatorSections.SCHEMA.nested())
                .extracting(Schema::path)
                .containsExactlyElementsOf(Calculators.names().stream()
                        .map(n -> "calculators." + n)
                        .toList());
    }

    @Test
    void defaultsAreTheDeclaredOnes() {
        MonitorConfig c = new ConfigLoader(k -> null).parse(BASE, "t.yaml", List.of());
        assertThat(c.problemType()).isEqualTo(MonitorConfig.PROBLEM_TYPE.defaultValue());
        assertThat(c.chunking()).isEqualTo(MonitorConfig.CHUNKING.defaultValue());
        assertThat(c.chunking().number()).isEqualTo(ChunkingConfig.NUMBER.defaultValue());
        assertThat(c.chunking().incomplete()).isEqualTo(ChunkingConfig.INCOMPLETE.defaultValue());
        assertThat(c.output()).isEqualTo(MonitorConfig.OUTPUT.defaultValue());
        assertThat(c.alerts()).isEqualTo(MonitorConfig.ALERTS.defaultValue());
        assertThat(c.alerts().timeoutSeconds()).isEqualTo(AlertsConfig.TIMEOUT_SECONDS.defaultValue());
        assertThat(c.alerts().attempts()).isEqualTo(AlertsConfig.ATTEMPTS.defaultValue());
        assertThat(c.incremental()).isEqualTo(MonitorConfig.INCREMENTAL.defaultValue());
        assertThat(c.columns().segments()).isEqualTo(ColumnsConfig.SEGMENTS.defaultValue());
        assertThat(new ConfigLoader(k -> null)
                        .parse(
                                BASE + "thresholds: {data_quality.mean: {type: standard_deviation}}\n",
                                "t.yaml",
                                List.of())
                        .thresholds()
                        .get("data_quality.mean"))
                .isEqualTo(new ThresholdConfig(
                        ThresholdConfig.Type.STANDARD_DEVIATION,
                        null,
                        null,
                        ThresholdConfig.STD_LOWER.defaultValue(),
                        ThresholdConfig.STD_UPPER.defaultValue()));
    }

    @Test
    void requiredKeysAreReportedMissing() {
        assertThat(MonitorConfig.MONITOR.defaultText()).isEqualTo("required");
        assertThatThrownBy(
                        () -> new ConfigLoader(k -> null).parse(BASE.replace("monitor: m\n", ""), "t.yaml", List.of()))
                .hasMessageStartingWith("configuration key 'monitor' is missing");
        assertThatThrownBy(() -> new ConfigLoader(k -> null)
                        .parse(BASE + "thresholds: {data_quality.mean: {}}\n", "t.yaml", List.of()))
                .hasMessage("configuration key 'thresholds.data_quality.mean.type' is missing: expected constant"
                        + " or standard_deviation");
    }
}
