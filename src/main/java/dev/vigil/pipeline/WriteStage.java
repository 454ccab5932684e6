package dev.vigil.pipeline;

import dev.vigil.internal.Background;
import dev.vigil.results.DeltaResultSink;
import dev.vigil.results.OutputTables;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's result and distribution rows MERGEd into {@code results} and {@code distributions}, side
 * by side: the two tables are independent commits, and each MERGE is mostly the driver planning and
 * compiling a few small Spark jobs on one core, so the second core does the other table's meanwhile.
 * Either may land first; a crash between them leaves each table with none or all of the run's rows,
 * and the rerun completes the other (CrashSafetySparkTest).
 */
final class WriteStage {
    private static final Logger LOG = LoggerFactory.getLogger(WriteStage.class);

    private WriteStage() {}

    static void write(DeltaResultSink sink, MonitorRun.Outcome outcome) {
        LOG.info("writing {} result rows to {}", outcome.rows().size(), sink.address(OutputTables.RESULTS));
        CompletableFuture<Void> distributions =
                Background.start("vigil-write-distributions", () -> sink.mergeDistributions(outcome.distributions()));
        try {
            sink.mergeResults(outcome.rows());
        } catch (RuntimeException e) {
            join(distributions, e);
            throw e;
        }
        join(distributions, null);
    }

    /** Waits for the other table's MERGE; its failure is thrown, or added to {@code first}'s. */
    private static void join(CompletableFuture<Void> other, RuntimeException first) {
        try {
            Background.join(other);
        } catch (RuntimeException failure) {
            if (first == null) {
                throw failure;
            }
            first.addSuppressed(failure);
        }
    }
}
