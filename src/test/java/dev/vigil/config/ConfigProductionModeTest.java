package dev.vigil.config;

import static dev.vigil.config.ConfigFixture.BASE;
import static dev.vigil.config.ConfigFixture.ENV;
import static dev.vigil.config.ConfigFixture.SOURCE;
import static dev.vigil.config.ConfigFixture.fails;
import static dev.vigil.config.ConfigFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ConfigLoader} in production mode: templated paths filled from the run date, the fit key,
 * and its mistakes.
 */
class ConfigProductionModeTest {
    @Test
    void runDateFillsTemplatedPaths() {
        MonitorConfig c = new ConfigLoader(ENV::get, LocalDate.of(2024, 3, 9)).parse("""
        monitor: m
        reference: {path: /data/reference.parquet}
        analysis: {path: "/data/analysis/date={{run_date}}/y={{ year }}/m={{month}}/d={{day}}", format: parquet}
        columns: {timestamp: ts}
        chunking: {period: day}
        incremental: true
        """, SOURCE, List.of());
        assertThat(c.analysis().path()).isEqualTo("/data/analysis/date=2024-03-09/y=2024/m=03/d=09");
        assertThat(c.incremental()).isTrue();
        assertThat(c.runDate()).isEqualTo(LocalDate.of(2024, 3, 9));
    }

    @Test
    void fitKeyIgnoresTheAnalysisAndOutputButNotTheCalculators() {
        String a = parse(BASE + "output: {path: /out/a}\n").fitKey();
        String b = parse(BASE.replace("analysis.parquet", "analysis2.parquet") + "output: {path: /out/b}\n")
                .fitKey();
        String c =
                parse(BASE + "calculators: {data_quality: {metrics: [mean]}}\n").fitKey();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void productionModeMistakesNameTheKey() {
        fails(BASE.replace("/data/analysis.parquet", "\"/data/{{runday}}.parquet\""), "analysis.path", "{{run_date}}");
        fails(BASE + "incremental: true\n", "'incremental'", "period chunking");
        fails(
                BASE + "columns: {timestamp: ts}\nchunking: {period: day}\nincremental: maybe\n",
                "'incremental'",
                "true or false");
    }
}
