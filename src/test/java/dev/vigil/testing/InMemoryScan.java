package dev.vigil.testing;

import dev.vigil.calculators.Calculator;
import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.ChunkStates;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.StateSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline's scans without Spark, for tests on a few rows: each chunk's rows (column → value,
 * null or NaN missing) folded into the requested states per segment ({@code segment}'s values, and
 * the whole population), then the reference passes, the fit and the analysis pass of one
 * calculator.
 */
public final class InMemoryScan {
    private InMemoryScan() {}

    /** The states of {@code specs} over {@code chunks}, segmented by {@code segment} (null: none). */
    public static ChunkTable scan(List<List<Map<String, Object>>> chunks, List<StateSpec> specs, String segment) {
        List<ChunkInfo> infos = new ArrayList<>();
        List<ChunkStates> groups = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            List<Map<String, Object>> rows = chunks.get(i);
            infos.add(new ChunkInfo(i, i, "[" + i + "]", 0, rows.size() - 1, null, null, rows.size()));
            Map<String, List<Map<String, Object>>> bySegment = new LinkedHashMap<>();
            bySegment.put(null, rows);
            if (segment != null) {
                for (Map<String, Object> row : rows) {
                    bySegment
                            .computeIfAbsent(segment + "=" + row.get(segment), k -> new ArrayList<>())
                            .add(row);
                }
            }
            for (var e : bySegment.entrySet()) {
                Map<StateSpec, ColumnState> states = new LinkedHashMap<>();
                for (StateSpec spec : specs) {
                    states.put(spec, fold(spec, e.getKey(), e.getValue()));
                }
                groups.add(new ChunkStates(e.getKey(), (long) i, e.getValue().size(), null, null, null, null, states));
            }
        }
        return ChunkTable.of(infos, groups);
    }

    private static ColumnState fold(StateSpec spec, String segment, List<Map<String, Object>> rows) {
        ColumnState s = spec.newState(segment);
        for (Map<String, Object> row : rows) {
            Object v = row.get(spec.column());
            if (v == null || (v instanceof Double d && d.isNaN())) {
                s.addNull();
            } else if (spec.input() == StateSpec.Input.NUMERIC) {
                s.add(((Number) v).doubleValue());
            } else {
                s.add(v.toString());
            }
        }
        return s;
    }

    /** A calculator's reference passes (the first, then refinements until none is asked) and fit. */
    public static FittedCalculator fit(
            Calculator calculator, List<List<Map<String, Object>>> reference, String segment) {
        Set<StateSpec> specs = new LinkedHashSet<>(calculator.referenceSpecs());
        ChunkTable table = scan(reference, List.copyOf(specs), segment);
        while (specs.addAll(calculator.refinementSpecs(table))) {
            table = scan(reference, List.copyOf(specs), segment);
        }
        return calculator.fit(table, null);
    }

    /** The analysis pass of a fitted calculator. */
    public static ChunkTable analysis(
            FittedCalculator fitted, List<List<Map<String, Object>>> analysis, String segment) {
        return scan(analysis, fitted.analysisSpecs(), segment);
    }
}
