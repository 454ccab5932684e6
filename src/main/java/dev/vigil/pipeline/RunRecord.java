package dev.vigil.pipeline;

import dev.vigil.internal.Errors;
import dev.vigil.internal.Secrets;
import dev.vigil.internal.UserException;
import dev.vigil.internal.Version;
import dev.vigil.results.DeltaResultSink;
import dev.vigil.results.OutputTables;
import java.sql.Timestamp;
import java.time.Clock;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's row in {@code runs}: every run is recorded, failed ones included (with the error, its
 * secrets redacted); a failure to record a failed run is logged, never hiding the run's own error.
 */
final class RunRecord {
    private static final Logger LOG = LoggerFactory.getLogger(RunRecord.class);

    private final String runId;
    private final String monitor;
    private final Clock clock;
    private final String resolvedYaml;
    private final DeltaResultSink sink;
    private final Timestamp started;
    private Long profileVersion;
    private String profileSource;

    RunRecord(RunContext run, DeltaResultSink sink) {
        this(run.runId(), run.monitor(), run.clock(), run.config().resolvedYaml(), sink);
    }

    /** A run known only by its monitor and configuration text (one whose configuration failed). */
    RunRecord(String runId, String monitor, Clock clock, String resolvedYaml, DeltaResultSink sink) {
        this.runId = runId;
        this.monitor = monitor;
        this.clock = clock;
        this.resolvedYaml = resolvedYaml;
        this.sink = sink;
        this.started = Timestamp.from(clock.instant());
    }

    /** The stored reference profile the run uses, and where it came from (runs.profile_source). */
    void profile(long version, String source) {
        this.profileVersion = version;
        this.profileSource = source;
    }

    void succeeded(MonitorRun.Outcome outcome, String alertErrors) {
        append(
                "succeeded",
                alertErrors,
                outcome.referenceRows(),
                outcome.analysisRows(),
                outcome.analysisChunks(),
                outcome.alerts());
    }

    void failed(Exception e) {
        try {
            UserException user = Errors.userError(e);
            String message = Secrets.redact(
                    user != null ? user.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage());
            append("failed", message, null, null, null, null);
        } catch (RuntimeException logFailure) {
            LOG.warn(
                    "could not record the failed run in {}: {}",
                    sink.address(OutputTables.RUNS),
                    logFailure.getMessage());
        }
    }

    private void append(
            String status, String error, Long referenceRows, Long analysisRows, Integer chunks, Long alerts) {
        sink.appendRun(RowFactory.create(
                runId,
                monitor,
                started,
                Timestamp.from(clock.instant()),
                status,
                error,
                referenceRows,
                analysisRows,
                chunks,
                alerts,
                resolvedYaml,
                Version.VERSION,
                profileVersion,
                profileSource));
    }
}
