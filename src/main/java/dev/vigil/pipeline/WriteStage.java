package dev.vigil.pipeline;

import dev.vigil.results.DeltaResultSink;
import dev.vigil.results.OutputTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The run's result and distribution rows MERGEd into {@code results} and {@code distributions}. */
final class WriteStage {
    private static final Logger LOG = LoggerFactory.getLogger(WriteStage.class);

    private WriteStage() {}

    static void write(DeltaResultSink sink, MonitorRun.Outcome outcome) {
        LOG.info("writing {} result rows to {}", outcome.rows().size(), sink.address(OutputTables.RESULTS));
        sink.mergeResults(outcome.rows());
        sink.mergeDistributions(outcome.distributions());
    }
}
