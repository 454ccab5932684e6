package dev.vigil.performance;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.internal.Sql;
import dev.vigil.stats.Moments;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regression's states: per row its losses (and the raw percentage error mape's sampling error
 * needs, and whether the target or the prediction is negative) as derived columns, their moments
 * per chunk. Rows without a target or a prediction have no losses.
 */
final class RegressionProblem extends Problem<RegressionProblem.States, RegressionProblem.Losses> {
  static final String APE_RAW = "_vigil_ape_raw";
  static final String NEG_INPUT = "_vigil_negative";

  /** A per-row loss: its key and derived column. */
  enum Loss {
    /** |y − ŷ| */
    AE("ae", "_vigil_ae"),
    /** |y − ŷ| / max(|y|, ε) */
    APE("ape", "_vigil_ape"),
    /** (y − ŷ)² */
    SE("se", "_vigil_se"),
    /** (ln(1 + y) − ln(1 + ŷ))², undefined where y or ŷ is negative */
    SLE("sle", "_vigil_sle");

    private final String key;
    private final String column;

    Loss(String key, String column) {
      this.key = key;
      this.column = column;
    }

    String key() {
      return key;
    }

    String column() {
      return column;
    }
  }

  private final String target;
  private final String prediction;

  RegressionProblem(String target, String prediction) {
    this.target = target;
    this.prediction = prediction;
  }

  @Override
  Map<String, String> derivedColumns() {
    String y = Sql.quote(target);
    String p = Sql.quote(prediction);
    Map<String, String> d = new LinkedHashMap<>();
    String e = "(cast(" + y + " as double) - cast(" + p + " as double))";
    d.put(Loss.AE.column(), "abs" + e);
    d.put(
        Loss.APE.column(),
        "abs" + e + " / greatest(abs(cast(" + y + " as double)), 2.220446049250313e-16)");
    d.put(APE_RAW, "abs" + e + " / cast(" + y + " as double)");
    d.put(Loss.SE.column(), "pow(" + e + ", 2)");
    d.put(
        Loss.SLE.column(),
        "pow(ln(1 + cast(" + y + " as double)) - ln(1 + cast(" + p + " as double)), 2)");
    d.put(
        NEG_INPUT,
        "CASE WHEN "
            + y
            + " IS NULL OR "
            + p
            + " IS NULL THEN NULL WHEN "
            + y
            + " < 0 OR "
            + p
            + " < 0 THEN 1.0 ELSE 0.0 END");
    return d;
  }

  @Override
  List<StateSpec> specs() {
    List<StateSpec> specs = new ArrayList<>();
    for (String c : derivedColumns().keySet()) {
      specs.add(new Specs.MomentsOf(c));
    }
    return specs;
  }

  @Override
  States view(ChunkTable t, String segment, int chunk) {
    return new States(t, segment, chunk);
  }

  @Override
  List<LossMetric.Of> measuresOf(PerformanceMetric metric, RealizedPerformanceConfig settings) {
    return List.copyOf(metric.regression());
  }

  /** The configured metrics' measures, each with the loss DLE's model learns for it. */
  List<LossMetric.Of> lossMeasures(RealizedPerformanceConfig settings) {
    return settings.metrics().stream()
        .<LossMetric.Of>flatMap(name -> PerformanceMetrics.get(name).regression().stream())
        .toList();
  }

  /** The losses' moments of a chunk (index -1: of the whole reference). */
  static final class States extends View {
    States(ChunkTable table, String segment, int chunk) {
      super(table, segment, chunk);
    }

    Moments moments(String column) {
      return state(new Specs.MomentsOf(column));
    }

    /** Whether the loss has a value on these rows: the squared log error needs no negative. */
    boolean defined(Loss loss) {
      return loss != Loss.SLE || !negative();
    }

    /** Whether a target or a prediction among these rows is negative. */
    boolean negative() {
      return moments(NEG_INPUT).max() > 0;
    }

    /** The rows with a target and a prediction. */
    @Override
    public long rows() {
      return moments(Loss.AE.column()).n();
    }
  }

  /** A chunk's means of DLE's predicted losses (NaN for a loss without a model). */
  static final class Losses extends View {
    private final Map<Loss, StateSpec> predicted;
    private final long rows;

    /**
     * @param predicted the moments spec of each loss's predicted column, where DLE fitted a model
     * @param rows the chunk's rows with a prediction (NannyML's n; targets play no part)
     */
    Losses(ChunkTable table, String segment, int chunk, Map<Loss, StateSpec> predicted, long rows) {
      super(table, segment, chunk);
      this.predicted = predicted;
      this.rows = rows;
    }

    double meanPredicted(Loss loss) {
      StateSpec spec = predicted.get(loss);
      return spec == null ? Double.NaN : this.<Moments>state(spec).mean();
    }

    @Override
    public long rows() {
      return rows;
    }
  }
}
