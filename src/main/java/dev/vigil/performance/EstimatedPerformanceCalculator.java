package dev.vigil.performance;

import dev.vigil.calculators.Calculator;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Measurement;
import dev.vigil.config.ProblemType;
import dev.vigil.internal.Sql;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
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
 * NannyML's CBPE for binary classification: performance estimated from the model's scores without
 * targets. Fitted on the reference: isotonic calibration of the scores when NannyML's rule asks for
 * it, sampling-error components and thresholds exactly as realized performance (thresholds come
 * from the reference chunks' realized values). Per chunk, from exact per-score counts split by
 * prediction: the expected confusion matrix and every metric estimated from it, the confidence band
 * value ± 3 SE clipped to the metric's limits, the alert when the estimate leaves the thresholds,
 * and the realized value where the chunk has targets.
 */
public final class EstimatedPerformanceCalculator implements Calculator {
  public static final String NAME = "estimated_performance";
  static final String PRED1 = "_vigil_score_pred1";
  static final String PRED0 = "_vigil_score_pred0";
  static final String FOLD = "_vigil_fold";
  private static final Logger LOG = LoggerFactory.getLogger(EstimatedPerformanceCalculator.class);

  private final EstimatedPerformanceConfig config;
  private final RealizedPerformanceCalculator realized;
  private final Multiclass multiclass;
  private final String target;
  private final String prediction;
  private final String score;
  private final List<String> rowColumns;

  /**
   * @param scores binary: {"" → score column}; multiclass: class label → score column
   * @param rowColumns the input columns a row's calibration fold is hashed from (its data, not its
   *     chunk)
   */
  public EstimatedPerformanceCalculator(
      ProblemType type,
      EstimatedPerformanceConfig config,
      String target,
      String prediction,
      Map<String, String> scores,
      List<String> rowColumns,
      Map<String, Threshold> overrides) {
    this.config = config;
    this.rowColumns = List.copyOf(rowColumns);
    this.target = target;
    this.prediction = prediction;
    this.realized =
        new RealizedPerformanceCalculator(
            type, config.metrics(), target, prediction, scores, overrides);
    this.multiclass = realized.multiclass();
    this.score = multiclass == null ? scores.get("") : null;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> derivedColumns() {
    Map<String, String> d = new LinkedHashMap<>(realized.derivedColumns());
    if (multiclass == null) {
      String s = "cast(" + Sql.quote(score) + " as double)";
      String p = Sql.quote(prediction);
      d.put(
          PRED1,
          "CASE WHEN " + p + " IS NOT NULL AND cast(" + p + " as int) = 1 THEN " + s + " END");
      d.put(
          PRED0,
          "CASE WHEN " + p + " IS NOT NULL AND cast(" + p + " as int) = 0 THEN " + s + " END");
    }
    // the row's fold for the calibration decision (read on the reference only): a hash of its
    // values, so it
    // depends neither on how Spark splits the input nor on the chunking
    String hashed = String.join(", ", rowColumns.stream().map(Sql::quote).toList());
    d.put(FOLD, "cast(pmod(xxhash64(" + hashed + "), " + FoldScoreCounts.FOLDS + ") as double)");
    return d;
  }

  private List<StateSpec> chunkSpecs() {
    List<StateSpec> specs = new ArrayList<>(realized.referenceSpecs());
    if (multiclass == null) {
      specs.add(new Specs.ValueCountsOf(PRED1));
      specs.add(new Specs.ValueCountsOf(PRED0));
    }
    return specs;
  }

  private FoldScoreCounts.Of folds(int c) {
    return multiclass == null
        ? new FoldScoreCounts.Of(score, target, FOLD)
        : new FoldScoreCounts.Of(multiclass.scoreColumns.get(c), Multiclass.is(c), FOLD);
  }

  @Override
  public List<StateSpec> referenceSpecs() {
    List<StateSpec> specs = chunkSpecs();
    for (int c = 0; c < (multiclass == null ? 1 : multiclass.classes.size()); c++) {
      specs.add(folds(c));
    }
    return specs;
  }

  /**
   * Multiclass: a second reference pass computes the calibrated expectations of the reference
   * chunks.
   */
  @Override
  public List<StateSpec> refinementSpecs(ChunkTable reference) {
    if (multiclass == null || reference.find(MulticlassExpected.Of.class, s -> true).isPresent()) {
      return List.of();
    }
    Map<String, MulticlassExpected.Calibration> calibrations = new LinkedHashMap<>();
    for (String seg : reference.segments()) {
      List<Isotonic> calibrators = new ArrayList<>();
      for (int c = 0; c < multiclass.classes.size(); c++) {
        calibrators.add(
            calibrator(
                reference,
                seg,
                Multiclass.pos(c),
                Multiclass.neg(c),
                folds(c),
                " class " + multiclass.classes.get(c)));
      }
      calibrations.put(
          Specs.key(seg), new MulticlassExpected.Calibration(multiclass.classes, calibrators));
    }
    return List.of(new MulticlassExpected.Of(multiclass.scoreColumns, prediction, calibrations));
  }

  /**
   * The isotonic calibrator of one score (null: use the scores as they are), fitted on the whole
   * reference's per-score positives and rows, when the configuration or NannyML's decision rule
   * says so.
   */
  private Isotonic calibrator(
      ChunkTable ref,
      String seg,
      String positives,
      String negatives,
      FoldScoreCounts.Of foldSpec,
      String what) {
    ValueCounts pos = ref.whole(seg, new Specs.ValueCountsOf(positives));
    ValueCounts neg = ref.whole(seg, new Specs.ValueCountsOf(negatives));
    TreeMap<Double, long[]> groups = new TreeMap<>();
    pos.sorted()
        .forEach(
            (s, c) -> {
              long[] g = groups.computeIfAbsent(s, k -> new long[2]);
              g[0] += c;
              g[1] += c;
            });
    neg.sorted().forEach((s, c) -> groups.computeIfAbsent(s, k -> new long[2])[1] += c);
    String where = (seg == null ? "" : " [" + seg + "]") + what;
    if (groups.isEmpty()) {
      LOG.warn(
          "estimated_performance{}: no reference rows with score and target; scores used as probabilities",
          where);
      return null;
    }
    boolean calibrate =
        switch (config.calibration()) {
          case ALWAYS -> true;
          case NEVER -> false;
          case AUTO -> {
            FoldScoreCounts folds = ref.whole(seg, foldSpec);
            Cbpe.Decision d =
                Cbpe.decide(folds.sorted(), ClassificationMath.rocAuc(pos.sorted(), neg.sorted()));
            LOG.info(
                "estimated_performance{}: {} ({}; expected calibration error {} before, {} after; {} path)",
                where,
                d.calibrate() ? "calibrating scores" : "scores used as probabilities",
                d.reason(),
                d.eceBefore(),
                d.eceAfter(),
                folds.isExact() ? "exact" : "2^14-grid");
            yield d.calibrate();
          }
        };
    return calibrate ? Isotonic.fit(groups) : null;
  }

  @Override
  public FittedCalculator fit(ChunkTable reference, dev.vigil.calculators.Learner learner) {
    return new Fitted(reference);
  }

  /** A chunk's scores with their rows predicted 0 and 1, calibrated once. */
  private static Cbpe.Groups groups(
      ChunkTable t, String seg, int i, DoubleUnaryOperator calibrated) {
    ValueCounts.Sorted zero =
        t.<ValueCounts>state(seg, i, new Specs.ValueCountsOf(PRED0)).sortedArrays();
    ValueCounts.Sorted one =
        t.<ValueCounts>state(seg, i, new Specs.ValueCountsOf(PRED1)).sortedArrays();
    return Cbpe.Groups.of(zero.values(), zero.counts(), one.values(), one.counts(), calibrated);
  }

  private final class Fitted extends dev.vigil.calculators.FittedBase {
    private final RealizedBaseline baseline;

    /** Each segment's isotonic calibrator (absent: the scores are used as they are). */
    private final Map<String, Isotonic> calibration = new HashMap<>();

    private final MulticlassExpected.Of expectedSpec;

    Fitted(ChunkTable ref) {
      baseline = new RealizedBaseline(realized, ref);
      analysisSpecs.addAll(chunkSpecs());
      expectedSpec =
          multiclass == null
              ? null
              : ref.find(MulticlassExpected.Of.class, s -> true).orElseThrow();
      if (expectedSpec != null) {
        analysisSpecs.add(expectedSpec);
      }
      for (String seg : ref.segments()) {
        if (multiclass == null) {
          Isotonic iso =
              calibrator(
                  ref,
                  seg,
                  RealizedPerformanceCalculator.POS,
                  RealizedPerformanceCalculator.NEG,
                  folds(0),
                  "");
          if (iso != null) {
            calibration.put(Specs.key(seg), iso);
          }
        }
      }
      referenceResults = measure(ref, baseline.onReference());
    }

    @Override
    public List<Measurement> calculate(ChunkTable analysis) {
      return measure(analysis, baseline.on(analysis));
    }

    private List<Measurement> measure(ChunkTable t, RealizedBaseline.Realized realizedValues) {
      List<Measurement> out = new ArrayList<>();
      for (String seg : t.segments()) {
        Isotonic iso = calibration.get(Specs.key(seg));
        DoubleUnaryOperator cal = iso == null ? DoubleUnaryOperator.identity() : iso::predict;
        Map<String, double[]> comp = baseline.components(seg);
        for (int i = 0; i < t.chunks().size(); i++) {
          Cbpe.Groups scores = multiclass == null ? groups(t, seg, i, cal) : null;
          Cbpe.Expected e = multiclass == null ? Cbpe.expected(scores) : null;
          MulticlassExpected mc = multiclass == null ? null : t.state(seg, i, expectedSpec);
          long n = multiclass == null ? e.n() : mc.n();
          for (String m : realized.reported()) {
            boolean cell = multiclass != null && multiclass.cells().contains(m);
            String norm = config.metrics().normalizeConfusionMatrix();
            double v =
                cell
                    ? mc.cell(multiclass.cell(m)[0], multiclass.cell(m)[1], norm)
                    : multiclass != null
                        ? mc.estimate(m)
                        : switch (m) {
                          case "roc_auc" -> Cbpe.rocAuc(scores);
                          case "average_precision" -> Cbpe.averagePrecision(scores);
                          default -> Cbpe.metric(m, e, config.metrics());
                        };
            double se =
                n == 0 || Double.isNaN(v)
                    ? Double.NaN
                    : cell
                        ? RealizedPerformanceCalculator.cellSamplingError(comp.get(m), n, norm)
                        : multiclass != null
                            ? RealizedPerformanceCalculator.multiclassSamplingError(
                                m, comp.get(m), n)
                            : RealizedPerformanceCalculator.samplingError(
                                m,
                                comp.getOrDefault(m, new double[] {Double.NaN, 1}),
                                n,
                                config.metrics());
            out.add(baseline.estimate(NAME, m, seg, i, v, se, realizedValues));
          }
        }
      }
      return out;
    }
  }
}
