package dev.vigil.pipeline;

import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.DistributionBin;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Measurement;
import dev.vigil.quality.SchemaChange;
import dev.vigil.results.ResultRow;
import dev.vigil.thresholds.FlatBands;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of {@code results} and {@code distributions} gathered for one run, from the calculators'
 * measurements and distribution bins on a dataset's chunk table. Result rows carry the chunk's key,
 * positions and dates; {@code chunk_rows} is the segment's rows in the chunk. {@code chunks} maps a
 * table's chunk indices to the chunks its rows describe (null: the table's own), for a table
 * holding only some of a dataset's chunks. Every chunk's thresholds and alert pass through the
 * configured {@link FlatBands} rule. A dataset's {@link #note} (what its input left out, e.g. rows
 * whose timestamp did not parse) is on every result row of it: the one place notes are attached.
 */
final class ResultRows {
    private static final Logger LOG = LoggerFactory.getLogger(ResultRows.class);

    private final String monitor;
    private final String runId;
    private final Timestamp now;
    private final FlatBands flatBands;
    private final List<ResultRow> rows = new ArrayList<>();
    private final List<Row> distributions = new ArrayList<>();
    private final Map<String, String> notes = new HashMap<>();
    private ChunkNote chunkNote;

    /** What a calculator's row of one segment's chunk leaves out (null: nothing). */
    interface ChunkNote {
        String note(ChunkTable table, String calculator, String metric, String segment, int chunkIndex);
    }

    ResultRows(String monitor, String runId, Timestamp now, FlatBands flatBands) {
        this.monitor = monitor;
        this.runId = runId;
        this.now = now;
        this.flatBands = flatBands;
    }

    /**
     * Notes {@code note} (null: nothing) on every result row of {@code period} ("reference",
     * "analysis"), those added before and after.
     */
    void note(String period, String note) {
        if (note == null) {
            return;
        }
        notes.merge(period, note, (a, b) -> a + "; " + b);
        rows.replaceAll(r -> r.period().equals(period) ? r.withNote(note) : r);
    }

    /** Notes {@code n}'s words on the rows added after, each on its own chunk's rows. */
    void noteChunks(ChunkNote n) {
        this.chunkNote = n;
    }

    List<ResultRow> rows() {
        return rows;
    }

    List<Row> distributions() {
        return distributions;
    }

    /**
     * Says which analysis segments the reference has no rows of: what they are compared with is
     * empty, so their drift and performance are null and every value of theirs is unseen.
     */
    static void warnSegmentsWithoutReference(ChunkTable reference, ChunkTable analysis) {
        List<String> without = analysis.segments().stream()
                .filter(s -> s != null && !reference.segments().contains(s))
                .toList();
        if (!without.isEmpty()) {
            LOG.warn(
                    "analysis: segment(s) {} have no rows in the reference: their results measured against the"
                            + " reference (drift, performance, estimates) are null and unseen_values counts every"
                            + " value as unseen",
                    without);
        }
    }

    /** Every fitted calculator's result and distribution rows on one dataset's table. */
    void add(
            List<FittedCalculator> fitted,
            String period,
            ChunkTable table,
            List<ChunkInfo> chunks,
            Predicate<ChunkInfo> complete) {
        boolean reference = period.equals("reference");
        for (FittedCalculator f : fitted) {
            add(period, table, reference ? f.reference(table) : f.calculate(table), complete, chunks);
            addDistributions(period, table, f.distributions(table), chunks);
        }
    }

    /** Result rows of measurements on one dataset's table. */
    void add(
            String period,
            ChunkTable table,
            List<Measurement> ms,
            Predicate<ChunkInfo> complete,
            List<ChunkInfo> chunks) {
        for (Measurement m : ms) {
            ChunkInfo c = (chunks != null ? chunks : table.chunks()).get(m.chunkIndex());
            FlatBands.Decision d =
                    flatBands.decide(m.value(), m.samplingError(), m.lowerThreshold(), m.upperThreshold(), m.alert());
            ResultRow row = new ResultRow(
                    monitor,
                    m.calculator(),
                    m.metric(),
                    m.column(),
                    m.segment(),
                    period,
                    c.index(),
                    c.key(),
                    c.startIndex(),
                    c.endIndex(),
                    c.startDate(),
                    c.endDate(),
                    table.rows(m.segment(), m.chunkIndex()),
                    complete.test(c),
                    m.value(),
                    m.pValue(),
                    m.samplingError(),
                    m.realized(),
                    m.lowerConfidenceBound(),
                    m.upperConfidenceBound(),
                    d.lower(),
                    d.upper(),
                    d.alert(),
                    runId,
                    now,
                    null,
                    m.approximate(),
                    m.errorBound());
            String chunk = chunkNote == null
                    ? null
                    : chunkNote.note(table, m.calculator(), m.metric(), m.segment(), m.chunkIndex());
            rows.add(row.withNote(m.note()).withNote(chunk).withNote(notes.get(period)));
        }
    }

    /**
     * The analysis's {@link SchemaChange}s (none: no rows), each a row on the last chunk of {@code
     * table} (of {@code chunks} when given): a rerun over the same chunks gives the same keys, a later
     * analysis its own; the whole dataset (segment null), as every change is.
     */
    void addSchemaChanges(
            List<SchemaChange> changes, ChunkTable table, List<ChunkInfo> chunks, Predicate<ChunkInfo> complete) {
        int n = (chunks != null ? chunks : table.chunks()).size();
        if (changes.isEmpty() || n == 0) {
            return;
        }
        add("analysis", table, changes.stream().map(c -> c.measurement(n - 1)).toList(), complete, chunks);
    }

    private void addDistributions(String period, ChunkTable table, List<DistributionBin> bins, List<ChunkInfo> chunks) {
        for (DistributionBin b : bins) {
            ChunkInfo c = (chunks != null ? chunks : table.chunks()).get(b.chunkIndex());
            distributions.add(RowFactory.create(
                    monitor,
                    b.column(),
                    b.segment(),
                    period,
                    c.index(),
                    c.key(),
                    b.kind(),
                    b.bin(),
                    b.lower(),
                    b.upper(),
                    b.count(),
                    b.proportion(),
                    runId,
                    now));
        }
    }
}
