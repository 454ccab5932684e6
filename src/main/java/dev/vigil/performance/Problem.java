package dev.vigil.performance;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.config.ProblemType;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.StateSpec;
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
abstract class Problem<C extends Measure.Rows, E extends Measure.Rows>
    implements java.io.Serializable {
  /**
   * The problem of a monitor's type.
   *
   * @param scores binary: {"" → score column} (empty without one); multiclass: class label → score
   *     column
   */
  static Problem<?, ?> of(
      ProblemType type, String target, String prediction, Map<String, String> scores) {
    return type == ProblemType.REGRESSION
        ? new RegressionProblem(target, prediction)
        : ClassificationProblem.of(type, target, prediction, scores);
  }

  /** A fitted estimator's view of a chunk's estimate inputs, and the states it reads them from. */
  interface Estimates<E> extends java.io.Serializable {
    E chunk(ChunkTable table, String segment, int chunk);

    /** States the analysis pass must compute for them beyond the chunk specs. */
    default List<StateSpec> specs() {
      return List.of();
    }
  }

  /** Columns derived from the target, the prediction and the scores, as Spark SQL expressions. */
  abstract Map<String, String> derivedColumns();

  /** The states of the derived columns realized performance needs. */
  abstract List<StateSpec> specs();

  /** The view of a chunk's states (index -1: of the whole reference's). */
  abstract C view(ChunkTable table, String segment, int chunk);

  final C chunk(ChunkTable table, String segment, int chunk) {
    return view(table, segment, chunk);
  }

  final C whole(ChunkTable table, String segment) {
    return view(table, segment, -1);
  }

  /** A view of the states of one chunk of a table (index -1: of the whole table). */
  abstract static class View implements Measure.Rows {
    private final ChunkTable table;
    private final String segment;
    private final int chunk;

    View(ChunkTable table, String segment, int chunk) {
      this.table = table;
      this.segment = segment;
      this.chunk = chunk;
    }

    final <S extends ColumnState> S state(StateSpec spec) {
      return chunk < 0 ? table.whole(segment, spec) : table.state(segment, chunk, spec);
    }
  }

  /** A metric's measures on this problem type. */
  abstract List<? extends Measure<C, E>> measuresOf(
      PerformanceMetric metric, RealizedPerformanceConfig settings);

  /** The measures of the configured metrics, in their order. */
  final List<Measure<C, E>> measures(RealizedPerformanceConfig settings) {
    List<Measure<C, E>> out = new ArrayList<>();
    for (String name : settings.metrics()) {
      out.addAll(measuresOf(PerformanceMetrics.get(name), settings));
    }
    return out;
  }
}
