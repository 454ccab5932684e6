package dev.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's size bounds on its chunk axis: which chunks the distribution charts keep. */
class ReportBoundsTest {

    private static List<ReportData.Chunk> chunks(int reference, int analysis) {
        List<ReportData.Chunk> out = new ArrayList<>();
        for (int i = 0; i < reference; i++) {
            out.add(new ReportData.Chunk("reference", i, "r" + i, null, null, 10));
        }
        for (int i = 0; i < analysis; i++) {
            out.add(new ReportData.Chunk("analysis", i, "a" + i, null, null, 10));
        }
        return out;
    }

    @Test
    void fewChunksAreAllKept() {
        assertThat(Report.distributionChunks(chunks(3, 4), 60)).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void manyChunksKeepTheLatestWithAThirdForTheReference() {
        List<Integer> kept = Report.distributionChunks(chunks(30, 70), 60);
        assertThat(kept).hasSize(60);
        // the last 20 reference chunks (positions 10..29) and the last 40 analysis chunks (positions
        // 60..99)
        assertThat(kept.subList(0, 20)).containsExactlyElementsOf(range(10, 30));
        assertThat(kept.subList(20, 60)).containsExactlyElementsOf(range(60, 100));
    }

    @Test
    void fewAnalysisChunksLeaveRoomForMoreReference() {
        List<Integer> kept = Report.distributionChunks(chunks(50, 20), 60);
        assertThat(kept).hasSize(60);
        assertThat(kept.subList(0, 40)).containsExactlyElementsOf(range(10, 50));
        assertThat(kept.subList(40, 60)).containsExactlyElementsOf(range(50, 70));
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }
}
