package dev.vigil.performance;

import dev.vigil.calculators.Calculator;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Measurement;
import dev.vigil.config.ProblemType;
import dev.vigil.internal.UserException;
import dev.vigil.stats.Moments;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.thresholds.Threshold;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NannyML's DLE (direct loss estimation) for regression: performance estimated without targets.
 * Fitted on the reference rows: one gradient-boosted regressor per loss ({@link LossModels})
 * predicts each row's loss — the absolute error for mae, the absolute percentage error for mape,
 * the squared error for mse and rmse, the squared log error for msle and rmsle — from the features
 * and the prediction. The per-row predicted losses are added to the analysis before its one scan
 * ({@link FittedCalculator#transform}); per chunk the estimate is their mean (the square root of it
 * for rmse and rmsle). Sampling errors, thresholds (from the reference chunks' realized values) and
 * the realized values come from realized performance, exactly as CBPE does (docs/nannyml-dle.md).
 */
public final class DirectLossEstimationCalculator implements Calculator {
  public static final String NAME = EstimatedPerformanceCalculator.NAME;
  private static final String OUTPUT = "_vigil_dle_";
  private static final Logger LOG = LoggerFactory.getLogger(DirectLossEstimationCalculator.class);

  private final EstimatedPerformanceConfig config;
  private final RealizedPerformanceCalculator realized;
  private final String target;
  private final String prediction;
  private final List<String> continuous;
  private final List<String> categorical;

  /**
   * @param continuous the numeric features
   * @param categorical the categorical features
   */
  public DirectLossEstimationCalculator(
      EstimatedPerformanceConfig config,
      String target,
      String prediction,
      List<String> continuous,
      List<String> categorical,
      Map<String, Threshold> overrides) {
    this.config = config;
    this.target = target;
    this.prediction = prediction;
    this.continuous = List.copyOf(continuous);
    this.categorical = List.copyOf(categorical);
    this.realized =
        new RealizedPerformanceCalculator(
            ProblemType.REGRESSION, config.metrics(), target, prediction, Map.of(), overrides);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> derivedColumns() {
    return realized.derivedColumns();
  }

  private List<StateSpec> chunkSpecs() {
    List<StateSpec> specs = new ArrayList<>(realized.referenceSpecs());
    specs.add(new Specs.MomentsOf(prediction));
    return specs;
  }

  @Override
  public List<StateSpec> referenceSpecs() {
    return chunkSpecs();
  }

  /** DLE's loss models train on the reference rows, through the {@code learner}. */
  @Override
  public FittedCalculator fit(ChunkTable reference, dev.vigil.calculators.Learner learner) {
    return new Fitted(reference, learner);
  }

  /** The column of a metric's per-row predicted loss. */
  static String output(String metric) {
    return OUTPUT + Dle.loss(metric);
  }

  /** The realized calculator's per-row loss column a metric's model learns. */
  private static String label(String metric) {
    return switch (Dle.loss(metric)) {
      case "ae" -> RealizedPerformanceCalculator.AE;
      case "ape" -> RealizedPerformanceCalculator.APE;
      case "se" -> RealizedPerformanceCalculator.SE;
      case "sle" -> RealizedPerformanceCalculator.SLE;
      default -> throw new IllegalArgumentException(metric);
    };
  }

  private final class Fitted implements FittedCalculator {
    private final RealizedBaseline baseline;
    private final dev.vigil.calculators.RowModel models;
    private final List<StateSpec> analysisSpecs = new ArrayList<>(chunkSpecs());
    private final List<StateSpec> estimateSpecs = new ArrayList<>();

    Fitted(ChunkTable ref, dev.vigil.calculators.Learner learner) {
      baseline = new RealizedBaseline(realized, ref);
      if (ref.<Moments>whole(null, new Specs.MomentsOf(RealizedPerformanceCalculator.AE)).n()
          == 0) {
        throw new UserException(
            "the reference data has no row with both a target ('"
                + target
                + "') and a prediction ('"
                + prediction
                + "'); expected some: estimated_performance (DLE) learns its loss models from them");
      }
      boolean negative =
          ref.<Moments>whole(null, new Specs.MomentsOf(RealizedPerformanceCalculator.NEG_INPUT))
                  .max()
              > 0;
      Map<String, String> labels = new LinkedHashMap<>();
      for (String m : realized.reported()) {
        if (negative && Dle.loss(m).equals("sle")) {
          LOG.warn(
              "estimated_performance (DLE): the reference has negative targets or predictions; {} is not"
                  + " estimated (null), as its realized value is undefined (NannyML refuses to fit it)",
              m);
          continue;
        }
        labels.put(output(m), label(m));
      }
      List<String> numeric = new ArrayList<>(continuous);
      numeric.add(prediction);
      models =
          labels.isEmpty()
              ? null
              : learner.regressors(
                  new dev.vigil.calculators.Learner.RegressorRequest(
                      numeric,
                      categorical,
                      labels,
                      List.of(target, prediction),
                      config.hyperparameters()));
      for (String out : labels.keySet()) {
        estimateSpecs.add(new Specs.MomentsOf(out));
      }
      analysisSpecs.addAll(estimateSpecs);
    }

    @Override
    public List<dev.vigil.calculators.RowModel> rowModels() {
      return models == null ? List.of() : List.of(models);
    }

    @Override
    public List<StateSpec> analysisSpecs() {
      return analysisSpecs;
    }

    @Override
    public List<StateSpec> fittedReferenceSpecs() {
      return estimateSpecs;
    }

    /** The reference estimates need the fitted reference pass: {@link #reference(ChunkTable)}. */
    @Override
    public List<Measurement> reference() {
      throw new IllegalStateException(
          "DLE's reference results need the states of its fitted columns");
    }

    @Override
    public List<Measurement> reference(ChunkTable reference) {
      return measure(reference, baseline.onReference());
    }

    @Override
    public List<Measurement> calculate(ChunkTable analysis) {
      return measure(analysis, baseline.on(analysis));
    }

    private List<Measurement> measure(ChunkTable t, RealizedBaseline.Realized realizedValues) {
      List<Measurement> out = new ArrayList<>();
      for (String seg : t.segments()) {
        Map<String, double[]> comp = baseline.components(seg);
        for (int i = 0; i < t.chunks().size(); i++) {
          // NannyML's n: the chunk's rows with a prediction (targets play no part)
          long n = t.<Moments>state(seg, i, new Specs.MomentsOf(prediction)).n();
          for (String m : realized.reported()) {
            StateSpec loss = new Specs.MomentsOf(output(m));
            double v =
                estimateSpecs.contains(loss)
                    ? Dle.estimate(m, t.<Moments>state(seg, i, loss).mean())
                    : Double.NaN;
            double se =
                n == 0 || Double.isNaN(v)
                    ? Double.NaN
                    : RealizedPerformanceCalculator.regressionSamplingError(
                        m, comp.getOrDefault(m, new double[] {Double.NaN, 1}), n);
            out.add(baseline.estimate(NAME, m, seg, i, v, se, realizedValues));
          }
        }
      }
      return out;
    }
  }
}
