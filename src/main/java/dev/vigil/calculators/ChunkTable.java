package dev.vigil.calculators;

import dev.vigil.stats.ColumnState;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The scan's states of one dataset arranged by segment and chunk index. A segment without rows in a
 * chunk gets empty states. {@link #whole} merges a segment's chunks: the whole dataset's state,
 * without another pass.
 */
public final class ChunkTable implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<ChunkInfo> chunks;
    private final List<String> segments;
    private final Map<String, ChunkStates[]> bySegment;

    /**
     * {@link #whole}'s answers: several calculators ask for the same whole-reference state (read
     * only).
     */
    private transient Map<List<Object>, ColumnState> wholes;

    private ChunkTable(List<ChunkInfo> chunks, List<String> segments, Map<String, ChunkStates[]> bySegment) {
        this.chunks = chunks;
        this.segments = segments;
        this.bySegment = bySegment;
    }

    public static ChunkTable of(List<ChunkInfo> chunks, List<ChunkStates> groups) {
        Map<Long, Integer> indexOf = new HashMap<>();
        for (ChunkInfo c : chunks) {
            indexOf.put(c.group(), c.index());
        }
        List<String> segments = new ArrayList<>();
        segments.add(null);
        Map<String, ChunkStates[]> by = new LinkedHashMap<>();
        by.put(Specs.key(null), new ChunkStates[chunks.size()]);
        for (ChunkStates g : groups) {
            Integer i = g.group() == null ? null : indexOf.get(g.group());
            if (i == null) {
                continue;
            }
            String k = Specs.key(g.segment());
            if (!by.containsKey(k)) {
                segments.add(g.segment());
                by.put(k, new ChunkStates[chunks.size()]);
            }
            by.get(k)[i] = g;
        }
        segments.subList(1, segments.size()).sort(String::compareTo);
        return new ChunkTable(List.copyOf(chunks), segments, by);
    }

    /** This table with the states of another scan over the same dataset and chunks added. */
    public ChunkTable with(List<ChunkStates> moreGroups) {
        ChunkTable more = of(chunks, moreGroups);
        Map<String, ChunkStates[]> by = new LinkedHashMap<>();
        for (var e : bySegment.entrySet()) {
            ChunkStates[] a = e.getValue();
            ChunkStates[] b = more.bySegment.get(e.getKey());
            ChunkStates[] merged = new ChunkStates[a.length];
            for (int i = 0; i < a.length; i++) {
                if (a[i] == null || b == null || b[i] == null) {
                    merged[i] = a[i];
                    continue;
                }
                Map<StateSpec, ColumnState> states = new LinkedHashMap<>(a[i].states());
                states.putAll(b[i].states());
                merged[i] = new ChunkStates(
                        a[i].segment(),
                        a[i].group(),
                        a[i].rows(),
                        a[i].minRow(),
                        a[i].maxRow(),
                        a[i].minTime(),
                        a[i].maxTime(),
                        states);
            }
            by.put(e.getKey(), merged);
        }
        ChunkTable out = new ChunkTable(chunks, segments, by);
        // the wholes merged so far stay the answers (merging them again is work for nothing, and a spec
        // fitted on the first answer, such as the kernel density at the reference median, must keep
        // seeing that one); those of specs the new scan brought are dropped
        if (wholes != null) {
            Set<StateSpec> added = new HashSet<>();
            more.bySegment.values().forEach(gs -> {
                for (ChunkStates g : gs) {
                    if (g != null) {
                        added.addAll(g.states().keySet());
                    }
                }
            });
            out.wholes = new HashMap<>();
            wholes.forEach((k, v) -> {
                if (!added.contains(k.get(1))) {
                    out.wholes.put(k, v);
                }
            });
        }
        return out;
    }

    public List<ChunkInfo> chunks() {
        return chunks;
    }

    /** null (the whole population) first, then each {@code column=value} in order. */
    public List<String> segments() {
        return segments;
    }

    /** Rows of the segment in chunk {@code index}. */
    public long rows(String segment, int index) {
        ChunkStates g = chunk(segment, index);
        return g == null ? 0 : g.rows();
    }

    /**
     * The state of {@code spec} for a segment's chunk (an empty state if the segment has no rows
     * there).
     */
    @SuppressWarnings("unchecked")
    public <S extends ColumnState> S state(String segment, int index, StateSpec spec) {
        ChunkStates g = chunk(segment, index);
        return g == null ? (S) spec.newState(segment) : g.state(spec);
    }

    /** The spec of the given type over {@code column} that this table's scans computed, if any. */
    public <T extends StateSpec> Optional<T> find(Class<T> type, String column) {
        return find(type, s -> s.column().equals(column));
    }

    /** The first spec of the given type that this table's scans computed and that matches. */
    public <T extends StateSpec> Optional<T> find(Class<T> type, Predicate<T> matching) {
        for (ChunkStates[] chunksOfSegment : bySegment.values()) {
            for (ChunkStates g : chunksOfSegment) {
                if (g != null) {
                    return g.states().keySet().stream()
                            .filter(type::isInstance)
                            .map(type::cast)
                            .filter(matching)
                            .findFirst();
                }
            }
        }
        return Optional.empty();
    }

    /** True when this table's scans computed {@code spec}. */
    public boolean has(StateSpec spec) {
        for (ChunkStates[] chunksOfSegment : bySegment.values()) {
            for (ChunkStates g : chunksOfSegment) {
                if (g != null) {
                    return g.states().containsKey(spec);
                }
            }
        }
        return false;
    }

    /**
     * The merged state of {@code spec} over all of a segment's chunks, merged once per table and
     * shared by every caller: read it, never change it.
     */
    @SuppressWarnings("unchecked")
    public <S extends ColumnState> S whole(String segment, StateSpec spec) {
        if (wholes == null) {
            wholes = new HashMap<>();
        }
        List<Object> key = Arrays.asList(Specs.key(segment), spec);
        ColumnState known = wholes.get(key);
        if (known == null) {
            known = merged(segment, spec);
            wholes.put(key, known);
        }
        return (S) known;
    }

    private ColumnState merged(String segment, StateSpec spec) {
        ColumnState acc = spec.newWholeState(segment);
        for (int i = 0; i < chunks.size(); i++) {
            ChunkStates g = chunk(segment, i);
            if (g != null) {
                acc.merge(g.state(spec));
            }
        }
        return acc;
    }

    /**
     * The segment's states in chunk {@code index}; null when it has no rows there, or none in this
     * table at all (a segment value of the reference the analysis never has).
     */
    private ChunkStates chunk(String segment, int index) {
        ChunkStates[] ofSegment = bySegment.get(Specs.key(segment));
        return ofSegment == null ? null : ofSegment[index];
    }
}
