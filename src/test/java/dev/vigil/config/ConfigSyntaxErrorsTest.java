package dev.vigil.config;

import static dev.vigil.config.ConfigFixture.BASE;
import static dev.vigil.config.ConfigFixture.ENV;
import static dev.vigil.config.ConfigFixture.fails;
import static dev.vigil.config.ConfigFixture.failsMultiline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.internal.UserException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ConfigLoader} errors: unknown keys, malformed YAML, chunking and data-quality settings;
 * each a one-line {@link UserException} naming the key.
 */
class ConfigSyntaxErrorsTest {
    @Test
    void unknownTopLevelKeySuggestsTheClosest() {
        fails(
                BASE + "chunkin: {size: 5}\n",
                "configuration key 'chunkin' is not known",
                "did you mean 'chunking'?",
                "valid keys here");
    }

    @Test
    void unknownTopLevelKeyWithoutCloseMatchListsValidKeys() {
        fails(BASE + "zzzzzzzzzz: 1\n", "'zzzzzzzzzz' is not known", "monitor", "chunking")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("did you mean"));
    }

    @Test
    void unknownKeyInsideChunking() {
        fails(BASE + "chunking: {sizes: 5}\n", "chunking.sizes", "not known", "did you mean 'size'?");
    }

    private static final String UNCLOSED_FLOW = "monitor: m\nreference: {path: /r.parquet\nanalysis: [\n";
    private static final String BAD_INDENT = "monitor: m\n  reference: x\n bad: [1\n";

    @Test
    void malformedYamlNamesTheFileAndLine() {
        failsMultiline(UNCLOSED_FLOW, List.of(), "configuration file 'monitor.yaml' is not valid YAML at line 3");
        failsMultiline(
                BAD_INDENT,
                List.of(),
                "configuration file 'monitor.yaml' is not valid YAML at line 2",
                "mapping values are not allowed");
    }

    @Test
    void malformedYamlMessageIsOneLine() {
        fails(UNCLOSED_FLOW, "monitor.yaml", "not valid YAML", "line 3");
        fails(BAD_INDENT, "monitor.yaml", "not valid YAML", "line 2");
    }

    @Test
    void emptyFile() {
        fails("", "monitor.yaml", "empty");
    }

    @Test
    void notAMapping() {
        fails("- a\n- b\n", "monitor.yaml", "mapping");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5"})
    void chunkSizeNotPositive(String size) {
        fails(BASE + "chunking: {size: " + size + "}\n", "chunking.size", "got " + size, "positive whole number");
    }

    @Test
    void chunkSizeNotANumber() {
        fails(BASE + "chunking: {size: abc}\n", "chunking.size", "'abc'", "positive whole number");
    }

    @Test
    void chunkSizeFraction() {
        fails(BASE + "chunking: {size: 2.5}\n", "chunking.size", "positive whole number");
    }

    @Test
    void chunkNumberZero() {
        fails(BASE + "chunking: {number: 0}\n", "chunking.number", "positive whole number");
    }

    @Test
    void twoChunkingModesAtOnce() {
        fails(BASE + "chunking: {size: 100, number: 4}\n", "chunking", "only one of 'size', 'number' or 'period'");
    }

    @Test
    void overrideOfTheChunkingModeReplacesTheFilesMode() {
        MonitorConfig c = new ConfigLoader(ENV::get)
                .parse(
                        BASE + "columns: {timestamp: ts}\nchunking: {number: 4}\n",
                        "test.yaml",
                        List.of("chunking.period=day"));
        assertThat(c.chunking().kind()).isEqualTo(ChunkingConfig.Kind.PERIOD);
    }

    @Test
    void periodChunkingWithoutTimestamp() {
        fails(BASE + "chunking: {period: month}\n", "columns.timestamp", "chunking.period needs one");
    }

    @Test
    void unknownPeriodUnit() {
        fails(
                BASE + "chunking: {period: fortnight}\n",
                "chunking.period",
                "'fortnight' is not known",
                "[day, hour, month, quarter, week, year]");
    }

    @Test
    void periodUnitTypoSuggests() {
        fails(BASE + "chunking: {period: mnth}\n", "chunking.period", "did you mean 'month'");
    }

    @Test
    void unknownIncompleteValue() {
        fails(
                BASE + "chunking: {size: 10, incomplete: sometimes}\n",
                "chunking.incomplete",
                "'sometimes' is not known",
                "[append, drop, keep]");
    }

    @Test
    void incompleteWithPeriodChunking() {
        fails(BASE + "chunking: {period: day, incomplete: drop}\n", "chunking.incomplete", "period");
    }

    @Test
    void unknownDataQualityMetricListsTheValidOnes() {
        fails(
                BASE + "calculators: {data_quality: {metrics: [mean, meen]}}\n",
                "calculators.data_quality.metrics",
                "'meen' is not known",
                "did you mean 'mean'",
                "missing_values",
                "unseen_values",
                "numerical_range",
                "median",
                "row_count");
    }

    @Test
    void unknownKeyInDataQuality() {
        fails(
                BASE + "calculators: {data_quality: {metric: [mean]}}\n",
                "calculators.data_quality.metric",
                "did you mean 'metrics'");
    }
}
