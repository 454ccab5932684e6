package dev.vigil.pipeline;

import static org.apache.spark.sql.functions.lit;

import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.ChunkStates;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.chunking.Chunker;
import dev.vigil.config.InputSpec;
import dev.vigil.config.MonitorConfig;
import dev.vigil.io.ColumnNames;
import dev.vigil.io.SchemaCheck;
import dev.vigil.io.UnparsedValues;
import dev.vigil.profile.ChunkStateStore;
import dev.vigil.profile.ProfileStore;
import dev.vigil.profile.ReferenceFit;
import dev.vigil.results.DeltaResultSink;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An incremental run ({@code incremental: true}, period chunking): scans only this run's analysis
 * source (the templated partition it names), stores its chunk states in {@code chunk_states}
 * (replacing the source's earlier ones), and computes results only for the chunks that changed: the
 * chunks this source has rows in, the chunks of earlier sources whose targets changed since they
 * were stored (late targets; those sources are scanned again), and the chunks that became complete.
 * Every chunk's states are the merge over all its sources, so the results equal one run over all
 * the sources. One analysis scan per run, plus one job counting matched targets per earlier source
 * when there is a targets table, plus one scan per earlier source whose targets changed.
 */
final class IncrementalRun {
    private static final Logger LOG = LoggerFactory.getLogger(IncrementalRun.class);

    private final RunContext run;
    private final MonitorConfig config;
    private final Timestamp now;
    private final DeltaResultSink sink;
    private final Inputs inputs;
    private final ReferenceFit fit;
    private final long version;
    private final AnalysisStage stage;
    private final ChunkStateStore store;
    private final StateSpec targetNulls;
    private final List<StateSpec> specs;

    /**
     * @param profile the reference profile: its version keys the stored states
     */
    IncrementalRun(RunContext run, DeltaResultSink sink, Inputs inputs, ProfileStore.Stored profile) {
        this.run = run;
        this.config = run.config();
        this.now = run.now();
        this.sink = sink;
        this.inputs = inputs;
        this.fit = profile.fit();
        this.version = profile.version();
        this.stage = new AnalysisStage(config, fit);
        this.store = new ChunkStateStore(run.spark(), config.output());
        this.targetNulls =
                hasLateTargets() ? new Specs.NullsOf(config.columns().target(), StateSpec.Input.STRING) : null;
        List<List<StateSpec>> asked = new ArrayList<>();
        fit.fitted().forEach(f -> asked.add(f.analysisSpecs()));
        if (targetNulls != null) {
            asked.add(List.of(targetNulls));
        }
        this.specs = Passes.missing(null, asked);
    }

    /** The timestamps that did not parse in the sources this run scanned. */
    private UnparsedValues.Count unparsed;

    MonitorRun.Outcome run(double referenceSeconds) {
        String monitor = config.monitor();
        Chunker chunker = stage.chunker();
        String source = source(config.analysis());
        long t1 = System.nanoTime();
        List<ChunkStates> groups = scan(inputs.analysis(), source);
        Set<Long> touched = new LinkedHashSet<>(groupsOf(groups));
        long partitionRows = groups.stream()
                .filter(g -> g.segment() == null)
                .mapToLong(ChunkStates::rows)
                .sum();
        touched.addAll(rescanEarlier(source));

        // every chunk (positions and indices as one run over all sources), then the touched ones'
        // merged states
        List<ChunkInfo> all = chunker.describe(overall(store.meta(monitor)), "analysis");
        Instant asOf = run.asOf();
        // complete stays complete (a rerun of an earlier day has an earlier run date); what became
        // complete is redone
        Map<String, Boolean> stored = sink.chunkCompleteness(monitor);
        var byRule = chunker.completeness(all, asOf);
        Predicate<ChunkInfo> complete = c -> byRule.test(c) || Boolean.TRUE.equals(stored.get(c.key()));
        for (ChunkInfo c : all) {
            if (Boolean.FALSE.equals(stored.get(c.key())) && complete.test(c)) {
                touched.add(c.group());
            }
        }
        List<ChunkInfo> chunks =
                all.stream().filter(c -> touched.contains(c.group())).toList();
        ChunkTable table = ChunkTable.of(renumbered(chunks), store.merged(monitor, version, touched, specs));
        long t2 = System.nanoTime();
        LOG.info(
                "incremental run over {}: {} rows; {} of {} analysis chunks recomputed ({})",
                source,
                partitionRows,
                chunks.size(),
                all.size(),
                chunks.stream().map(ChunkInfo::key).toList());

        ResultRows out = new ResultRows(monitor, run.runId(), now, run.config().flatBands());
        out.add(
                fit.fitted(),
                "reference",
                fit.reference(),
                null,
                chunker.completeness(fit.reference().chunks(), asOf));
        ResultRows.warnSegmentsWithoutReference(fit.reference(), table);
        Passes.noteUnparsed(config, out, fit.unparsed(), unparsed);
        out.noteChunks(new MissingModelValues(config));
        out.add(fit.fitted(), "analysis", table, chunks, complete);
        out.addSchemaChanges(
                SchemaCheck.changes(config, fit.referenceSchema(), inputs.analysis()), table, chunks, complete);
        return new MonitorRun.Outcome(
                run.runId(),
                fit.rows(),
                partitionRows,
                fit.reference().chunks().size(),
                chunks.size(),
                out.rows(),
                out.distributions(),
                referenceSeconds,
                (t2 - t1) / 1e9);
    }

    /**
     * Scans again the earlier sources stored under another profile version, or whose targets changed
     * (late targets); returns the chunk groups they have rows in, now and before.
     */
    private Set<Long> rescanEarlier(String source) {
        String monitor = config.monitor();
        Map<String, List<ChunkStateStore.Meta>> earlier = new TreeMap<>();
        for (ChunkStateStore.Meta m : store.meta(monitor)) {
            if (!m.source().equals(source)) {
                earlier.computeIfAbsent(m.source(), k -> new ArrayList<>()).add(m);
            }
        }
        Set<String> rescan = new LinkedHashSet<>();
        boolean otherVersions = false;
        for (var e : earlier.entrySet()) {
            if (e.getValue().stream().anyMatch(m -> m.profileVersion() != version)) {
                rescan.add(e.getKey());
                otherVersions = true;
            }
        }
        if (otherVersions) {
            LOG.info(
                    "reference profile v{} is new to {} earlier source(s): scanning them again",
                    version,
                    rescan.size());
        }
        if (targetNulls != null) {
            rescan.addAll(lateTargets(earlier, rescan));
        }
        Set<Long> touched = new LinkedHashSet<>();
        for (String s : rescan) {
            touched.addAll(groupsOf(scan(inputs.analysisSource(s), s)));
            // the chunks the source had before count too (a late row may have moved)
            earlier.get(s).stream().filter(m -> m.group() != null).forEach(m -> touched.add(m.group()));
        }
        if (otherVersions) {
            store.dropOtherVersions(monitor, version);
        }
        return touched;
    }

    /** The chunks numbered 0.. in order, as the table of only these chunks indexes them. */
    private static List<ChunkInfo> renumbered(List<ChunkInfo> chunks) {
        List<ChunkInfo> local = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            local.add(chunks.get(i).withIndex(i));
        }
        return local;
    }

    /**
     * The earlier sources (not already rescanned) whose rows with a target changed in number since
     * their states were stored: late targets.
     */
    private List<String> lateTargets(Map<String, List<ChunkStateStore.Meta>> earlier, Set<String> rescan) {
        List<String> candidates =
                earlier.keySet().stream().filter(s -> !rescan.contains(s)).toList();
        Map<String, Long> counted = matchedTargets(candidates, inputs.targets());
        List<String> late = new ArrayList<>();
        for (String s : candidates) {
            long stored = earlier.get(s).stream()
                    .filter(m -> m.segment() == null && m.targetRows() != null)
                    .mapToLong(ChunkStateStore.Meta::targetRows)
                    .sum();
            long matched = counted.getOrDefault(s, 0L);
            if (matched != stored) {
                LOG.info(
                        "late targets: {} now has {} rows with targets (was {}); recomputing its chunks",
                        s,
                        matched,
                        stored);
                late.add(s);
            }
        }
        return late;
    }

    private boolean hasLateTargets() {
        String target = config.columns().target();
        return inputs.targets() != null
                && target != null
                && !List.of(inputs.analysis().columns()).contains(target);
    }

    /** One source's rows scanned, and its stored states replaced by these. */
    private List<ChunkStates> scan(Dataset<Row> rows, String source) {
        Dataset<Row> chunked = stage.chunked(rows);
        List<StateSpec> scanned = new ArrayList<>(specs);
        scanned.addAll(UnparsedValues.specs(chunked, config.columns().timestamp()));
        List<ChunkStates> groups = stage.scan(chunked, inputs.targets(), scanned, "analysis " + source);
        UnparsedValues.Count c = UnparsedValues.count(config.columns().timestamp(), groups);
        UnparsedValues.check(config, "analysis", c);
        unparsed = unparsed == null ? c : UnparsedValues.plus(unparsed, c);
        store.replace(config.monitor(), version, source, groups, specs, targetNulls, run.runId(), now);
        return groups;
    }

    /** Rows with a target per earlier source, in one job over their id columns. */
    private Map<String, Long> matchedTargets(List<String> sources, Dataset<Row> targets) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (sources.isEmpty()) {
            return out;
        }
        String id = config.targets().joinOn();
        String target = config.columns().target();
        Dataset<Row> ids = null;
        for (String s : sources) {
            Dataset<Row> d = inputs.rawAnalysisSource(s)
                    .select(ColumnNames.column(id).as("_vigil_id"))
                    .withColumn("_vigil_source", lit(s));
            ids = ids == null ? d : ids.unionByName(d);
        }
        Dataset<Row> known = targets.where(ColumnNames.column(target).isNotNull())
                .select(ColumnNames.column(id).as("_vigil_tid"));
        for (Row r : ids.join(known, ids.col("_vigil_id").equalTo(known.col("_vigil_tid")))
                .groupBy("_vigil_source")
                .count()
                .collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }

    /**
     * The whole-population groups of every stored source merged per chunk (rows and times; no
     * states).
     */
    private static List<ChunkStates> overall(List<ChunkStateStore.Meta> meta) {
        Map<Long, ChunkStates> by = new TreeMap<>();
        for (ChunkStateStore.Meta m : meta) {
            if (m.segment() != null || m.group() == null) {
                continue;
            }
            ChunkStates g = new ChunkStates(null, m.group(), m.rows(), null, null, m.minTime(), m.maxTime(), Map.of());
            by.merge(m.group(), g, ChunkStateStore::merge);
        }
        return new ArrayList<>(by.values()); // in group order (a TreeMap)
    }

    private static List<Long> groupsOf(List<ChunkStates> groups) {
        return groups.stream()
                .filter(g -> g.group() != null)
                .map(ChunkStates::group)
                .distinct()
                .toList();
    }

    /** What identifies this run's analysis source: its resolved (templated) path. */
    static String source(InputSpec analysis) {
        return analysis.path();
    }
}
