package dev.vigil.quality;

import dev.vigil.calculators.Calculator;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Measurement;
import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.KernelDensitySum;
import dev.vigil.stats.Moments;
import dev.vigil.stats.NullCount;
import dev.vigil.stats.OutOfRangeCount;
import dev.vigil.stats.Quantiles;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.stats.UnseenCount;
import dev.vigil.thresholds.Bounds;
import dev.vigil.thresholds.Bounds.AlertRule;
import dev.vigil.thresholds.Bounds.LimitMode;
import dev.vigil.thresholds.Threshold;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * NannyML's data-quality checks and summary statistics per column and chunk: {@code missing_values}
 * (rate, any column), {@code unseen_values} (rate, categorical), {@code numerical_range} (rate of
 * values outside the reference range, continuous), {@code mean}, {@code std}, {@code median},
 * {@code sum} (continuous) and {@code row_count} (model level). Values, sampling errors, thresholds
 * and alert rules as NannyML 0.13.1 (docs/nannyml-semantics.md).
 */
public final class DataQualityCalculator implements Calculator {
  public static final String NAME = "data_quality";

  private final List<String> metrics;
  private final List<String> continuous;
  private final List<String> categorical;
  private final Map<String, Threshold> overrides;

  /**
   * @param overrides threshold per metric replacing NannyML's default (limits still apply)
   */
  public DataQualityCalculator(
      List<String> metrics,
      List<String> continuous,
      List<String> categorical,
      Map<String, Threshold> overrides) {
    this.metrics = List.copyOf(metrics);
    this.continuous = List.copyOf(continuous);
    this.categorical = List.copyOf(categorical);
    this.overrides = Map.copyOf(overrides);
  }

  @Override
  public String name() {
    return NAME;
  }

  private boolean wants(String metric) {
    return metrics.contains(metric);
  }

  private boolean wantsMoments() {
    return wants("mean")
        || wants("std")
        || wants("sum")
        || wants("median")
        || wants("numerical_range");
  }

  @Override
  public List<StateSpec> referenceSpecs() {
    List<StateSpec> specs = new ArrayList<>();
    for (String c : continuous) {
      if (wants("missing_values")) {
        specs.add(new Specs.NullsOf(c, StateSpec.Input.NUMERIC));
      }
      if (wantsMoments()) {
        specs.add(new Specs.MomentsOf(c));
      }
      if (wants("median")) {
        specs.add(new Specs.QuantilesOf(c));
      }
    }
    for (String c : categorical) {
      if (wants("missing_values")) {
        specs.add(new Specs.NullsOf(c, StateSpec.Input.STRING));
      }
      if (wants("unseen_values")) {
        specs.add(new Specs.CategoriesOf(c));
      }
    }
    return specs;
  }

  /**
   * A second reference pass only for the median's sampling error: the kernel density at the
   * reference median.
   */
  @Override
  public List<StateSpec> refinementSpecs(ChunkTable reference) {
    if (!wants("median")) {
      return List.of();
    }
    List<StateSpec> specs = new ArrayList<>();
    for (String c : continuous) {
      specs.add(kdeSpec(reference, c));
    }
    return specs;
  }

  private static Specs.KernelDensityOf kdeSpec(ChunkTable reference, String column) {
    Map<String, double[]> params = new LinkedHashMap<>();
    for (String seg : reference.segments()) {
      Moments m = reference.whole(seg, new Specs.MomentsOf(column));
      Quantiles q = reference.whole(seg, new Specs.QuantilesOf(column));
      params.put(
          Specs.key(seg), new double[] {q.median(), SamplingErrors.scottBandwidth(m.std(), m.n())});
    }
    return new Specs.KernelDensityOf(column, params);
  }

  @Override
  public FittedCalculator fit(ChunkTable reference, dev.vigil.calculators.Learner learner) {
    return new Fitted(reference);
  }

  /** Whole-reference components of one column in one segment. */
  private record Components(double std, double mu4, double missingRate, double medianDensity)
      implements java.io.Serializable {}

  private final class Fitted extends dev.vigil.calculators.FittedBase {
    private final Map<String, Components> components = new HashMap<>();
    private final Map<String, Bounds> bounds = new HashMap<>();

    Fitted(ChunkTable ref) {
      Map<String, Map<String, double[]>> ranges = new HashMap<>();
      Map<String, Map<String, Set<String>>> seen = new HashMap<>();
      Map<String, Map<String, Boolean>> nullSeen = new HashMap<>();
      for (String seg : ref.segments()) {
        for (String c : continuous) {
          Moments m = wantsMoments() ? ref.whole(seg, new Specs.MomentsOf(c)) : new Moments();
          double density = Double.NaN;
          if (wants("median")) {
            // the spec of the refinement pass (a sketch median is not recomputed: KLL merges are
            // randomised)
            KernelDensitySum kde =
                ref.whole(seg, ref.find(Specs.KernelDensityOf.class, c).orElseThrow());
            density = m.std() == 0 ? Double.POSITIVE_INFINITY : kde.density();
          }
          double missing = missingRate(ref, seg, c, StateSpec.Input.NUMERIC);
          // NannyML's 4th moment is NaN as soon as the reference column has a missing value
          components.put(
              key(seg, c),
              new Components(
                  m.std(), m.nulls() > 0 ? Double.NaN : m.centralMoment4(), missing, density));
          ranges
              .computeIfAbsent(c, k -> new LinkedHashMap<>())
              .put(Specs.key(seg), new double[] {m.min(), m.max()});
        }
        for (String c : categorical) {
          double missing = missingRate(ref, seg, c, StateSpec.Input.STRING);
          if (wants("unseen_values")) {
            CategoryCounts cc = ref.whole(seg, new Specs.CategoriesOf(c));
            seen.computeIfAbsent(c, k -> new LinkedHashMap<>())
                .put(Specs.key(seg), Set.copyOf(cc.counts().keySet()));
            nullSeen
                .computeIfAbsent(c, k -> new LinkedHashMap<>())
                .put(Specs.key(seg), cc.nulls() > 0);
          }
          components.put(key(seg, c), new Components(Double.NaN, Double.NaN, missing, Double.NaN));
        }
      }
      for (String c : continuous) {
        if (wants("missing_values")) {
          analysisSpecs.add(new Specs.NullsOf(c, StateSpec.Input.NUMERIC));
        }
        if (wants("mean") || wants("std") || wants("sum")) {
          analysisSpecs.add(new Specs.MomentsOf(c));
        }
        if (wants("median")) {
          analysisSpecs.add(new Specs.QuantilesOf(c));
        }
        if (wants("numerical_range")) {
          analysisSpecs.add(new Specs.OutOfRangeOf(c, Map.copyOf(ranges.get(c))));
        }
      }
      for (String c : categorical) {
        if (wants("missing_values")) {
          analysisSpecs.add(new Specs.NullsOf(c, StateSpec.Input.STRING));
        }
        if (wants("unseen_values")) {
          analysisSpecs.add(
              new Specs.UnseenOf(c, Map.copyOf(seen.get(c)), Map.copyOf(nullSeen.get(c))));
        }
      }
      // reference chunk values give the thresholds, per segment, metric and column
      List<Value> refValues = values(ref, true);
      Map<String, List<Value>> grouped = new LinkedHashMap<>();
      for (Value v : refValues) {
        grouped
            .computeIfAbsent(key(v.segment, v.metric + "\u0000" + v.column), k -> new ArrayList<>())
            .add(v);
      }
      grouped.forEach(
          (k, vs) -> {
            double[] arr = vs.stream().mapToDouble(Value::value).toArray();
            Rule rule = Rule.of(vs.get(0).metric);
            Threshold t = overrides.getOrDefault(vs.get(0).metric, rule.threshold);
            bounds.put(k, t.bounds(arr).clip(rule.lowerLimit, rule.upperLimit, rule.limitMode));
          });
      referenceResults = measure(refValues);
    }

    private double missingRate(ChunkTable ref, String seg, String c, StateSpec.Input input) {
      if (!wants("missing_values")) {
        return Double.NaN;
      }
      NullCount nc = ref.whole(seg, new Specs.NullsOf(c, input));
      return nc.rows() == 0 ? Double.NaN : (double) nc.nulls() / nc.rows();
    }

    @Override
    public List<Measurement> calculate(ChunkTable analysis) {
      return measure(values(analysis, false));
    }

    private List<Measurement> measure(List<Value> values) {
      List<Measurement> out = new ArrayList<>();
      for (Value v : values) {
        Rule rule = Rule.of(v.metric);
        Bounds b = bounds.getOrDefault(key(v.segment, v.metric + "\u0000" + v.column), Bounds.NONE);
        out.add(
            new Measurement(
                NAME,
                v.metric,
                v.column,
                v.segment,
                v.chunk,
                Measurement.finite(v.value),
                null,
                Double.isNaN(v.samplingError) ? null : Measurement.finite(v.samplingError),
                null,
                null,
                null,
                b.lower(),
                b.upper(),
                b.alert(v.value, rule.alertRule)));
      }
      return out;
    }

    /** Raw values and sampling errors of every metric, column, segment and chunk of one dataset. */
    private List<Value> values(ChunkTable t, boolean isReference) {
      List<Value> out = new ArrayList<>();
      for (String seg : t.segments()) {
        for (int i = 0; i < t.chunks().size(); i++) {
          long n = t.rows(seg, i);
          if (wants("row_count")) {
            out.add(new Value("row_count", null, seg, i, n, Double.NaN));
          }
          for (String c : continuous) {
            Components comp = components.get(key(seg, c));
            if (wants("missing_values")) {
              out.add(missing(t, seg, i, c, StateSpec.Input.NUMERIC, comp, n));
            }
            if (wants("numerical_range")) {
              // on reference chunks nothing lies outside the whole reference's range
              double v =
                  isReference
                      ? 0.0
                      : rate(t.<OutOfRangeCount>state(seg, i, rangeSpec(c)).outside(), n);
              out.add(new Value("numerical_range", c, seg, i, v, Double.NaN));
            }
            if (wants("mean") || wants("std") || wants("sum")) {
              Moments m = t.state(seg, i, new Specs.MomentsOf(c));
              if (wants("mean")) {
                out.add(new Value("mean", c, seg, i, m.mean(), SamplingErrors.mean(comp.std, n)));
              }
              if (wants("std")) {
                out.add(
                    new Value(
                        "std", c, seg, i, m.std(), SamplingErrors.std(comp.std, comp.mu4, n)));
              }
              if (wants("sum")) {
                out.add(new Value("sum", c, seg, i, m.sum(), SamplingErrors.sum(comp.std, n)));
              }
            }
            if (wants("median")) {
              Quantiles q = t.state(seg, i, new Specs.QuantilesOf(c));
              out.add(
                  new Value(
                      "median",
                      c,
                      seg,
                      i,
                      q.median(),
                      SamplingErrors.median(comp.medianDensity, n)));
            }
          }
          for (String c : categorical) {
            Components comp = components.get(key(seg, c));
            if (wants("missing_values")) {
              out.add(missing(t, seg, i, c, StateSpec.Input.STRING, comp, n));
            }
            if (wants("unseen_values")) {
              // every reference value is in the reference's own set of values
              double v =
                  isReference ? 0.0 : rate(t.<UnseenCount>state(seg, i, unseenSpec(c)).unseen(), n);
              out.add(new Value("unseen_values", c, seg, i, v, Double.NaN));
            }
          }
        }
      }
      return out;
    }

    private Value missing(
        ChunkTable t, String seg, int i, String c, StateSpec.Input input, Components comp, long n) {
      NullCount nc = t.state(seg, i, new Specs.NullsOf(c, input));
      return new Value(
          "missing_values",
          c,
          seg,
          i,
          rate(nc.nulls(), n),
          SamplingErrors.rate(comp.missingRate, n));
    }

    private StateSpec rangeSpec(String c) {
      return analysisSpecs.stream()
          .filter(s -> s instanceof Specs.OutOfRangeOf && s.column().equals(c))
          .findFirst()
          .orElseThrow();
    }

    private StateSpec unseenSpec(String c) {
      return analysisSpecs.stream()
          .filter(s -> s instanceof Specs.UnseenOf && s.column().equals(c))
          .findFirst()
          .orElseThrow();
    }
  }

  private static double rate(long count, long n) {
    return n == 0 ? Double.NaN : (double) count / n;
  }

  private static String key(String segment, String column) {
    return Specs.key(segment) + "\u0001" + column;
  }

  private record Value(
      String metric,
      String column,
      String segment,
      int chunk,
      double value,
      double samplingError) {}

  /** NannyML's default threshold, limits and alert rule of each metric. */
  private enum Rule {
    MISSING(Threshold.DEFAULT, 0.0, 1.0, LimitMode.CLIP, AlertRule.OUTSIDE),
    CONSTANT_ZERO(new Threshold.Constant(null, 0.0), 0.0, 1.0, LimitMode.CLIP, AlertRule.OUTSIDE),
    STAT(Threshold.DEFAULT, null, null, LimitMode.DROP, AlertRule.STRICTLY_INSIDE),
    NON_NEGATIVE_STAT(Threshold.DEFAULT, 0.0, null, LimitMode.DROP, AlertRule.STRICTLY_INSIDE);

    final Threshold threshold;
    final Double lowerLimit;
    final Double upperLimit;
    final LimitMode limitMode;
    final AlertRule alertRule;

    Rule(
        Threshold threshold,
        Double lowerLimit,
        Double upperLimit,
        LimitMode limitMode,
        AlertRule alertRule) {
      this.threshold = threshold;
      this.lowerLimit = lowerLimit;
      this.upperLimit = upperLimit;
      this.limitMode = limitMode;
      this.alertRule = alertRule;
    }

    static Rule of(String metric) {
      return switch (metric) {
        case "missing_values" -> MISSING;
        case "unseen_values", "numerical_range" -> CONSTANT_ZERO;
        case "std", "row_count" -> NON_NEGATIVE_STAT;
        default -> STAT;
      };
    }
  }
}
