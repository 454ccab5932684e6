package dev.vigil.performance;

import dev.vigil.calculators.Calculator;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Measurement;
import dev.vigil.config.ProblemType;
import dev.vigil.internal.Sql;
import dev.vigil.performance.ClassificationMath.Confusion;
import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.Moments;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.stats.ValueCounts;
import dev.vigil.thresholds.Bounds;
import dev.vigil.thresholds.Bounds.AlertRule;
import dev.vigil.thresholds.Bounds.LimitMode;
import dev.vigil.thresholds.Threshold;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NannyML's realized performance (binary, multiclass and regression) from mergeable states over
 * derived columns: the confusion cell of each row (category counts), the scores of positives and
 * negatives (exact value counts, for ROC AUC and average precision) and the regression errors
 * (moments). Rows without a target are left out. Sampling errors from whole-reference components
 * (average precision's from a seeded bootstrap over the reference's score counts); thresholds mean
 * ± 3σ of the reference chunk values, clipped to the metric's limits
 * (docs/nannyml-realized-performance.md).
 */
public final class RealizedPerformanceCalculator implements Calculator {
  public static final String NAME = "realized_performance";
  static final String CELL = "_vigil_cm";
  static final String POS = "_vigil_score_pos";
  static final String NEG = "_vigil_score_neg";
  static final String AE = "_vigil_ae";
  static final String APE = "_vigil_ape";
  static final String APE_RAW = "_vigil_ape_raw";
  static final String SE = "_vigil_se";
  static final String SLE = "_vigil_sle";
  static final String NEG_INPUT = "_vigil_negative";
  private static final List<String> CELLS =
      List.of("true_positive", "true_negative", "false_positive", "false_negative");

  private final ProblemType type;
  private final RealizedPerformanceConfig config;
  private final String target;
  private final String prediction;
  private final String score;
  private final Multiclass multiclass;
  private final Map<String, Threshold> overrides;

  /**
   * @param scores binary: {"" → score column}; multiclass: class label → score column
   */
  public RealizedPerformanceCalculator(
      ProblemType type,
      RealizedPerformanceConfig config,
      String target,
      String prediction,
      Map<String, String> scores,
      Map<String, Threshold> overrides) {
    this.type = type;
    this.config = config;
    this.target = target;
    this.prediction = prediction;
    this.score = type == ProblemType.MULTICLASS_CLASSIFICATION ? null : scores.get("");
    this.multiclass =
        type == ProblemType.MULTICLASS_CLASSIFICATION
            ? new Multiclass(scores, target, prediction)
            : null;
    this.overrides = Map.copyOf(overrides);
  }

  Multiclass multiclass() {
    return multiclass;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> derivedColumns() {
    if (multiclass != null) {
      return multiclass.derivedColumns();
    }
    String y = Sql.quote(target);
    String p = Sql.quote(prediction);
    Map<String, String> d = new LinkedHashMap<>();
    if (type == ProblemType.REGRESSION) {
      String e = "(cast(" + y + " as double) - cast(" + p + " as double))";
      d.put(AE, "abs" + e);
      d.put(APE, "abs" + e + " / greatest(abs(cast(" + y + " as double)), 2.220446049250313e-16)");
      d.put(APE_RAW, "abs" + e + " / cast(" + y + " as double)");
      d.put(SE, "pow(" + e + ", 2)");
      d.put(SLE, "pow(ln(1 + cast(" + y + " as double)) - ln(1 + cast(" + p + " as double)), 2)");
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
    } else {
      d.put(
          CELL,
          "CASE WHEN "
              + y
              + " IS NULL OR "
              + p
              + " IS NULL THEN NULL ELSE cast(cast("
              + y
              + " as int) * 2 + cast("
              + p
              + " as int) as string) END");
      if (score != null) {
        String s = "cast(" + Sql.quote(score) + " as double)";
        d.put(
            POS,
            "CASE WHEN " + y + " IS NOT NULL AND cast(" + y + " as int) = 1 THEN " + s + " END");
        d.put(
            NEG,
            "CASE WHEN " + y + " IS NOT NULL AND cast(" + y + " as int) = 0 THEN " + s + " END");
      }
    }
    return d;
  }

  @Override
  public List<StateSpec> referenceSpecs() {
    if (multiclass != null) {
      return multiclass.specs();
    }
    List<StateSpec> specs = new ArrayList<>();
    if (type == ProblemType.REGRESSION) {
      for (String c : List.of(AE, APE, APE_RAW, SE, SLE, NEG_INPUT)) {
        specs.add(new Specs.MomentsOf(c));
      }
    } else {
      specs.add(new Specs.CategoriesOf(CELL));
      if (score != null) {
        specs.add(new Specs.ValueCountsOf(POS));
        specs.add(new Specs.ValueCountsOf(NEG));
      }
    }
    return specs;
  }

  /** The metrics reported: confusion_matrix stands for its four cells. */
  List<String> reported() {
    List<String> out = new ArrayList<>();
    for (String m : config.metrics()) {
      if (m.equals("confusion_matrix")) {
        out.addAll(multiclass != null ? multiclass.cells() : CELLS);
      } else {
        out.add(m);
      }
    }
    return out;
  }

  @Override
  public FittedCalculator fit(ChunkTable reference, dev.vigil.calculators.Learner learner) {
    List<StateSpec> specs = referenceSpecs();
    Map<String, Bounds> bounds = new HashMap<>();
    Map<String, Map<String, double[]>> components = new HashMap<>();
    for (String seg : reference.segments()) {
      components.put(Specs.key(seg), components(reference, seg));
    }
    List<Value> refValues = values(reference, components);
    Map<String, List<Double>> byKey = new LinkedHashMap<>();
    for (Value v : refValues) {
      byKey
          .computeIfAbsent(Specs.key(v.segment) + "\u0001" + v.metric, k -> new ArrayList<>())
          .add(v.value);
    }
    byKey.forEach(
        (k, vs) -> {
          String metric = k.substring(k.indexOf('\u0001') + 1);
          Threshold t =
              overrides.getOrDefault(
                  metric,
                  overrides.getOrDefault(
                      isCell(metric) ? "confusion_matrix" : metric, Threshold.DEFAULT));
          bounds.put(
              k,
              t.bounds(vs.stream().mapToDouble(Double::doubleValue).toArray())
                  .clip(lowerLimit(metric), upperLimit(metric), LimitMode.CLIP));
        });
    List<Measurement> onReference = measure(refValues, bounds);
    return new dev.vigil.calculators.FittedBase() {
      {
        analysisSpecs.addAll(specs);
        referenceResults = onReference;
      }

      @Override
      public List<Measurement> calculate(ChunkTable analysis) {
        return measure(values(analysis, components), bounds);
      }
    };
  }

  /** A confusion-matrix cell: binary's four names, or multiclass {@code true_<a>_pred_<b>}. */
  boolean isCell(String metric) {
    return CELLS.contains(metric) || multiclass != null && multiclass.cells().contains(metric);
  }

  static Double lowerLimit(String metric) {
    return metric.equals("business_value") ? null : 0.0;
  }

  Double upperLimit(String metric) {
    if (isCell(metric)) {
      return config.normalizeConfusionMatrix() == null ? null : 1.0;
    }
    return type == ProblemType.REGRESSION || metric.equals("business_value") ? null : 1.0;
  }

  private List<Measurement> measure(List<Value> values, Map<String, Bounds> bounds) {
    List<Measurement> out = new ArrayList<>();
    for (Value v : values) {
      Bounds b = bounds.getOrDefault(Specs.key(v.segment) + "\u0001" + v.metric, Bounds.NONE);
      out.add(
          new Measurement(
              NAME,
              v.metric,
              null,
              v.segment,
              v.chunk,
              Measurement.finite(v.value),
              null,
              Measurement.finite(v.samplingError),
              null,
              null,
              null,
              b.lower(),
              b.upper(),
              b.alert(v.value, AlertRule.OUTSIDE)));
    }
    return out;
  }

  private static Confusion confusion(CategoryCounts c) {
    Map<String, Long> m = c.counts();
    return new Confusion(
        m.getOrDefault("0", 0L),
        m.getOrDefault("1", 0L),
        m.getOrDefault("2", 0L),
        m.getOrDefault("3", 0L));
  }

  /**
   * Whole-reference sampling-error components per metric: {std, fraction} (fraction 1 when unused).
   */
  Map<String, double[]> components(ChunkTable ref, String seg) {
    Map<String, double[]> out = new HashMap<>();
    if (multiclass != null) {
      // per metric: variance and fraction of each class, flattened
      multiclass.cellComponents(ref, seg, config.normalizeConfusionMatrix()).forEach(out::put);
      multiclass
          .components(ref, seg)
          .forEach(
              (m, perClass) -> {
                double[] flat = new double[2 * perClass.length];
                for (int c = 0; c < perClass.length; c++) {
                  flat[2 * c] = perClass[c][0];
                  flat[2 * c + 1] = perClass[c][1];
                }
                out.put(m, flat);
              });
      return out;
    }
    if (type == ProblemType.REGRESSION) {
      Moments ae = ref.whole(seg, new Specs.MomentsOf(AE));
      Moments apeRaw = ref.whole(seg, new Specs.MomentsOf(APE_RAW));
      Moments se = ref.whole(seg, new Specs.MomentsOf(SE));
      Moments sle = ref.whole(seg, new Specs.MomentsOf(SLE));
      out.put("mae", new double[] {ae.populationStd(), 1});
      out.put("mape", new double[] {apeRaw.populationStd(), 1});
      out.put("mse", new double[] {se.populationStd(), 1});
      out.put("msle", new double[] {sle.populationStd(), 1});
      out.put("rmse", new double[] {se.populationStd(), se.mean()});
      out.put("rmsle", new double[] {sle.populationStd(), sle.mean()});
      return out;
    }
    Confusion c = confusion(ref.whole(seg, new Specs.CategoriesOf(CELL)));
    double n = c.n();
    out.put(
        "precision",
        new double[] {
          ClassificationMath.bernoulliStd((double) c.tp() / (c.tp() + c.fp())),
          (c.tp() + c.fp()) / n
        });
    out.put(
        "recall",
        new double[] {
          ClassificationMath.bernoulliStd((double) c.tp() / (c.tp() + c.fn())),
          (c.tp() + c.fn()) / n
        });
    out.put(
        "specificity",
        new double[] {
          ClassificationMath.bernoulliStd((double) c.tn() / (c.tn() + c.fp())),
          (c.tn() + c.fp()) / n
        });
    long errorsAndHits = c.tp() + c.fn() + c.fp();
    double factor = errorsAndHits / (c.tp() + 0.5 * (c.fn() + c.fp()));
    out.put(
        "f1",
        new double[] {
          factor * ClassificationMath.bernoulliStd((double) c.tp() / errorsAndHits),
          errorsAndHits / n
        });
    out.put("accuracy", new double[] {ClassificationMath.bernoulliStd((c.tp() + c.tn()) / n), 1});
    for (String cell : CELLS) {
      double x = ClassificationMath.cell(c, cell, null);
      double group = ClassificationMath.cellGroup(c, cell, config.normalizeConfusionMatrix());
      out.put(cell, new double[] {ClassificationMath.bernoulliStd(x / group), group / n});
    }
    if (config.businessValueMatrix() != null) {
      double[][] bv = config.businessValueMatrix();
      double[] values = {bv[0][0], bv[0][1], bv[1][0], bv[1][1]};
      long[] counts = {c.tn(), c.fp(), c.fn(), c.tp()};
      double mean = 0;
      for (int i = 0; i < 4; i++) {
        mean += counts[i] * values[i] / n;
      }
      double var = 0;
      for (int i = 0; i < 4; i++) {
        var += counts[i] * (values[i] - mean) * (values[i] - mean) / n;
      }
      out.put("business_value", new double[] {Math.sqrt(var), 1});
    }
    if (score != null) {
      ValueCounts pos = ref.whole(seg, new Specs.ValueCountsOf(POS));
      ValueCounts neg = ref.whole(seg, new Specs.ValueCountsOf(NEG));
      out.put("roc_auc", ClassificationMath.rocAucComponent(pos.sorted(), neg.sorted()));
      if (config.metrics().contains("average_precision")) {
        ValueCounts.Sorted p = pos.sortedArrays();
        ValueCounts.Sorted q = neg.sortedArrays();
        out.put(
            "average_precision",
            ClassificationMath.averagePrecisionComponent(
                p.values(), p.counts(), q.values(), q.counts()));
      }
    }
    return out;
  }

  private List<Value> values(ChunkTable t, Map<String, Map<String, double[]>> components) {
    List<Value> out = new ArrayList<>();
    for (String seg : t.segments()) {
      Map<String, double[]> comp = components.getOrDefault(Specs.key(seg), Map.of());
      for (int i = 0; i < t.chunks().size(); i++) {
        int first = out.size();
        values(t, seg, i, comp, out);
        if (seg == null
            && out.size() > first
            && out.subList(first, out.size()).stream().allMatch(v -> Double.isNaN(v.value))) {
          LOG.info(
              "{}: chunk {} has no rows with both a target and a prediction; its metrics are null",
              NAME,
              t.chunks().get(i).key());
        }
      }
    }
    return out;
  }

  private void values(
      ChunkTable t, String seg, int i, Map<String, double[]> comp, List<Value> out) {
    if (multiclass != null) {
      long n = multiclass.rows(t, seg, i);
      for (String m : reported()) {
        double v = multiclass.realized(m, t, seg, i, config.normalizeConfusionMatrix());
        double err =
            multiclass.cells().contains(m)
                ? cellSamplingError(comp.get(m), n, config.normalizeConfusionMatrix())
                : multiclassSamplingError(m, comp.get(m), n);
        out.add(new Value(m, seg, i, v, Double.isNaN(v) ? Double.NaN : err));
      }
    } else if (type == ProblemType.REGRESSION) {
      regression(t, seg, i, comp, out);
    } else {
      classification(t, seg, i, comp, out);
    }
  }

  private void regression(
      ChunkTable t, String seg, int i, Map<String, double[]> comp, List<Value> out) {
    Moments ae = t.state(seg, i, new Specs.MomentsOf(AE));
    Moments ape = t.state(seg, i, new Specs.MomentsOf(APE));
    Moments se = t.state(seg, i, new Specs.MomentsOf(SE));
    Moments sle = t.state(seg, i, new Specs.MomentsOf(SLE));
    boolean negative = t.<Moments>state(seg, i, new Specs.MomentsOf(NEG_INPUT)).max() > 0;
    long n = ae.n();
    for (String m : reported()) {
      double v =
          switch (m) {
            case "mae" -> ae.mean();
            case "mape" -> ape.mean();
            case "mse" -> se.mean();
            case "rmse" -> Math.sqrt(se.mean());
            case "msle" -> negative ? Double.NaN : sle.mean();
            case "rmsle" -> negative ? Double.NaN : Math.sqrt(sle.mean());
            default -> throw new IllegalArgumentException(m);
          };
      double err =
          Double.isNaN(v)
              ? Double.NaN
              : regressionSamplingError(m, comp.getOrDefault(m, new double[] {Double.NaN, 1}), n);
      out.add(new Value(m, seg, i, v, err));
    }
  }

  /**
   * NannyML's sampling error of a regression metric on a chunk of {@code n} rows from its
   * whole-reference component {@code k = {std, mean}}: {@code std/√n}, and for rmse and rmsle the
   * delta method {@code √(std²/(4·n·mean))}.
   */
  static double regressionSamplingError(String metric, double[] k, long n) {
    return metric.equals("rmse") || metric.equals("rmsle")
        ? Math.sqrt(k[0] * k[0] / (4 * n * k[1]))
        : k[0] / Math.sqrt(n);
  }

  private void classification(
      ChunkTable t, String seg, int i, Map<String, double[]> comp, List<Value> out) {
    Confusion c = confusion(t.state(seg, i, new Specs.CategoriesOf(CELL)));
    long n = c.n();
    for (String m : reported()) {
      double[] k = comp.getOrDefault(m, new double[] {Double.NaN, 1});
      double v;
      long errorRows = n;
      switch (m) {
        case "precision" -> v = ClassificationMath.precision(c);
        case "recall" -> v = ClassificationMath.recall(c);
        case "specificity" -> v = ClassificationMath.specificity(c);
        case "f1" -> v = ClassificationMath.f1(c);
        case "accuracy" -> v = ClassificationMath.accuracy(c);
        case "true_positive", "true_negative", "false_positive", "false_negative" ->
            v =
                n == 0
                    ? Double.NaN
                    : ClassificationMath.cell(c, m, config.normalizeConfusionMatrix());
        case "business_value" ->
            v =
                ClassificationMath.businessValue(
                    c, config.businessValueMatrix(), config.normalizeBusinessValuePerPrediction());
        case "roc_auc", "average_precision" -> {
          ValueCounts pos = t.state(seg, i, new Specs.ValueCountsOf(POS));
          ValueCounts neg = t.state(seg, i, new Specs.ValueCountsOf(NEG));
          errorRows = pos.n() + neg.n();
          v =
              m.equals("roc_auc")
                  ? ClassificationMath.rocAuc(pos.sorted(), neg.sorted())
                  : ClassificationMath.averagePrecision(pos.sorted(), neg.sorted());
        }
        default -> throw new IllegalArgumentException(m);
      }
      double err = samplingError(m, k, errorRows, config);
      out.add(new Value(m, seg, i, v, Double.isNaN(v) ? Double.NaN : err));
    }
  }

  /**
   * NannyML's sampling error of a binary classification metric on a chunk of {@code n} rows, from
   * its whole-reference component {@code k = {std, fraction}} (average precision: {bootstrap std,
   * sample size}).
   */
  static double samplingError(String metric, double[] k, long n, RealizedPerformanceConfig config) {
    return switch (metric) {
      case "precision", "recall", "specificity", "f1", "roc_auc" -> k[0] / Math.sqrt(n * k[1]);
      case "accuracy" -> k[0] / Math.sqrt(n);
      case "true_positive", "true_negative", "false_positive", "false_negative" ->
          cellSamplingError(k, n, config.normalizeConfusionMatrix());
      case "business_value" ->
          config.normalizeBusinessValuePerPrediction() ? k[0] / Math.sqrt(n) : k[0] * Math.sqrt(n);
      case "average_precision" -> k[0] * Math.sqrt(k[1] / n);
      default -> throw new IllegalArgumentException(metric);
    };
  }

  /**
   * A confusion cell's sampling error from its component {std, fraction}: counts std·√n, else
   * std/√(n·fraction).
   */
  static double cellSamplingError(double[] k, long n, String normalization) {
    if (k == null) {
      return Double.NaN;
    }
    return normalization == null ? k[0] * Math.sqrt(n) : k[0] / Math.sqrt(n * k[1]);
  }

  /** NannyML's multiclass sampling error from the flattened per-class components. */
  static double multiclassSamplingError(String metric, double[] flat, long n) {
    if (flat == null) {
      return Double.NaN;
    }
    double[][] perClass = new double[flat.length / 2][];
    for (int c = 0; c < perClass.length; c++) {
      perClass[c] = new double[] {flat[2 * c], flat[2 * c + 1]};
    }
    return Multiclass.samplingError(metric, perClass, n);
  }

  private record Value(
      String metric, String segment, int chunk, double value, double samplingError) {}

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(RealizedPerformanceCalculator.class);
}
