package dev.vigil.profile;

import static org.apache.spark.sql.functions.col;

import dev.vigil.calculators.ChunkStates;
import dev.vigil.config.OutputConfig;
import dev.vigil.internal.Sql;
import dev.vigil.results.DeltaTables;
import dev.vigil.results.OutputTables;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.NullCount;
import dev.vigil.stats.StateSpec;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code chunk_states} Delta table of incremental runs ({@link OutputTables#CHUNK_STATES}): the
 * analysis scan's mergeable states per source (one analysis partition or path a run read), segment
 * and chunk. A chunk's states are the merge over the sources that have rows in it, so a period
 * spread over several daily partitions is computed exactly as in one run over all of them.
 * Rerunning a source replaces its rows in one commit ({@code replaceWhere}), so nothing is counted
 * twice.
 */
public final class ChunkStateStore {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkStateStore.class);

    /** One stored group without its states. */
    public record Meta(
            String source,
            long profileVersion,
            String segment,
            Long group,
            long rows,
            Timestamp minTime,
            Timestamp maxTime,
            Long targetRows) {}

    private final DeltaTables tables;
    private final String path;

    public ChunkStateStore(SparkSession spark, OutputConfig output) {
        this.tables = new DeltaTables(spark, output);
        this.path = tables.address(OutputTables.CHUNK_STATES);
    }

    /**
     * Replaces everything stored for the monitor's {@code source} with these groups (one commit).
     *
     * @param specs the scan's specs: the states are stored in this order (a profile version's
     *     analysis specs are always the same list), so reading them back needs no equality of
     *     deserialized specs
     * @param targetNulls the spec counting the target's nulls in the scan, or null without a targets
     *     table
     */
    public void replace(
            String monitor,
            long profileVersion,
            String source,
            List<ChunkStates> groups,
            List<StateSpec> specs,
            StateSpec targetNulls,
            String runId,
            Timestamp now) {
        List<Row> rows = new ArrayList<>(groups.size());
        for (ChunkStates g : groups) {
            Long targetRows = null;
            if (targetNulls != null && g.states().get(targetNulls) instanceof NullCount n) {
                targetRows = n.rows() - n.nulls();
            }
            rows.add(RowFactory.create(
                    monitor,
                    profileVersion,
                    source,
                    g.segment(),
                    g.group(),
                    g.rows(),
                    g.minTime(),
                    g.maxTime(),
                    targetRows,
                    Blobs.write(inOrder(g, specs)),
                    runId,
                    now));
        }
        tables.replace(
                OutputTables.CHUNK_STATES,
                "monitor = " + Sql.literal(monitor) + " AND source = " + Sql.literal(source),
                rows);
        LOG.info("stored the states of {} group(s) of source {} in {}", groups.size(), source, path);
    }

    private static ArrayList<ColumnState> inOrder(ChunkStates g, List<StateSpec> specs) {
        ArrayList<ColumnState> states = new ArrayList<>(specs.size());
        for (StateSpec s : specs) {
            states.add(g.state(s));
        }
        return states;
    }

    /** Every stored group of the monitor (any profile version), without the states. */
    public List<Meta> meta(String monitor) {
        List<Meta> out = new ArrayList<>();
        Dataset<Row> stored = tables.ofMonitor(OutputTables.CHUNK_STATES, monitor);
        if (stored == null) {
            return out;
        }
        for (Row r : stored.select(
                        "source",
                        "profile_version",
                        "segment",
                        "chunk_group",
                        "rows",
                        "min_time",
                        "max_time",
                        "target_rows")
                .collectAsList()) {
            out.add(new Meta(
                    r.getString(0),
                    r.getLong(1),
                    r.getString(2),
                    r.isNullAt(3) ? null : r.getLong(3),
                    r.getLong(4),
                    r.getTimestamp(5),
                    r.getTimestamp(6),
                    r.isNullAt(7) ? null : r.getLong(7)));
        }
        return out;
    }

    /**
     * The states of the given chunk groups (stored for {@code specs}), merged over every source, per
     * (segment, group).
     */
    public List<ChunkStates> merged(
            String monitor, long profileVersion, Collection<Long> groups, List<StateSpec> specs) {
        if (groups.isEmpty()) {
            return List.of();
        }
        Column inGroups = col("chunk_group").isin(groups.toArray());
        Map<List<Object>, ChunkStates> by = new LinkedHashMap<>();
        for (Row r : tables.read(OutputTables.CHUNK_STATES)
                .where(col("monitor")
                        .equalTo(monitor)
                        .and(col("profile_version").equalTo(profileVersion))
                        .and(inGroups))
                .select("segment", "chunk_group", "rows", "min_time", "max_time", "states")
                .collectAsList()) {
            List<ColumnState> stored = Blobs.read((byte[]) r.get(5), "stored chunk states in " + path);
            if (stored.size() != specs.size()) {
                throw new IllegalStateException("stored chunk states in "
                        + path
                        + " hold "
                        + stored.size()
                        + " states where"
                        + " profile v"
                        + profileVersion
                        + " has "
                        + specs.size()
                        + "; rerun with --refit");
            }
            Map<StateSpec, ColumnState> states = new LinkedHashMap<>();
            for (int i = 0; i < specs.size(); i++) {
                states.put(specs.get(i), stored.get(i));
            }
            ChunkStates g = new ChunkStates(
                    r.getString(0),
                    r.getLong(1),
                    r.getLong(2),
                    null,
                    null,
                    r.getTimestamp(3),
                    r.getTimestamp(4),
                    states);
            by.merge(Arrays.asList(g.segment(), g.group()), g, ChunkStateStore::merge);
        }
        return new ArrayList<>(by.values());
    }

    /**
     * Two groups of one (segment, chunk) from different sources as one: rows summed, times widened,
     * states merged.
     */
    public static ChunkStates merge(ChunkStates a, ChunkStates b) {
        Map<StateSpec, ColumnState> states = new LinkedHashMap<>(a.states());
        b.states().forEach((spec, s) -> states.merge(spec, s, ColumnState::merge));
        return new ChunkStates(
                a.segment(),
                a.group(),
                a.rows() + b.rows(),
                null,
                null,
                min(a.minTime(), b.minTime()),
                max(a.maxTime(), b.maxTime()),
                states);
    }

    static Timestamp min(Timestamp a, Timestamp b) {
        return a == null ? b : b == null ? a : a.before(b) ? a : b;
    }

    static Timestamp max(Timestamp a, Timestamp b) {
        return a == null ? b : b == null ? a : a.after(b) ? a : b;
    }

    /**
     * Deletes the stored groups of other profile versions than {@code keep} (after their sources were
     * rescanned).
     */
    public void dropOtherVersions(String monitor, long keep) {
        tables.delete(
                OutputTables.CHUNK_STATES,
                col("monitor").equalTo(monitor).and(col("profile_version").notEqual(keep)));
    }
}
