package dev.vigil.config;

import static dev.vigil.config.ConfigFixture.BASE;
import static dev.vigil.config.ConfigFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.calculators.Calculators;
import dev.vigil.quality.DataQualityConfig;
import dev.vigil.quality.DataQualityType;
import org.junit.jupiter.api.Test;

/**
 * {@link ConfigLoader}: the defaults a minimal configuration gets (NannyML's), formats, chunking.
 */
class ConfigDefaultsTest {
    @Test
    void minimalConfigGetsNannyMlDefaults() {
        MonitorConfig c = parse(BASE);
        assertThat(c.monitor()).isEqualTo("car_loan");
        assertThat(c.problemType()).isEqualTo(ProblemType.BINARY_CLASSIFICATION);
        assertThat(c.chunking()).isEqualTo(ChunkingConfig.defaults());
        assertThat(c.chunking().kind()).isEqualTo(ChunkingConfig.Kind.NUMBER);
        assertThat(c.chunking().number()).isEqualTo(10);
        assertThat(c.chunking().incomplete()).isEqualTo(ChunkingConfig.Incomplete.KEEP);
        assertThat(c.calculator(Calculators.get(DataQualityType.class))).isNotNull();
        assertThat(c.calculator(Calculators.get(DataQualityType.class)).metrics())
                .containsExactly(
                        "missing_values",
                        "unseen_values",
                        "numerical_range",
                        "mean",
                        "std",
                        "median",
                        "sum",
                        "row_count");
        assertThat(c.calculator(Calculators.get(DataQualityType.class)).columns())
                .isNull();
        assertThat(c.thresholds()).isEmpty();
        assertThat(c.targets()).isNull();
        assertThat(c.alerts()).isEqualTo(AlertsConfig.none());
        assertThat(c.output().path()).isEqualTo("./vigil-output");
        assertThat(c.columns().features()).isNull();
        assertThat(c.columns().categorical()).isNull();
        assertThat(c.columns().scores()).isEmpty();
        assertThat(c.columns().segments()).isEmpty();
    }

    @Test
    void formatIsGuessedFromTheExtension() {
        MonitorConfig c = parse("""
        monitor: m
        reference: {path: /data/ref.csv}
        analysis: {path: /data/ana.parquet/}
        """);
        assertThat(c.reference().format()).isEqualTo("csv");
        assertThat(c.analysis().format()).isEqualTo("parquet");
        assertThat(c.reference().key()).isEqualTo("reference");
    }

    @Test
    void explicitFormatIsCaseInsensitiveAndOptionsAreKept() {
        MonitorConfig c = parse("""
        monitor: m
        reference: {path: /data/ref, format: CSV, options: {sep: ';', header: true}}
        analysis: {table: main.ml.analysis}
        """);
        assertThat(c.reference().format()).isEqualTo("csv");
        assertThat(c.reference().options()).containsEntry("sep", ";").containsEntry("header", "true");
        assertThat(c.analysis().isTable()).isTrue();
        assertThat(c.analysis().table()).isEqualTo("main.ml.analysis");
    }

    @Test
    void dataQualityWithoutBodyMeansAllMetrics() {
        MonitorConfig c = parse(BASE + "calculators: {data_quality: }\n");
        assertThat(c.calculator(Calculators.get(DataQualityType.class)).metrics())
                .isEqualTo(DataQualityConfig.ALL_METRICS);
    }

    @Test
    void dataQualityMetricSubsetAndColumns() {
        MonitorConfig c = parse(BASE + "calculators: {data_quality: {metrics: [mean, row_count], columns: [x]}}\n");
        assertThat(c.calculator(Calculators.get(DataQualityType.class)).metrics())
                .containsExactly("mean", "row_count");
        assertThat(c.calculator(Calculators.get(DataQualityType.class)).columns())
                .containsExactly("x");
    }

    @Test
    void targetsJoinOnDefaultsToTheIdColumn() {
        MonitorConfig c = parse(BASE + """
        targets: {path: /data/targets.parquet}
        columns: {id: id, target: y}
        """);
        assertThat(c.targets().joinOn()).isEqualTo("id");
        assertThat(c.targets().input().key()).isEqualTo("targets");
    }

    @Test
    void periodChunking() {
        MonitorConfig c = parse(BASE + "columns: {timestamp: ts}\nchunking: {period: Month}\n");
        assertThat(c.chunking().kind()).isEqualTo(ChunkingConfig.Kind.PERIOD);
        assertThat(c.chunking().period()).isEqualTo(ChunkingConfig.PeriodUnit.MONTH);
    }

    @Test
    void sizeChunkingWithDrop() {
        MonitorConfig c = parse(BASE + "chunking: {size: 250, incomplete: drop}\n");
        assertThat(c.chunking())
                .isEqualTo(new ChunkingConfig(ChunkingConfig.Kind.SIZE, 250, 0, null, ChunkingConfig.Incomplete.DROP));
    }
}
