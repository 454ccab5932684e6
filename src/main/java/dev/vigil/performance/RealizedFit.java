package dev.vigil.performance;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedBase;
import dev.vigil.calculators.Measurement;
import dev.vigil.stats.Specs;
import dev.vigil.thresholds.Bounds;
import dev.vigil.thresholds.MetricRule;
import dev.vigil.thresholds.ReferenceValues;
import dev.vigil.thresholds.Threshold;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Realized performance fitted on the reference, and what CBPE and DLE take from it as NannyML's
 * estimators do: each measure's sampling-error component from the whole reference (per segment),
 * its rule with the configured override, its thresholds from the reference chunks' realized values
 * ({@link ReferenceValues}, {@link MetricRule#bounds}); the realized values of a table's chunks;
 * and the result rows of realized values and of estimates.
 */
final class RealizedFit<C extends Measure.Rows, E extends Measure.Rows> extends FittedBase {
    private static final Logger LOG = LoggerFactory.getLogger(RealizedFit.class);

    private final Problem<C, E> problem;
    private final List<Measure<C, E>> measures;
    private final Map<String, MetricRule> rules = new HashMap<>();
    private final Map<String, Map<String, double[]>> components = new HashMap<>();
    private final Map<Key, Bounds> bounds;

    /** A series of reference values: segment key and reported metric. */
    private record Key(String segment, String metric) implements Serializable {}

    /** A chunk's realized value or estimate of one measure, with its sampling error. */
    /** {@code undefined}: why a realized value is NaN on rows that exist (null: it is not). */
    /** {@code errorBound}: NaN when exact, +∞ when approximate without a known bound. */
    private record Value(
            Measure<?, ?> measure,
            String segment,
            int chunk,
            double value,
            double samplingError,
            String undefined,
            double errorBound) {}

    /**
     * @param overrides configured thresholds by metric name (a cell's own name wins over {@code
     *     confusion_matrix})
     */
    RealizedFit(
            Problem<C, E> problem,
            RealizedPerformanceConfig settings,
            Map<String, Threshold> overrides,
            ChunkTable reference) {
        this.problem = problem;
        this.measures = problem.measures(settings);
        for (Measure<C, E> m : measures) {
            Threshold own = overrides.get(m.name());
            rules.put(m.name(), m.rule().overriddenBy(own != null ? own : overrides.get(m.metric())));
        }
        for (String seg : reference.segments()) {
            C whole = problem.whole(reference, seg);
            Map<String, double[]> bySegment = new HashMap<>();
            for (Measure<C, E> m : measures) {
                bySegment.put(m.name(), m.component(whole));
            }
            components.put(Specs.key(seg), bySegment);
        }
        List<Value> onReference = realized(reference);
        ReferenceValues<Key> values = new ReferenceValues<>();
        for (Value v : onReference) {
            values.add(new Key(Specs.key(v.segment()), v.measure().name()), v.value());
        }
        bounds = values.bounds(k -> rules.get(k.metric()));
        analysisSpecs.addAll(problem.specs());
        referenceResults = rows(RealizedPerformanceCalculator.NAME, onReference, null);
    }

    @Override
    public List<Measurement> calculate(ChunkTable analysis) {
        return rows(RealizedPerformanceCalculator.NAME, realized(analysis), null);
    }

    private List<Value> realized(ChunkTable t) {
        return values(t, (seg, i) -> new Realized<>(problem.chunk(t, seg, i)));
    }

    /**
     * The estimates of a table's chunks ({@code calculator}'s result rows): each measure's estimate
     * from the chunk's inputs, its sampling error on the chunk's rows, the confidence band, the
     * realized value where the chunk has targets, the realized thresholds and the alert.
     *
     * @param realized the realized results of the same chunks ({@link #reference()} or {@link
     *     #calculate})
     */
    List<Measurement> estimates(
            String calculator, ChunkTable t, Problem.Estimates<E> inputs, List<Measurement> realized) {
        return rows(calculator, values(t, (seg, i) -> new Estimated<>(inputs.chunk(t, seg, i))), realized);
    }

    /** A chunk as the measures read it: realized from its states, or estimated from its inputs. */
    private interface Reading<C extends Measure.Rows, E extends Measure.Rows> {
        double value(Measure<C, E> m);

        /** The rows of the value's sampling error. */
        long rows(Measure<C, E> m);

        /** The bound on |value − exact value|: NaN when exact. */
        double errorBound(Measure<C, E> m);
    }

    private record Realized<C extends Measure.Rows, E extends Measure.Rows>(C chunk) implements Reading<C, E> {
        public double value(Measure<C, E> m) {
            return m.realized(chunk);
        }

        public long rows(Measure<C, E> m) {
            return m.rows(chunk);
        }

        public double errorBound(Measure<C, E> m) {
            return m.realizedErrorBound(chunk);
        }
    }

    private record Estimated<C extends Measure.Rows, E extends Measure.Rows>(E chunk) implements Reading<C, E> {
        /** NaN (a null value, no alert) for a chunk without a row to estimate from: no scores at all. */
        public double value(Measure<C, E> m) {
            return chunk.rows() == 0 ? Double.NaN : m.estimate(chunk);
        }

        public long rows(Measure<C, E> m) {
            return chunk.rows();
        }

        public double errorBound(Measure<C, E> m) {
            return chunk.rows() == 0 ? Double.NaN : m.estimateErrorBound(chunk);
        }
    }

    /**
     * Every measure's value on every chunk and segment, with its sampling error from the segment's
     * whole-reference component (NaN without rows, value or component).
     */
    private List<Value> values(ChunkTable t, BiFunction<String, Integer, Reading<C, E>> reading) {
        List<Value> out = new ArrayList<>();
        for (String seg : t.segments()) {
            Map<String, double[]> comp = components.getOrDefault(Specs.key(seg), Map.of());
            for (int i = 0; i < t.chunks().size(); i++) {
                Reading<C, E> chunk = reading.apply(seg, i);
                int first = out.size();
                List<String> withoutRows = new ArrayList<>();
                for (Measure<C, E> m : measures) {
                    double v = chunk.value(m);
                    double[] k = comp.get(m.name());
                    long n = chunk.rows(m);
                    double se = n == 0 || Double.isNaN(v) || k == null ? Double.NaN : m.samplingError(k, n);
                    String undefined = n > 0 && Double.isNaN(v) && chunk instanceof Realized
                            ? m.name() + " is null: " + m.undefinedBecause()
                            : null;
                    out.add(new Value(m, seg, i, v, se, undefined, chunk.errorBound(m)));
                    if (n == 0 && Double.isNaN(v)) {
                        withoutRows.add(m.name());
                    }
                }
                if (seg == null
                        && chunk instanceof Realized
                        && out.size() > first
                        && out.subList(first, out.size()).stream().allMatch(v -> Double.isNaN(v.value()))) {
                    LOG.info(
                            "{}: chunk {} has no rows with both a target and a prediction; its metrics are null",
                            RealizedPerformanceCalculator.NAME,
                            t.chunks().get(i).key());
                } else if (seg == null && chunk instanceof Realized && !withoutRows.isEmpty()) {
                    // some metrics read the prediction, others the score: the missing one's are null, said so
                    LOG.info(
                            "{}: chunk {} has no rows with both a target and the prediction or score that {} read;"
                                    + " those metrics are null",
                            RealizedPerformanceCalculator.NAME,
                            t.chunks().get(i).key(),
                            withoutRows);
                }
                if (seg == null) {
                    String key = t.chunks().get(i).key();
                    out.subList(first, out.size()).stream()
                            .filter(v -> v.undefined() != null)
                            .forEach(v -> LOG.warn(
                                    "{}: chunk {}: {}", RealizedPerformanceCalculator.NAME, key, v.undefined()));
                }
                if (seg == null
                        && chunk instanceof Estimated<C, E> e
                        && e.chunk().rows() == 0) {
                    LOG.info(
                            "{}: chunk {} has no rows with a score and a prediction to estimate from; its estimates"
                                    + " are null",
                            EstimatedPerformanceCalculator.NAME,
                            t.chunks().get(i).key());
                }
            }
        }
        return out;
    }

    /**
     * Result rows: the value and its sampling error (NaN stored as null), the thresholds and the
     * alert under the metric's rule; for estimates ({@code realized} given) also the confidence band
     * and the realized value.
     */
    private List<Measurement> rows(String calculator, List<Value> values, List<Measurement> realized) {
        Map<List<Object>, Double> realizedValues = new HashMap<>();
        if (realized != null) {
            for (Measurement m : realized) {
                realizedValues.put(List.of(Specs.key(m.segment()), m.metric(), m.chunkIndex()), m.value());
            }
        }
        List<Measurement> out = new ArrayList<>();
        for (Value v : values) {
            String metric = v.measure().name();
            MetricRule rule = rules.get(metric);
            Bounds b = bounds.getOrDefault(new Key(Specs.key(v.segment()), metric), Bounds.NONE);
            double[] band = realized == null
                    ? new double[] {Double.NaN, Double.NaN}
                    : rule.confidenceBand(v.value(), v.samplingError());
            Measurement m = new Measurement(
                    calculator,
                    metric,
                    null,
                    v.segment(),
                    v.chunk(),
                    Measurement.finite(v.value()),
                    null,
                    Measurement.finite(v.samplingError()),
                    realizedValues.get(List.of(Specs.key(v.segment()), metric, v.chunk())),
                    Measurement.finite(band[0]),
                    Measurement.finite(band[1]),
                    b.lower(),
                    b.upper(),
                    rule.alert(b, v.value()),
                    realized == null ? v.undefined() : null);
            out.add(Double.isNaN(v.errorBound()) ? m : m.approximated(v.errorBound()));
        }
        return out;
    }
}
