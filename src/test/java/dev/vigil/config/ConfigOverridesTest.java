package dev.vigil.config;

import static dev.vigil.config.ConfigFixture.BASE;
import static dev.vigil.config.ConfigFixture.fails;
import static dev.vigil.config.ConfigFixture.failsWith;
import static dev.vigil.config.ConfigFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.calculators.Calculators;
import dev.vigil.quality.DataQualityType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ConfigLoader}: {@code ${ENV}} substitution from the injected environment, and {@code
 * --set} overrides.
 */
class ConfigOverridesTest {
    // ---------------------------------------------------------------- ${ENV}

    @Test
    void variablesAreReplacedFromTheInjectedEnvironment() {
        MonitorConfig c = parse("""
        monitor: m
        reference: {path: "${DATA_DIR}/reference.parquet"}
        analysis: {path: "${DATA_DIR}/a/${DATA_DIR}.parquet"}
        """);
        assertThat(c.reference().path()).isEqualTo("/mnt/data/reference.parquet");
        assertThat(c.analysis().path()).isEqualTo("/mnt/data/a//mnt/data.parquet");
        assertThat(c.resolvedYaml()).contains("/mnt/data/reference.parquet").doesNotContain("${DATA_DIR}");
    }

    @Test
    void theSystemEnvironmentIsNotConsulted() {
        // PATH is set in every real environment, but not in the injected one
        fails(BASE + "output: {path: \"${PATH}/out\"}\n", "${PATH}", "PATH", "output.path", "not set");
    }

    @Test
    void textWithoutVariablesIsUntouched() {
        MonitorConfig c = parse(BASE + "output: {path: \"$HOME/{x}/$ {y}\"}\n");
        assertThat(c.output().path()).isEqualTo("$HOME/{x}/$ {y}");
    }

    @Test
    void variablesInsideListsAreReplaced() {
        MonitorConfig c = parse(BASE + "columns: {features: [\"${CHUNK_SIZE}\", b]}\n");
        assertThat(c.columns().features()).containsExactly("5000", "b");
    }

    @Test
    void aDoubledDollarIsTheLiteralText() {
        MonitorConfig c =
                parse(BASE + "columns: {features: [\"$${CHUNK_SIZE}\", \"a$${UNSET}b\", \"${CHUNK_SIZE}\"]}\n");
        assertThat(c.columns().features()).containsExactly("${CHUNK_SIZE}", "a${UNSET}b", "5000");
    }

    @Test
    void numericValueFromEnvironment() {
        MonitorConfig c = parse(BASE + "chunking: {size: \"${CHUNK_SIZE}\"}\n");
        assertThat(c.chunking().size()).isEqualTo(5000);
    }

    @Test
    void unsetVariableNamesTheVariableAndTheKey() {
        fails("""
        monitor: m
        reference: {path: "${MISSING_DATA_ROOT}/reference.parquet"}
        analysis: {path: /data/analysis.parquet}
        """, "MISSING_DATA_ROOT", "reference.path", "not set");
    }

    @Test
    void unsetVariableInAListNamesTheIndex() {
        fails(BASE + "columns: {features: [a, \"${NOPE}\"]}\n", "NOPE", "columns.features[1]");
    }

    // ---------------------------------------------------------------- --set

    @Test
    void chunkingSizeOverrideGivesSizeChunking() {
        MonitorConfig c = parse(BASE, "chunking.size=5000");
        assertThat(c.chunking().kind()).isEqualTo(ChunkingConfig.Kind.SIZE);
        assertThat(c.chunking().size()).isEqualTo(5000);
        assertThat(c.chunking().incomplete()).isEqualTo(ChunkingConfig.Incomplete.KEEP);
        assertThat(c.resolvedYaml()).contains("size: 5000");
    }

    @Test
    void overrideReplacesAnExistingValue() {
        MonitorConfig c = parse(BASE + "chunking: {size: 100}\n", "chunking.size=7", "monitor=other");
        assertThat(c.chunking().size()).isEqualTo(7);
        assertThat(c.monitor()).isEqualTo("other");
    }

    @Test
    void thresholdOverrideKeepsTheDottedKey() {
        MonitorConfig c = parse(
                BASE,
                "thresholds.data_quality.mean.type=constant",
                "thresholds.data_quality.mean.upper=5",
                "thresholds.data_quality.mean.lower=null");
        assertThat(c.thresholds()).containsOnlyKeys("data_quality.mean");
        ThresholdConfig t = c.thresholds().get("data_quality.mean");
        assertThat(t.type()).isEqualTo(ThresholdConfig.Type.CONSTANT);
        assertThat(t.upper()).isEqualTo(5.0);
        assertThat(t.lower()).isNull();
    }

    @Test
    void thresholdOverrideMergesWithTheFile() {
        MonitorConfig c = parse(BASE + """
        thresholds:
          data_quality.std: {type: standard_deviation, std_upper_multiplier: 2}
        """, "thresholds.data_quality.std.std_lower_multiplier=null");
        ThresholdConfig t = c.thresholds().get("data_quality.std");
        assertThat(t.type()).isEqualTo(ThresholdConfig.Type.STANDARD_DEVIATION);
        assertThat(t.stdUpperMultiplier()).isEqualTo(2.0);
        assertThat(t.stdLowerMultiplier()).isNull();
    }

    @Test
    void listOverrideIsParsedAsYaml() {
        MonitorConfig c = parse(BASE, "calculators.data_quality.metrics=[mean, std]");
        assertThat(c.calculator(Calculators.get(DataQualityType.class)).metrics())
                .containsExactly("mean", "std");
    }

    @Test
    void overrideValuesAreSubstituted() {
        MonitorConfig c = parse(BASE, "output.path=${DATA_DIR}/out");
        assertThat(c.output().path()).isEqualTo("/mnt/data/out");
    }

    @Test
    void overrideWithoutEqualsSign() {
        failsWith(BASE, List.of("chunking.size"), "--set 'chunking.size'", "key=value");
    }

    @Test
    void overrideCanIntroduceAnError() {
        failsWith(BASE, List.of("chunking.size=0"), "chunking.size", "positive whole number");
    }

    @Test
    void overrideOfAnUnknownKeyIsStillStrict() {
        failsWith(BASE, List.of("chunking.sise=10"), "chunking.sise", "did you mean 'size'");
    }

    /** --output replaces output.path in the configuration and in the YAML the runs table records. */
    @Test
    void outputPathOverrideIsWhatTheRunRecords() {
        String yaml = BASE + "output: {path: /configured/out}\n";
        MonitorConfig cfg =
                new ConfigLoader(k -> null).withOutputPath("/given/out").parse(yaml, "test", List.of());
        assertThat(cfg.output().path()).isEqualTo("/given/out");
        assertThat(cfg.resolvedYaml()).contains("/given/out").doesNotContain("/configured/out");
        MonitorConfig none =
                new ConfigLoader(k -> null).withOutputPath("/given/out").parse(BASE, "test", List.of());
        assertThat(none.output().path()).isEqualTo("/given/out");
        assertThat(none.resolvedYaml()).contains("/given/out");
        assertThat(new ConfigLoader(k -> null)
                        .parse(yaml, "test", List.of())
                        .output()
                        .path())
                .isEqualTo("/configured/out");
    }

    /** --output does not paper over an output that is not a mapping: reading it still names it. */
    @Test
    void outputPathOverrideKeepsAMalformedOutputAnError() {
        assertThatThrownBy(() -> new ConfigLoader(k -> null)
                        .withOutputPath("/given/out")
                        .parse(BASE + "output: /just/a/string\n", "test", List.of()))
                .hasMessageContaining("output");
    }

    /** A key with a word too many gets the key it names (chunking.chunk_size: size). */
    @Test
    void aKeyWithAnExtraWordGetsASuggestion() {
        fails(BASE + "chunking: {chunk_size: 5000}\n", "chunking.chunk_size", "did you mean 'size'");
    }
}
