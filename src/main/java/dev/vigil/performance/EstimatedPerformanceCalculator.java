package dev.vigil.performance;

import dev.vigil.calculators.Calculator;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Measurement;
import dev.vigil.config.EstimatedPerformanceConfig;
import dev.vigil.config.ProblemType;
import dev.vigil.scan.Specs;
import dev.vigil.scan.StateSpec;
import dev.vigil.stats.ValueCounts;
import dev.vigil.thresholds.Threshold;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NannyML's CBPE for binary classification: performance estimated from the model's scores without targets.
 * Fitted on the reference: isotonic calibration of the scores when NannyML's rule asks for it, sampling-error
 * components and thresholds exactly as realized performance (thresholds come from the reference chunks'
 * realized values). Per chunk, from exact per-score counts split by prediction: the expected confusion matrix and
 * every metric estimated from it, the confidence band value ± 3 SE clipped to the metric's limits, the alert
 * when the estimate leaves the thresholds, and the realized value where the chunk has targets.
 */
public final class EstimatedPerformanceCalculator implements Calculator {
  public static final String NAME = "estimated_performance";
  static final String PRED1 = "_vigil_score_pred1";
  static final String PRED0 = "_vigil_score_pred0";
  static final String FOLD = "_vigil_fold";
  private static final Logger LOG = LoggerFactory.getLogger(EstimatedPerformanceCalculator.class);

  private final EstimatedPerformanceConfig config;
  private final RealizedPerformanceCalculator realized;
  private final String target;
  private final String prediction;
  private final String score;

  public EstimatedPerformanceCalculator(EstimatedPerformanceConfig config, String target, String prediction,
      String score, Map<String, Threshold> overrides) {
    this.config = config;
    this.target = target;
    this.prediction = prediction;
    this.score = score;
    this.realized = new RealizedPerformanceCalculator(ProblemType.BINARY_CLASSIFICATION, config.metrics(), target,
        prediction, score, overrides);
  }

  @Override
  public String name() {
    return NAME;
  }

  private static String q(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  @Override
  public Map<String, String> derivedColumns() {
    Map<String, String> d = new LinkedHashMap<>(realized.derivedColumns());
    String s = "cast(" + q(score) + " as double)";
    String p = q(prediction);
    d.put(PRED1, "CASE WHEN " + p + " IS NOT NULL AND cast(" + p + " as int) = 1 THEN " + s + " END");
    d.put(PRED0, "CASE WHEN " + p + " IS NOT NULL AND cast(" + p + " as int) = 0 THEN " + s + " END");
    // the row's fold for the calibration decision (read on the reference only): a hash of all its values,
    // its position included when the chunking gave one, so it does not depend on how Spark splits the input
    d.put(FOLD, "cast(pmod(xxhash64(*), " + FoldScoreCounts.FOLDS + ") as double)");
    return d;
  }

  private List<StateSpec> chunkSpecs() {
    List<StateSpec> specs = new ArrayList<>(realized.referenceSpecs());
    specs.add(new Specs.ValueCountsOf(PRED1));
    specs.add(new Specs.ValueCountsOf(PRED0));
    return specs;
  }

  @Override
  public List<StateSpec> referenceSpecs() {
    List<StateSpec> specs = chunkSpecs();
    specs.add(new FoldScoreCounts.Of(score, target, FOLD));
    return specs;
  }

  @Override
  public FittedCalculator fit(ChunkTable reference) {
    return new Fitted(reference);
  }

  /** Ascending score → {rows predicted 0, rows predicted 1} of a chunk. */
  private static TreeMap<Double, long[]> byScore(ChunkTable t, String seg, int i) {
    TreeMap<Double, long[]> out = new TreeMap<>();
    ValueCounts zero = t.state(seg, i, new Specs.ValueCountsOf(PRED0));
    ValueCounts one = t.state(seg, i, new Specs.ValueCountsOf(PRED1));
    zero.sorted().forEach((s, c) -> out.computeIfAbsent(s, k -> new long[2])[0] += c);
    one.sorted().forEach((s, c) -> out.computeIfAbsent(s, k -> new long[2])[1] += c);
    return out;
  }

  private final class Fitted extends dev.vigil.calculators.FittedBase {
    private final RealizedBaseline baseline;
    private final Map<String, DoubleUnaryOperator> calibration = new HashMap<>();

    Fitted(ChunkTable ref) {
      baseline = new RealizedBaseline(realized, ref);
      analysisSpecs.addAll(chunkSpecs());
      for (String seg : ref.segments()) {
        calibration.put(Specs.key(seg), calibrator(ref, seg));
      }
      referenceResults = measure(ref, baseline.onReference());
    }

    private DoubleUnaryOperator calibrator(ChunkTable ref, String seg) {
      ValueCounts pos = ref.whole(seg, new Specs.ValueCountsOf(RealizedPerformanceCalculator.POS));
      ValueCounts neg = ref.whole(seg, new Specs.ValueCountsOf(RealizedPerformanceCalculator.NEG));
      TreeMap<Double, long[]> groups = new TreeMap<>();
      pos.sorted().forEach((s, c) -> {
        long[] g = groups.computeIfAbsent(s, k -> new long[2]);
        g[0] += c;
        g[1] += c;
      });
      neg.sorted().forEach((s, c) -> groups.computeIfAbsent(s, k -> new long[2])[1] += c);
      String where = seg == null ? "" : " [" + seg + "]";
      if (groups.isEmpty()) {
        LOG.warn("estimated_performance{}: no reference rows with score and target; scores used as probabilities", where);
        return DoubleUnaryOperator.identity();
      }
      boolean calibrate = switch (config.calibration()) {
        case ALWAYS -> true;
        case NEVER -> false;
        case AUTO -> {
          FoldScoreCounts folds = ref.whole(seg, new FoldScoreCounts.Of(score, target, FOLD));
          Cbpe.Decision d = Cbpe.decide(folds.sorted(), ClassificationMath.rocAuc(pos.sorted(), neg.sorted()));
          LOG.info("estimated_performance{}: {} ({}; expected calibration error {} before, {} after; {} path)", where,
              d.calibrate() ? "calibrating scores" : "scores used as probabilities", d.reason(), d.eceBefore(),
              d.eceAfter(), folds.isExact() ? "exact" : "2^20-grid");
          yield d.calibrate();
        }
      };
      if (!calibrate) {
        return DoubleUnaryOperator.identity();
      }
      Isotonic iso = Isotonic.fit(groups);
      return iso::predict;
    }

    @Override
    public List<Measurement> calculate(ChunkTable analysis) {
      return measure(analysis, baseline.on(analysis));
    }

    private List<Measurement> measure(ChunkTable t, RealizedBaseline.Realized realizedValues) {
      List<Measurement> out = new ArrayList<>();
      boolean perPrediction = config.metrics().normalizeBusinessValuePerPrediction();
      for (String seg : t.segments()) {
        DoubleUnaryOperator cal = calibration.getOrDefault(Specs.key(seg), DoubleUnaryOperator.identity());
        Map<String, double[]> comp = baseline.components(seg);
        for (int i = 0; i < t.chunks().size(); i++) {
          TreeMap<Double, long[]> scores = byScore(t, seg, i);
          Cbpe.Expected e = Cbpe.expected(scores, cal);
          for (String m : realized.reported()) {
            double v = switch (m) {
              case "roc_auc" -> Cbpe.rocAuc(scores, cal);
              case "average_precision" -> Cbpe.averagePrecision(scores, cal);
              default -> Cbpe.metric(m, e, config.metrics().businessValueMatrix(), perPrediction);
            };
            double se = e.n() == 0 || Double.isNaN(v) ? Double.NaN
                : RealizedPerformanceCalculator.samplingError(m, comp.getOrDefault(m, new double[] {Double.NaN, 1}),
                    e.n(), perPrediction);
            out.add(baseline.estimate(NAME, m, seg, i, v, se, realizedValues));
          }
        }
      }
      return out;
    }
  }
}
