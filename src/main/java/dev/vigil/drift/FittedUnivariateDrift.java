package dev.vigil.drift;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.DistributionBin;
import dev.vigil.calculators.FittedBase;
import dev.vigil.calculators.Measurement;
import dev.vigil.drift.DriftMethod.Statistic;
import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.Histogram;
import dev.vigil.stats.Moments;
import dev.vigil.stats.Quantiles;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.thresholds.Bounds;
import dev.vigil.thresholds.MetricRule;
import dev.vigil.thresholds.ReferenceValues;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Univariate drift fitted on the reference: each method's thresholds from its values on the
 * reference chunks ({@link DriftMethod#rule}), and per chunk each method's statistic on the states
 * its input needs, with its alert ({@link DriftMethod#alert}).
 */
final class FittedUnivariateDrift extends FittedBase {
    private static final Logger LOG = LoggerFactory.getLogger(FittedUnivariateDrift.class);

    private final UnivariateDriftCalculator calc;
    private final ChunkTable ref;
    private final Map<String, MetricRule> rules = new HashMap<>();
    private final Map<Series, Bounds> bounds;

    /** One method's values on one column of one segment. */
    private record Series(String segment, String column, String method) implements Serializable {}

    FittedUnivariateDrift(UnivariateDriftCalculator calc, ChunkTable ref) {
        this.calc = calc;
        this.ref = ref;
        for (String c : calc.continuous) {
            for (String purpose : ContinuousInput.allPurposes()) {
                ref.find(
                                Specs.HistogramOf.class,
                                s -> s.column().equals(c) && s.purpose().equals(purpose))
                        .ifPresent(analysisSpecs::add);
            }
            ref.find(Specs.QuantilesOf.class, c).ifPresent(analysisSpecs::add);
        }
        calc.categorical.forEach(c -> analysisSpecs.add(new Specs.CategoriesOf(c)));
        for (DriftMethod m : calc.continuousMethods) {
            rules.put(m.key(), m.rule(calc.overrides.get(m.key())));
        }
        for (DriftMethod m : calc.categoricalMethods) {
            rules.put(m.key(), m.rule(calc.overrides.get(m.key())));
        }
        List<Value> values = values(ref, true);
        ReferenceValues<Series> referenceValues = new ReferenceValues<>();
        for (Value v : values) {
            // consecutive drift: the first reference chunk has no chunk before it, so no value
            if (!(calc.consecutive && v.chunk == 0)) {
                referenceValues.add(v.series(), v.statistic.value());
            }
        }
        bounds = referenceValues.bounds(s -> rules.get(s.method));
        referenceResults = measure(values, true);
    }

    @Override
    public List<Measurement> calculate(ChunkTable analysis) {
        return measure(values(analysis, false), false);
    }

    @Override
    public List<DistributionBin> distributions(ChunkTable t) {
        return DriftDistributions.of(
                t, calc.continuous, calc.categorical, c -> histogramSpec(c, ContinuousInput.DOANE_HISTOGRAM));
    }

    /**
     * The measurements of {@code values}: each method's alert (on thresholds, or for the methods
     * alerting on a p-value the configured correction across each chunk's tests), then per chunk and
     * segment the drift share.
     */
    private List<Measurement> measure(List<Value> values, boolean isReference) {
        boolean[] alerts = alerts(values);
        List<Measurement> out = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            Value v = values.get(k);
            Bounds b = bounds.getOrDefault(v.series(), Bounds.NONE);
            Statistic s = v.statistic;
            Measurement m = new Measurement(
                    calc.name(),
                    v.method.key(),
                    v.column,
                    v.segment,
                    v.chunk,
                    Measurement.finite(s.value()),
                    Double.isNaN(s.pValue()) ? null : s.pValue(),
                    null,
                    null,
                    null,
                    null,
                    b.lower(),
                    b.upper(),
                    alerts[k],
                    calc.consecutive && isReference && v.chunk == 0
                            ? calc.name() + " is null: the first reference chunk has no chunk before it"
                            : null);
            out.add(s.approximate() ? m.approximated(s.errorBound()) : m);
        }
        out.addAll(DriftShare.of(calc.name(), values, alerts, calc.config.driftShare()));
        return out;
    }

    /** Each value's alert; the p-value methods' by chunk and segment under the correction. */
    private boolean[] alerts(List<Value> values) {
        boolean[] alerts = new boolean[values.size()];
        Map<List<Object>, List<Integer>> tests = new LinkedHashMap<>();
        for (int k = 0; k < values.size(); k++) {
            Value v = values.get(k);
            if (v.method.alertsOnPValue()) {
                tests.computeIfAbsent(Arrays.asList(v.segment, v.chunk), x -> new ArrayList<>())
                        .add(k);
            } else {
                Bounds b = bounds.getOrDefault(v.series(), Bounds.NONE);
                alerts[k] = v.method.alert(rules.get(v.method.key()), b, v.statistic);
            }
        }
        for (List<Integer> family : tests.values()) {
            double[] p = family.stream()
                    .mapToDouble(k -> values.get(k).statistic.pValue())
                    .toArray();
            boolean[] a = calc.config.pValueCorrection().alerts(p, calc.config.alpha());
            for (int i = 0; i < a.length; i++) {
                alerts[family.get(i)] = a[i];
            }
        }
        return alerts;
    }

    private List<Value> values(ChunkTable t, boolean isReference) {
        List<Value> out = new ArrayList<>();
        for (String seg : t.segments()) {
            for (String c : calc.continuous) {
                if (calc.consecutive) {
                    consecutiveContinuous(t, isReference, seg, c, out);
                } else {
                    continuousValues(t, seg, c, out);
                }
            }
            for (String c : calc.categorical) {
                categoricalValues(t, isReference, seg, c, out);
            }
        }
        return out;
    }

    /**
     * Consecutive drift's baseline for chunk {@code i} of {@code t}: the chunk before it, for the
     * first analysis chunk the last reference chunk; null for the first reference chunk.
     */
    private <S extends ColumnState> S previous(ChunkTable t, boolean isReference, String seg, int i, StateSpec spec) {
        if (i > 0) {
            return t.state(seg, i - 1, spec);
        }
        return isReference || ref.chunks().isEmpty()
                ? null
                : ref.state(seg, ref.chunks().size() - 1, spec);
    }

    /**
     * Consecutive drift on a continuous column: exact on both chunks' sorted values where the exact
     * path is taken and both kept them, else on the reference's bins, the previous chunk's values in
     * the bins standing for the baseline (approximate, without a known bound, when some of them lie
     * outside the reference's range, which the bins leave out).
     */
    private void consecutiveContinuous(ChunkTable t, boolean isReference, String seg, String c, List<Value> out) {
        var quantiles = ref.find(Specs.QuantilesOf.class, c);
        for (int i = 0; i < t.chunks().size(); i++) {
            // both chunks' sorted values, once per chunk, when both kept them
            ContinuousSample exact = null;
            if (quantiles.isPresent()) {
                Quantiles before = previous(t, isReference, seg, i, quantiles.get());
                Quantiles now = t.state(seg, i, quantiles.get());
                if (before != null && before.isExact() && now.isExact() && before.n() > 0 && now.n() > 0) {
                    exact = ContinuousSample.exact(before.n(), before.sortedValues(), now.sortedValues());
                }
            }
            for (DriftMethod method : calc.continuousMethods) {
                Statistic s = method.input().exactPath && exact != null
                        ? method.measuredStatistic(exact)
                        : consecutiveBinned(method, t, isReference, seg, i, c);
                out.add(new Value(method, c, seg, i, s));
            }
        }
    }

    private Statistic consecutiveBinned(
            DriftMethod method, ChunkTable t, boolean isReference, String seg, int i, String c) {
        Specs.HistogramOf spec = histogramSpec(c, method.input());
        Histogram before = previous(t, isReference, seg, i, spec);
        Histogram now = t.state(seg, i, spec);
        long inBins = before == null ? 0 : before.n() - before.below() - before.above();
        if (inBins == 0 || now.n() == 0) {
            return Statistic.of(Double.NaN);
        }
        Statistic s = method.measuredStatistic(ContinuousSample.binned(inBins, before, now));
        return before.below() + before.above() > 0 ? s.within(Measurement.NO_KNOWN_BOUND) : s;
    }

    /** The histogram the reference scans computed for {@code input} on column {@code c}. */
    private Specs.HistogramOf histogramSpec(String c, ContinuousInput input) {
        for (String p : input.purposes()) {
            var found = ref.find(
                    Specs.HistogramOf.class,
                    s -> s.column().equals(c) && s.purpose().equals(p));
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new IllegalStateException("no " + input.purposes() + " histogram for " + c);
    }

    private void continuousValues(ChunkTable t, String seg, String c, List<Value> out) {
        long refN = ref.<Moments>whole(seg, new Specs.MomentsOf(c)).n();
        double[] refValues = null;
        if (!calc.inputsRead(true).isEmpty() && calc.exactPath(refN) && refN > 0) {
            Quantiles q = ref.whole(seg, new Specs.QuantilesOf(c));
            refValues = q.isExact() ? q.sortedValues() : null;
        }
        for (int i = 0; i < t.chunks().size(); i++) {
            for (DriftMethod method : calc.continuousMethods) {
                Statistic value =
                        refN == 0 ? Statistic.of(Double.NaN) : continuous(method, t, seg, i, c, refN, refValues);
                out.add(new Value(method, c, seg, i, value));
            }
        }
    }

    /**
     * The method's value on chunk {@code i}: on the exact path when its input has one, the reference
     * kept its values ({@code refValues}) and so did the chunk; else on its histogram. NaN for an
     * empty chunk.
     */
    private Statistic continuous(
            DriftMethod method, ChunkTable t, String seg, int i, String c, long refN, double[] refValues) {
        if (method.input().exactPath && refValues != null) {
            Quantiles q = t.state(seg, i, new Specs.QuantilesOf(c));
            if (q.n() == 0) {
                return Statistic.of(Double.NaN);
            }
            if (q.isExact()) {
                return method.measuredStatistic(ContinuousSample.exact(refN, refValues, q.sortedValues()));
            }
            LOG.warn(
                    "{}[{}] chunk {}: more than {} values, binned path instead of the exact one",
                    method.key(),
                    c,
                    i,
                    q.capacity());
        }
        Specs.HistogramOf spec = histogramSpec(c, method.input());
        Histogram chunk = t.state(seg, i, spec);
        if (chunk.n() == 0) {
            return Statistic.of(Double.NaN);
        }
        return method.measuredStatistic(ContinuousSample.binned(refN, ref.whole(seg, spec), chunk));
    }

    private void categoricalValues(ChunkTable t, boolean isReference, String seg, String c, List<Value> out) {
        Specs.CategoriesOf spec = new Specs.CategoriesOf(c);
        CategoryCounts reference = ref.whole(seg, spec);
        TreeMap<String, Long> referenceCounts = new TreeMap<>(reference.counts());
        for (int i = 0; i < t.chunks().size(); i++) {
            // the baseline: the whole reference, or for consecutive drift the chunk before
            CategoryCounts whole = reference;
            TreeMap<String, Long> refCounts = referenceCounts;
            if (calc.consecutive) {
                CategoryCounts before = previous(t, isReference, seg, i, spec);
                whole = before == null ? new CategoryCounts() : before;
                refCounts = new TreeMap<>(whole.counts());
            }
            CategoryCounts chunk = t.state(seg, i, spec);
            CategorySample sample = CategorySample.of(refCounts, chunk.counts());
            // on a sketch the kept values' counts are lower bounds and the rest is one category:
            // approximate, with no bound known for the categorical statistics
            boolean sketched = !whole.isExact() || !chunk.isExact();
            for (DriftMethod method : calc.categoricalMethods) {
                Statistic s = sample.chunkN() > 0 && sample.referenceN() > 0
                        ? method.categorical(sample)
                        : Statistic.of(Double.NaN);
                out.add(new Value(method, c, seg, i, sketched ? s.within(Measurement.NO_KNOWN_BOUND) : s));
            }
        }
    }

    record Value(DriftMethod method, String column, String segment, int chunk, Statistic statistic) {
        Series series() {
            return new Series(Specs.key(segment), column, method.key());
        }
    }
}
