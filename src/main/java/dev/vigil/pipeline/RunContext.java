package dev.vigil.pipeline;

import dev.vigil.config.MonitorConfig;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.SparkSession;

/** What every stage of one run shares: the session, the configuration, the run's id and clock. */
record RunContext(SparkSession spark, MonitorConfig config, String runId, Clock clock) {
    String monitor() {
        return config.monitor();
    }

    Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    /** The run's day: {@code --run-date}, else today (UTC). */
    LocalDate day() {
        return config.runDate() != null
                ? config.runDate()
                : clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Periods that end by this instant are complete: the end of {@code --run-date}, else now. */
    Instant asOf() {
        return config.runDate() != null
                ? config.runDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                : clock.instant();
    }
}
