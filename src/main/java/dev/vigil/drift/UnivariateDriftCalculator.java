package dev.vigil.drift;

import dev.vigil.calculators.Calculator;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.DistributionBin;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Measurement;
import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.Histogram;
import dev.vigil.stats.Moments;
import dev.vigil.stats.Quantiles;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.thresholds.Bounds;
import dev.vigil.thresholds.Bounds.AlertRule;
import dev.vigil.thresholds.Bounds.LimitMode;
import dev.vigil.thresholds.Threshold;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NannyML's univariate drift: per column and chunk, each configured method's distance between the
 * chunk and the whole reference (docs/nannyml-univariate-drift.md). Continuous columns: Doane bins
 * fitted on the reference for jensen_shannon, hellinger and psi; kolmogorov_smirnov and wasserstein
 * exactly (sorted values) when the reference has fewer than 10,000 values, else on 10,000
 * equal-width bins. Categorical columns: category counts. Reference chunks are measured against the
 * whole reference and give the thresholds (mean + 3σ, upper only); chi2 alerts on p &lt; 0.05.
 *
 * <p>Passes: reference profile (moments, categories) → reference refinement (histograms on the
 * fitted edges, exact values for the exact path) → one analysis pass.
 */
public final class UnivariateDriftCalculator implements Calculator {
  public static final String NAME = "univariate_drift";
  private static final Logger LOG = LoggerFactory.getLogger(UnivariateDriftCalculator.class);
  private static final Threshold DEFAULT_THRESHOLD = new Threshold.StandardDeviation(null, 3.0);
  private static final double CHI2_ALPHA = 0.05;

  private final List<String> continuous;
  private final List<String> categorical;
  private final UnivariateDriftConfig config;
  private final Map<String, Threshold> overrides;

  public UnivariateDriftCalculator(
      List<String> continuous,
      List<String> categorical,
      UnivariateDriftConfig config,
      Map<String, Threshold> overrides) {
    // a column kind without methods needs no state at all
    this.continuous = config.continuousMethods().isEmpty() ? List.of() : List.copyOf(continuous);
    this.categorical = config.categoricalMethods().isEmpty() ? List.of() : List.copyOf(categorical);
    this.config = config;
    this.overrides = Map.copyOf(overrides);
  }

  @Override
  public String name() {
    return NAME;
  }

  private boolean continuousWants(String method) {
    return config.continuousMethods().contains(method);
  }

  /**
   * The Doane histogram serves jensen_shannon, hellinger, psi, and the distributions table
   * (always).
   */
  private boolean binnedMethods() {
    return !config.continuousMethods().isEmpty();
  }

  private boolean cdfMethods() {
    return continuousWants("kolmogorov_smirnov") || continuousWants("wasserstein");
  }

  @Override
  public List<StateSpec> referenceSpecs() {
    List<StateSpec> specs = new ArrayList<>();
    continuous.forEach(c -> specs.add(new Specs.MomentsOf(c)));
    categorical.forEach(c -> specs.add(new Specs.CategoriesOf(c)));
    return specs;
  }

  /** Whether KS/Wasserstein take the exact path for a reference of {@code n} values. */
  private boolean exactPath(long n) {
    return switch (config.calculationMethod()) {
      case EXACT -> n <= Quantiles.WHOLE_CAPACITY;
      case ESTIMATED -> false;
      case AUTO -> n < DriftMath.EXACT_BELOW;
    };
  }

  @Override
  public List<StateSpec> refinementSpecs(ChunkTable reference) {
    List<StateSpec> specs = new ArrayList<>();
    for (String c : continuous) {
      specs.addAll(columnSpecs(reference, c));
    }
    return specs;
  }

  /**
   * The continuous column's fitted specs: Doane histogram, CDF histogram(s), exact values (as
   * needed).
   */
  private List<StateSpec> columnSpecs(ChunkTable reference, String c) {
    Map<String, double[]> doane = new LinkedHashMap<>();
    Map<String, double[]> ks = new LinkedHashMap<>();
    Map<String, double[]> wasserstein = new LinkedHashMap<>();
    boolean anyExact = false;
    for (String seg : reference.segments()) {
      Moments m = reference.whole(seg, new Specs.MomentsOf(c));
      if (m.n() == 0) {
        continue;
      }
      doane.put(
          Specs.key(seg),
          DriftMath.doaneBins(m.n(), m.min(), m.max(), m.populationStd(), m.skewness()));
      ks.put(Specs.key(seg), DriftMath.ksBins(m.min(), m.max(), config.nBins()));
      wasserstein.put(Specs.key(seg), DriftMath.wassersteinBins(m.min(), m.max(), config.nBins()));
      anyExact |= exactPath(m.n());
    }
    List<StateSpec> specs = new ArrayList<>();
    if (binnedMethods()) {
      specs.add(new Specs.HistogramOf(c, "doane", doane));
    }
    if (cdfMethods()) {
      Specs.HistogramOf ksSpec = new Specs.HistogramOf(c, "ks", ks);
      Specs.HistogramOf wSpec = new Specs.HistogramOf(c, "wasserstein", wasserstein);
      boolean same =
          new Specs.HistogramOf(c, "x", ks).equals(new Specs.HistogramOf(c, "x", wasserstein));
      if (same) {
        specs.add(new Specs.HistogramOf(c, "cdf", ks));
      } else {
        if (continuousWants("kolmogorov_smirnov")) {
          specs.add(ksSpec);
        }
        if (continuousWants("wasserstein")) {
          specs.add(wSpec);
        }
      }
      if (anyExact) {
        specs.add(new Specs.QuantilesOf(c));
      }
    }
    return specs;
  }

  @Override
  public FittedCalculator fit(ChunkTable reference, dev.vigil.calculators.Learner learner) {
    return new Fitted(reference);
  }

  private final class Fitted extends dev.vigil.calculators.FittedBase {
    private final ChunkTable ref;
    private final Map<String, Bounds> bounds = new HashMap<>();

    Fitted(ChunkTable ref) {
      this.ref = ref;
      for (String c : continuous) {
        for (String purpose : List.of("doane", "cdf", "ks", "wasserstein")) {
          ref.find(
                  Specs.HistogramOf.class, s -> s.column().equals(c) && s.purpose().equals(purpose))
              .ifPresent(analysisSpecs::add);
        }
        ref.find(Specs.QuantilesOf.class, c).ifPresent(analysisSpecs::add);
      }
      categorical.forEach(c -> analysisSpecs.add(new Specs.CategoriesOf(c)));
      List<Value> values = values(ref);
      Map<String, List<Double>> byKey = new LinkedHashMap<>();
      for (Value v : values) {
        byKey
            .computeIfAbsent(key(v.segment, v.column, v.method), k -> new ArrayList<>())
            .add(v.value);
      }
      byKey.forEach(
          (k, vs) -> {
            String method = k.substring(k.lastIndexOf('\u0001') + 1);
            Threshold t = overrides.getOrDefault(method, DEFAULT_THRESHOLD);
            double[] arr = vs.stream().mapToDouble(Double::doubleValue).toArray();
            Double upperLimit = method.equals("kolmogorov_smirnov") ? 1.0 : null;
            bounds.put(
                k,
                method.equals("chi2")
                    ? Bounds.NONE
                    : plainBounds(t, arr).clip(0.0, upperLimit, LimitMode.CLIP));
          });
      referenceResults = measure(values);
    }

    @Override
    public List<Measurement> calculate(ChunkTable analysis) {
      return measure(values(analysis));
    }

    @Override
    public List<DistributionBin> distributions(ChunkTable t) {
      List<DistributionBin> out = new ArrayList<>();
      for (String seg : t.segments()) {
        for (int i = 0; i < t.chunks().size(); i++) {
          for (String c : continuous) {
            Histogram h = t.state(seg, i, histogramSpec(c, "doane"));
            long n = h.n();
            double[] edges = h.edges();
            long[] counts = h.counts();
            for (int b = 0; b < counts.length; b++) {
              out.add(
                  new DistributionBin(
                      c,
                      seg,
                      i,
                      "continuous",
                      String.valueOf(b),
                      edges[b],
                      edges[b + 1],
                      counts[b],
                      n == 0 ? 0.0 : (double) counts[b] / n));
            }
            if (h.below() > 0) {
              out.add(
                  new DistributionBin(
                      c,
                      seg,
                      i,
                      "continuous",
                      "below",
                      null,
                      edges[0],
                      h.below(),
                      (double) h.below() / n));
            }
            if (h.above() > 0) {
              out.add(
                  new DistributionBin(
                      c,
                      seg,
                      i,
                      "continuous",
                      "above",
                      edges[edges.length - 1],
                      null,
                      h.above(),
                      (double) h.above() / n));
            }
          }
          for (String c : categorical) {
            Map<String, Long> counts =
                t.<CategoryCounts>state(seg, i, new Specs.CategoriesOf(c)).counts();
            long n = counts.values().stream().mapToLong(Long::longValue).sum();
            for (var e : new TreeMap<>(counts).entrySet()) {
              out.add(
                  new DistributionBin(
                      c,
                      seg,
                      i,
                      "categorical",
                      e.getKey(),
                      null,
                      null,
                      e.getValue(),
                      n == 0 ? 0.0 : (double) e.getValue() / n));
            }
          }
        }
      }
      return out;
    }

    private List<Measurement> measure(List<Value> values) {
      List<Measurement> out = new ArrayList<>();
      for (Value v : values) {
        Bounds b = bounds.getOrDefault(key(v.segment, v.column, v.method), Bounds.NONE);
        boolean alert =
            v.method.equals("chi2")
                ? !Double.isNaN(v.pValue) && v.pValue < CHI2_ALPHA
                : b.alert(v.value, AlertRule.OUTSIDE);
        out.add(
            new Measurement(
                NAME,
                v.method,
                v.column,
                v.segment,
                v.chunk,
                Measurement.finite(v.value),
                Double.isNaN(v.pValue) ? null : v.pValue,
                null,
                null,
                null,
                null,
                b.lower(),
                b.upper(),
                alert));
      }
      return out;
    }

    private List<Value> values(ChunkTable t) {
      List<Value> out = new ArrayList<>();
      for (String seg : t.segments()) {
        for (String c : continuous) {
          continuousValues(t, seg, c, out);
        }
        for (String c : categorical) {
          categoricalValues(t, seg, c, out);
        }
      }
      return out;
    }

    private Specs.HistogramOf histogramSpec(String c, String... purposes) {
      for (String p : purposes) {
        var found =
            ref.find(Specs.HistogramOf.class, s -> s.column().equals(c) && s.purpose().equals(p));
        if (found.isPresent()) {
          return found.get();
        }
      }
      throw new IllegalStateException("no " + Arrays.toString(purposes) + " histogram for " + c);
    }

    private void continuousValues(ChunkTable t, String seg, String c, List<Value> out) {
      Moments whole = ref.whole(seg, new Specs.MomentsOf(c));
      long refN = whole.n();
      Histogram refDoane = binnedMethods() ? ref.whole(seg, histogramSpec(c, "doane")) : null;
      boolean exact = exactPath(refN);
      double[] refValues = null;
      if (cdfMethods() && exact && refN > 0) {
        Quantiles q = ref.whole(seg, new Specs.QuantilesOf(c));
        refValues = q.isExact() ? q.sortedValues() : null;
      }
      for (int i = 0; i < t.chunks().size(); i++) {
        for (String method : config.continuousMethods()) {
          double value;
          if (refN == 0) {
            value = Double.NaN;
          } else {
            value =
                switch (method) {
                  case "jensen_shannon", "hellinger", "psi" ->
                      binned(method, refDoane, t.state(seg, i, histogramSpec(c, "doane")));
                  case "kolmogorov_smirnov" ->
                      cdf(method, t, seg, i, c, refN, refValues, histogramSpec(c, "cdf", "ks"));
                  case "wasserstein" ->
                      cdf(
                          method,
                          t,
                          seg,
                          i,
                          c,
                          refN,
                          refValues,
                          histogramSpec(c, "cdf", "wasserstein"));
                  default ->
                      throw new IllegalArgumentException("not a continuous method: " + method);
                };
          }
          out.add(new Value(method, c, seg, i, value, Double.NaN));
        }
      }
    }

    /**
     * JS, Hellinger or PSI between the reference and chunk histograms on the Doane bins (+ leftover
     * bin).
     */
    private double binned(String method, Histogram reference, Histogram chunk) {
      long n = chunk.n();
      if (n == 0) {
        return Double.NaN;
      }
      double[][] pq =
          DriftMath.withLeftover(
              DriftMath.proportions(reference.counts(), reference.n()),
              DriftMath.proportions(chunk.counts(), n));
      return switch (method) {
        case "jensen_shannon" -> DriftMath.jensenShannon(pq[0], pq[1]);
        case "hellinger" -> DriftMath.hellinger(pq[0], pq[1]);
        default -> DriftMath.psi(pq[0], pq[1]);
      };
    }

    /**
     * KS or Wasserstein: exact on sorted values when the reference is small and the chunk kept its
     * values.
     */
    private double cdf(
        String method,
        ChunkTable t,
        String seg,
        int i,
        String c,
        long refN,
        double[] refValues,
        Specs.HistogramOf spec) {
      if (refValues != null) {
        Quantiles q = t.state(seg, i, new Specs.QuantilesOf(c));
        if (q.n() == 0) {
          return Double.NaN;
        }
        if (q.isExact()) {
          double[] chunk = q.sortedValues();
          return method.equals("kolmogorov_smirnov")
              ? DriftMath.ksExact(refValues, chunk)
              : DriftMath.wassersteinExact(refValues, chunk);
        }
        LOG.warn(
            "{}[{}] chunk {}: more than {} values, binned path instead of the exact one",
            method,
            c,
            i,
            Quantiles.CHUNK_CAPACITY);
      }
      Histogram reference = ref.whole(seg, spec);
      Histogram chunk = t.state(seg, i, spec);
      long n = chunk.n();
      if (n == 0) {
        return Double.NaN;
      }
      return method.equals("kolmogorov_smirnov")
          ? DriftMath.ksBinned(reference.counts(), refN, chunk.counts(), chunk.below(), n)
          : DriftMath.wassersteinBinned(
              reference.edges(),
              reference.counts(),
              refN,
              chunk.counts(),
              chunk.below(),
              chunk.sumBelow(),
              chunk.above(),
              chunk.sumAbove(),
              n);
    }

    private void categoricalValues(ChunkTable t, String seg, String c, List<Value> out) {
      CategoryCounts whole = ref.whole(seg, new Specs.CategoriesOf(c));
      TreeMap<String, Long> refCounts = new TreeMap<>(whole.counts());
      long refN = refCounts.values().stream().mapToLong(Long::longValue).sum();
      for (int i = 0; i < t.chunks().size(); i++) {
        CategoryCounts chunk = t.state(seg, i, new Specs.CategoriesOf(c));
        Map<String, Long> counts = chunk.counts();
        long n = counts.values().stream().mapToLong(Long::longValue).sum();
        for (String method : config.categoricalMethods()) {
          double value = Double.NaN;
          double p = Double.NaN;
          if (n > 0 && refN > 0) {
            switch (method) {
              case "jensen_shannon", "hellinger", "psi" -> {
                double[] pr = new double[refCounts.size()];
                double[] qr = new double[refCounts.size()];
                int k = 0;
                for (var e : refCounts.entrySet()) {
                  pr[k] = (double) e.getValue() / refN;
                  qr[k] = (double) counts.getOrDefault(e.getKey(), 0L) / n;
                  k++;
                }
                double[][] pq = DriftMath.withLeftover(pr, qr);
                value =
                    method.equals("jensen_shannon")
                        ? DriftMath.jensenShannon(pq[0], pq[1])
                        : method.equals("hellinger")
                            ? DriftMath.hellinger(pq[0], pq[1])
                            : DriftMath.psi(pq[0], pq[1]);
              }
              case "l_infinity", "chi2" -> {
                TreeSet<String> union = new TreeSet<>(refCounts.keySet());
                union.addAll(counts.keySet());
                long[] a = new long[union.size()];
                long[] b = new long[union.size()];
                int k = 0;
                for (String cat : union) {
                  a[k] = refCounts.getOrDefault(cat, 0L);
                  b[k] = counts.getOrDefault(cat, 0L);
                  k++;
                }
                if (method.equals("chi2")) {
                  DriftMath.Test test = DriftMath.chi2(a, b);
                  value = test.statistic();
                  p = test.pValue();
                } else {
                  value =
                      DriftMath.lInfinity(
                          DriftMath.proportions(a, refN), DriftMath.proportions(b, n));
                }
              }
              default -> throw new IllegalArgumentException("not a categorical method: " + method);
            }
          }
          out.add(new Value(method, c, seg, i, value, p));
        }
      }
    }
  }

  /**
   * mean + k·σ as NannyML's StandardDeviationThreshold, but with a plain (not NaN-skipping) mean
   * and std.
   */
  private static Bounds plainBounds(Threshold t, double[] values) {
    for (double v : values) {
      if (Double.isNaN(v) && t instanceof Threshold.StandardDeviation) {
        return Bounds.NONE;
      }
    }
    return t.bounds(values);
  }

  private static String key(String segment, String column, String method) {
    return Specs.key(segment) + "\u0001" + column + "\u0001" + method;
  }

  private record Value(
      String method, String column, String segment, int chunk, double value, double pValue) {}
}
