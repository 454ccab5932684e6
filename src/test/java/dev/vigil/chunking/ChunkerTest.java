package dev.vigil.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.ChunkingConfig.PeriodUnit;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** pandas' period labels and period ends, without Spark. */
class ChunkerTest {
    static final LocalDateTime START = LocalDateTime.of(2018, 1, 1, 5, 0);

    @Test
    void labelsAreThoseOfPandasPeriods() {
        assertThat(Chunker.label(START, PeriodUnit.HOUR)).isEqualTo("2018-01-01 05:00");
        assertThat(Chunker.label(START.withHour(0), PeriodUnit.DAY)).isEqualTo("2018-01-01");
        assertThat(Chunker.label(START.withHour(0), PeriodUnit.WEEK)).isEqualTo("2018-01-01/2018-01-07");
        assertThat(Chunker.label(START.withHour(0), PeriodUnit.MONTH)).isEqualTo("2018-01");
        assertThat(Chunker.label(LocalDateTime.of(2018, 10, 1, 0, 0), PeriodUnit.QUARTER))
                .isEqualTo("2018Q4");
        assertThat(Chunker.label(START.withHour(0), PeriodUnit.YEAR)).isEqualTo("2018");
    }

    @Test
    void nextPeriodStarts() {
        LocalDateTime feb = LocalDateTime.of(2019, 2, 1, 0, 0);
        assertThat(Chunker.next(feb, PeriodUnit.MONTH)).isEqualTo(LocalDateTime.of(2019, 3, 1, 0, 0));
        assertThat(Chunker.next(feb, PeriodUnit.QUARTER)).isEqualTo(LocalDateTime.of(2019, 5, 1, 0, 0));
        assertThat(Chunker.next(feb, PeriodUnit.WEEK)).isEqualTo(LocalDateTime.of(2019, 2, 8, 0, 0));
    }
}
