package dev.vigil.pipeline;

import static org.apache.spark.sql.functions.expr;

import dev.vigil.calculators.Calculator;
import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.ChunkStates;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.chunking.Chunker;
import dev.vigil.config.ChunkingConfig;
import dev.vigil.config.MonitorConfig;
import dev.vigil.internal.UserException;
import dev.vigil.io.UnparsedValues;
import dev.vigil.stats.StateSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the reference and analysis passes share: derived columns, chunk lists, spec lists. */
final class Passes {
    private static final Logger LOG = LoggerFactory.getLogger(Passes.class);

    private Passes() {}

    /** Adds the calculators' derived columns (Spark SQL expressions). */
    static Dataset<Row> derive(List<Calculator> calculators, Dataset<Row> df) {
        for (Calculator c : calculators) {
            for (var e : c.derivedColumns().entrySet()) {
                df = df.withColumn(e.getKey(), expr(e.getValue()));
            }
        }
        return df;
    }

    /** The scanned chunks in order; none is the user's mistake. */
    static List<ChunkInfo> describe(Chunker chunker, List<ChunkStates> groups, String what) {
        List<ChunkInfo> chunks = chunker.describe(groups, what);
        if (chunks.isEmpty()) {
            throw new UserException("the "
                    + what
                    + " data has no rows in any chunk; expected at least one chunk of data"
                    + " (check the input path, and that the timestamp column is filled for period chunking)");
        }
        LOG.info("{}: {} chunks", what, chunks.size());
        return chunks;
    }

    /**
     * The reference's and the analysis's timestamps that did not parse: the reference's checked
     * against max_unparsed_values (a stored profile's too: the threshold is this run's), then noted
     * on each dataset's result rows.
     */
    static void noteUnparsed(
            MonitorConfig config, ResultRows out, UnparsedValues.Count reference, UnparsedValues.Count analysis) {
        UnparsedValues.check(config, "reference", reference);
        boolean period = config.chunking().kind() == ChunkingConfig.Kind.PERIOD;
        out.note("reference", UnparsedValues.note("reference", reference, period));
        out.note("analysis", UnparsedValues.note("analysis", analysis, period));
    }

    /** The specs, each once, in order, that {@code table} (null: none) does not hold yet. */
    static List<StateSpec> missing(ChunkTable table, Collection<? extends List<StateSpec>> asked) {
        List<StateSpec> out = new ArrayList<>();
        for (List<StateSpec> specs : asked) {
            for (StateSpec s : specs) {
                if ((table == null || !table.has(s)) && !out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
