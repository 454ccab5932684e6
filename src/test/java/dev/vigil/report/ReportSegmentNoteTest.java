package dev.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's note says how many alerts come from the whole population and from segments. */
class ReportSegmentNoteTest {
    static ReportData.Monitor monitor(Map<String, Long> segmentAlerts) {
        List<ReportData.Chunk> chunks = List.of(
                new ReportData.Chunk("reference", 0, "a", null, null, 10),
                new ReportData.Chunk("analysis", 0, "b", null, null, 10),
                new ReportData.Chunk("analysis", 1, "c", null, null, 10));
        double[] v = {0, 0, 0};
        ReportData.Series s = new ReportData.Series(
                "univariate_drift",
                "jensen_shannon",
                "x",
                v,
                v,
                v,
                v,
                v,
                v,
                v,
                new boolean[] {true, true, true},
                new boolean[] {true, true, true});
        return new ReportData.Monitor("m", chunks, List.of(s), 9, segmentAlerts, Map.of(), 1, Map.of(), List.of());
    }

    @Test
    void namesTheSegmentsWithMostAlertsAndCountsTheRest() {
        Map<String, Long> seg = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            seg.put("region=r" + i, 10L - i);
        }
        String note = Report.segmentAlertNote(monitor(seg));
        // the reference chunk's alert is not an analysis alert
        assertThat(note)
                .isEqualTo("Alerts on analysis chunks: 2 on the whole population, 49 on segments (region=r0: 10,"
                        + " region=r1: 9, region=r2: 8, region=r3: 7, region=r4: 6, and 2 more segment values).");
    }

    @Test
    void noSegmentAlerts() {
        assertThat(Report.segmentAlertNote(monitor(Map.of())))
                .isEqualTo("Alerts on analysis chunks: 2 on the whole population, 0 on segments.");
    }
}
