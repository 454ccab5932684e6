package dev.vigil.pipeline;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.config.ColumnsConfig;
import dev.vigil.config.MonitorConfig;
import dev.vigil.config.ProblemType;
import dev.vigil.performance.EstimatedPerformanceCalculator;
import dev.vigil.performance.PerformanceMetrics;
import dev.vigil.performance.RealizedPerformanceCalculator;
import dev.vigil.stats.NullCount;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The model's own values (target, prediction, scores) missing in a chunk — null, NaN or ±Inf, or no
 * target joined — counted per segment and chunk by one more state per column in the scan that runs
 * anyway ({@link #specs}), and said on the performance rows they leave out ({@link #note}): realized
 * performance reads the target and the prediction (the target and the scores for roc_auc and the
 * other score metrics), estimated performance the scores and the
 * prediction (classification) or the prediction (regression). A chunk whose rows all have them says
 * nothing.
 */
final class MissingModelValues implements ResultRows.ChunkNote {
    /** A column a calculator reads, as the note names it. */
    private record Read(String what, StateSpec spec) {}

    private final Map<String, List<Read>> byCalculator = new LinkedHashMap<>();

    /** Realized performance's reads for the metrics computed from the scores: the target and the scores. */
    private final List<Read> realizedFromScores = new ArrayList<>();

    private final ProblemType problemType;

    MissingModelValues(MonitorConfig config) {
        this.problemType = config.problemType();
        ColumnsConfig c = config.columns();
        List<Read> target = reads("target", c.target());
        List<Read> prediction = reads("prediction", c.prediction());
        List<Read> scores = new ArrayList<>();
        for (var e : c.scores().entrySet()) {
            scores.addAll(reads(e.getKey().isEmpty() ? "score" : "score for class '" + e.getKey() + "'", e.getValue()));
        }
        if (config.calculators().containsKey(RealizedPerformanceCalculator.NAME)) {
            List<Read> realized = new ArrayList<>(target);
            realized.addAll(prediction);
            byCalculator.put(RealizedPerformanceCalculator.NAME, realized);
            realizedFromScores.addAll(target);
            realizedFromScores.addAll(scores);
        }
        if (config.calculators().containsKey(EstimatedPerformanceCalculator.NAME)) {
            List<Read> estimated = new ArrayList<>(config.problemType().isClassification() ? scores : List.of());
            estimated.addAll(prediction);
            byCalculator.put(EstimatedPerformanceCalculator.NAME, estimated);
        }
    }

    private static List<Read> reads(String what, String column) {
        return column == null ? List.of() : List.of(new Read(what, new Specs.NullsOf(column, StateSpec.Input.STRING)));
    }

    /** The states that count them, for a dataset's first scan. */
    List<StateSpec> specs() {
        LinkedHashSet<StateSpec> out = new LinkedHashSet<>();
        byCalculator.values().forEach(rs -> rs.forEach(r -> out.add(r.spec())));
        realizedFromScores.forEach(r -> out.add(r.spec()));
        return List.copyOf(out);
    }

    /**
     * E.g. "120 of 5000 rows have no score" for a calculator's row of one segment's chunk, or null.
     * A table whose scans did not count (a profile stored before Vigil did) says nothing.
     */
    @Override
    public String note(ChunkTable table, String calculator, String metric, String segment, int chunkIndex) {
        List<String> parts = new ArrayList<>();
        List<Read> reads = calculator.equals(RealizedPerformanceCalculator.NAME)
                        && PerformanceMetrics.readsScores(metric, problemType)
                ? realizedFromScores
                : byCalculator.getOrDefault(calculator, List.of());
        for (Read r : reads) {
            if (!table.has(r.spec())) {
                continue;
            }
            NullCount n = table.state(segment, chunkIndex, r.spec());
            if (n.nulls() > 0) {
                parts.add(n.nulls() + " of " + n.rows() + " rows " + (n.nulls() == 1 ? "has" : "have") + " no "
                        + r.what());
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
