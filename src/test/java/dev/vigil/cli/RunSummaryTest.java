package dev.vigil.cli;

import static dev.vigil.testing.ResultRowsFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.MonitorConfig;
import dev.vigil.pipeline.MonitorRun.Outcome;
import dev.vigil.results.ResultRow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run summary says how many alerts come from the whole data and how many from segments. */
class RunSummaryTest {
    static final MonitorConfig CFG = new ConfigLoader(k -> null).parse("""
                    monitor: m
                    reference: {path: /data/reference.parquet}
                    analysis: {path: /data/analysis.parquet}
                    """, "monitor.yaml", List.of());

    static ResultRow alert(String segment, String period, int chunk) {
        return row("univariate_drift", "jensen_shannon", "x", segment, period, chunk, 0.3, 0.0, 0.1, true, null);
    }

    @Test
    void segmentAlertsAreCountedApartAndNamedMostFirst() {
        List<ResultRow> rows = new ArrayList<>();
        rows.add(alert(null, "analysis", 1));
        rows.add(alert(null, "analysis", 2));
        rows.add(alert(null, "reference", 0)); // not an analysis alert
        rows.add(row("univariate_drift", "jensen_shannon", "x", null, "analysis", 3, 0.0, 0.0, 0.1, false, null));
        for (int i = 0; i < 3; i++) {
            rows.add(alert("region=eu", "analysis", i));
        }
        rows.add(alert("region=us", "analysis", 1));
        for (int s = 0; s < 6; s++) {
            rows.add(alert("shop=" + s, "analysis", 1));
        }
        String out = summary(rows);

        assertThat(out)
                .contains(rows.size() + " result rows; 12 alerts on analysis chunks: 2 on the whole data (below),"
                        + " 10 on segments")
                .contains("univariate_drift.jensen_shannon[x]")
                .contains("segment alerts, most first: region=eu: 3, ")
                .contains("and 3 more segment values");
        assertThat(out.lines().filter(l -> l.contains("chunk(s)")))
                .containsExactly("    univariate_drift.jensen_shannon[x]                 2 chunk(s)");
    }

    @Test
    void withoutSegmentsNoSegmentLine() {
        String out = summary(List.of(alert(null, "analysis", 1)));
        assertThat(out)
                .contains("1 alerts on analysis chunks: 1 on the whole data (below), 0 on segments")
                .doesNotContain("segment alerts");
    }

    static String summary(List<ResultRow> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunCommand.printSummary(
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                CFG,
                new Outcome("run", 100, 100, 1, 4, rows, List.of(), 0, 0));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
