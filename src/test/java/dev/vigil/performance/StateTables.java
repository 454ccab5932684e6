package dev.vigil.performance;

import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.ChunkStates;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.StateSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chunk tables folded in plain Java from rows of derived-column values, as the scan would fold
 * them: what the performance calculators and their metrics read, without Spark.
 */
final class StateTables {
    private StateTables() {}

    /**
     * One chunk per list of rows; each row maps a column to its value (a number, a string or null).
     */
    static ChunkTable of(List<StateSpec> specs, List<List<Map<String, Object>>> chunks) {
        List<ChunkInfo> infos = new ArrayList<>();
        List<ChunkStates> groups = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            Map<StateSpec, ColumnState> states = new LinkedHashMap<>();
            for (StateSpec spec : specs) {
                ColumnState s = spec.newState(null);
                for (Map<String, Object> row : chunks.get(i)) {
                    Object v = row.get(spec.column());
                    if (v == null) {
                        s.addNull();
                    } else if (v instanceof Number x) {
                        s.add(x.doubleValue());
                    } else {
                        s.add(v.toString());
                    }
                }
                states.put(spec, s);
            }
            long rows = chunks.get(i).size();
            infos.add(new ChunkInfo(i, i, "[" + i + "]", 0, rows - 1, null, null, rows));
            groups.add(new ChunkStates(null, (long) i, rows, 0L, rows - 1, null, null, states));
        }
        return ChunkTable.of(infos, groups);
    }

    /** A binary chunk of the given confusion counts (tn, fp, fn, tp), without scores. */
    static BinaryProblem.States binary(long tn, long fp, long fn, long tp) {
        List<Map<String, Object>> rows = new ArrayList<>();
        long[] counts = {tn, fp, fn, tp};
        for (int cell = 0; cell < 4; cell++) {
            for (long r = 0; r < counts[cell]; r++) {
                rows.add(Map.of(BinaryProblem.CELL, String.valueOf(cell)));
            }
        }
        BinaryProblem p = new BinaryProblem("y", "p", null);
        return p.chunk(of(p.specs(), List.of(rows)), null, 0);
    }

    /** The measure named {@code name} of a binary metric (a cell: of confusion_matrix). */
    static Measure<BinaryProblem.States, Cbpe.Chunk> binary(
            String metric, String name, RealizedPerformanceConfig settings) {
        return PerformanceMetrics.get(metric).binary(settings).stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static Measure<BinaryProblem.States, Cbpe.Chunk> binary(String metric) {
        return binary(metric, metric, settings(null));
    }

    /** Counts (null) or a normalisation of the confusion matrix. */
    static RealizedPerformanceConfig settings(String normalization) {
        return new RealizedPerformanceConfig(List.of(), null, false, normalization);
    }
}
