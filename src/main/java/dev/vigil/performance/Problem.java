package dev.vigil.performance;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.config.ProblemType;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.StateSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What realized performance gathers for one problem type (binary classification, multiclass
 * classification, regression): the derived columns and their states, the view of a chunk's states
 * (or of the whole reference's), and the {@link Measure}s of the configured metrics on it.
 *
 * @param <C> the view of a chunk's realized states
 * @param <E> the view of a chunk's estimate inputs (CBPE's, DLE's)
 */
interface Problem<C extends Measure.Rows, E extends Measure.Rows> extends Serializable {
    /**
     * The problem of a monitor's type.
     *
     * @param scores binary: {"" → score column} (empty without one); multiclass: class label → score
     *     column
     */
    static Problem<?, ?> of(ProblemType type, String target, String prediction, Map<String, String> scores) {
        return type == ProblemType.REGRESSION
                ? new RegressionProblem(target, prediction)
                : ClassificationProblem.of(type, target, prediction, scores);
    }

    /** Where a view reads its states: a table's segment and chunk (index -1: the whole table). */
    record Where(ChunkTable table, String segment, int chunk) {
        <S extends ColumnState> S state(StateSpec spec) {
            return chunk < 0 ? table.whole(segment, spec) : table.state(segment, chunk, spec);
        }
    }

    /** A fitted estimator's view of a chunk's estimate inputs, and the states it reads them from. */
    interface Estimates<E> extends Serializable {
        E chunk(ChunkTable table, String segment, int chunk);

        /** States the analysis pass must compute for them beyond the chunk specs. */
        default List<StateSpec> specs() {
            return List.of();
        }
    }

    /**
     * A derived column's expression that is null unless both columns have a value: {@code CASE WHEN y
     * IS NULL OR p IS NULL THEN NULL <rest> END}.
     */
    static String unlessMissing(String y, String p, String rest) {
        return "CASE WHEN " + y + " IS NULL OR " + p + " IS NULL THEN NULL " + rest + " END";
    }

    /** Columns derived from the target, the prediction and the scores, as Spark SQL expressions. */
    Map<String, String> derivedColumns();

    /** The states of the derived columns realized performance needs. */
    List<StateSpec> specs();

    /** The view of the states of one chunk (or of the whole table). */
    C view(Where at);

    default C chunk(ChunkTable table, String segment, int chunk) {
        return view(new Where(table, segment, chunk));
    }

    default C whole(ChunkTable table, String segment) {
        return view(new Where(table, segment, -1));
    }

    /** A metric's measures on this problem type. */
    List<? extends Measure<C, E>> measuresOf(PerformanceMetric metric, RealizedPerformanceConfig settings);

    /** The measures of the configured metrics, in their order. */
    default List<Measure<C, E>> measures(RealizedPerformanceConfig settings) {
        List<Measure<C, E>> out = new ArrayList<>();
        for (String name : settings.metrics()) {
            out.addAll(measuresOf(PerformanceMetrics.get(name), settings));
        }
        return out;
    }
}
