package dev.vigil.quality;

import dev.vigil.calculators.Calculator;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedBase;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Learner;
import dev.vigil.calculators.Measurement;
import dev.vigil.stats.StateSpec;
import dev.vigil.thresholds.Bounds;
import dev.vigil.thresholds.MetricRule;
import dev.vigil.thresholds.ReferenceValues;
import dev.vigil.thresholds.Threshold;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * NannyML's data-quality checks and summary statistics per column and chunk: each configured {@link
 * QualityMetric} on the model level and on every selected column of a kind it applies to. Values,
 * sampling errors, thresholds and alert rules as NannyML 0.13.1 (docs/nannyml-semantics.md).
 */
public final class DataQualityCalculator implements Calculator {
    public static final String NAME = "data_quality";

    /** Each (column, metric) measured, the model level first, then the columns in order. */
    private final List<Measured> measured = new ArrayList<>();

    /** Each measured metric's rule, with its configured threshold, by name. */
    private final Map<String, MetricRule> rules = new HashMap<>();

    /** One metric on one column (or the model level). */
    private record Measured(QualityColumn column, QualityMetric metric) implements Serializable {}

    /**
     * @param metrics the metric names, among {@link QualityMetrics#NAMES} (measured in the registry's
     *     order)
     * @param overrides threshold per metric replacing NannyML's default (limits still apply)
     */
    public DataQualityCalculator(
            List<String> metrics, List<String> continuous, List<String> categorical, Map<String, Threshold> overrides) {
        List<QualityColumn> columns = new ArrayList<>();
        columns.add(QualityColumn.MODEL);
        continuous.forEach(c -> columns.add(QualityColumn.continuous(c)));
        categorical.forEach(c -> columns.add(QualityColumn.categorical(c)));
        for (QualityColumn column : columns) {
            for (QualityMetric metric : QualityMetrics.ALL) {
                if (metrics.contains(metric.name()) && metric.appliesTo(column.kind())) {
                    measured.add(new Measured(column, metric));
                    rules.put(metric.name(), metric.rule().overriddenBy(overrides, metric.name()));
                }
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Every measured metric's specs, each spec once (metrics share states, e.g. the moments). */
    private List<StateSpec> specs(Function<Measured, List<StateSpec>> of) {
        Set<StateSpec> specs = new LinkedHashSet<>();
        measured.forEach(m -> specs.addAll(of.apply(m)));
        return new ArrayList<>(specs);
    }

    @Override
    public List<StateSpec> referenceSpecs() {
        return specs(m -> m.metric.referenceSpecs(m.column));
    }

    /** e.g. the kernel density at the reference median, for the median's sampling error. */
    @Override
    public List<StateSpec> refinementSpecs(ChunkTable reference) {
        return specs(m -> m.metric.refinementSpecs(reference, m.column));
    }

    @Override
    public FittedCalculator fit(ChunkTable reference, Learner learner) {
        return new Fitted(reference);
    }

    /** One series of reference chunk values: a metric on a column in a segment. */
    private record Series(String segment, String metric, String column) implements Serializable {}

    private final class Fitted extends FittedBase {
        private final List<FittedMetric> fitted = new ArrayList<>();
        private final Map<Series, Bounds> bounds;

        Fitted(ChunkTable ref) {
            Set<StateSpec> specs = new LinkedHashSet<>();
            for (Measured m : measured) {
                FittedMetric f = FittedMetric.fit(m.metric, m.column, ref);
                fitted.add(f);
                if (f.spec() != null) {
                    specs.add(f.spec());
                }
            }
            analysisSpecs.addAll(specs);
            // reference chunk values give the thresholds, per segment, metric and column
            List<Value> refValues = values(ref, true);
            ReferenceValues<Series> series = new ReferenceValues<>();
            refValues.forEach(v -> series.add(v.series(), v.value));
            bounds = series.bounds(s -> rules.get(s.metric()));
            referenceResults = measure(refValues);
        }

        @Override
        public List<Measurement> calculate(ChunkTable analysis) {
            return measure(values(analysis, false));
        }

        private List<Measurement> measure(List<Value> values) {
            List<Measurement> out = new ArrayList<>();
            for (Value v : values) {
                Bounds b = bounds.getOrDefault(v.series(), Bounds.NONE);
                MetricRule rule = rules.get(v.metric);
                out.add(v.measurement(b, rule.alert(b, v.value), rule.confidenceBand(v.value, v.samplingError)));
            }
            return out;
        }

        /** Values and sampling errors of every metric, column, segment and chunk of one dataset. */
        private List<Value> values(ChunkTable t, boolean isReference) {
            List<Value> out = new ArrayList<>();
            for (String seg : t.segments()) {
                for (int i = 0; i < t.chunks().size(); i++) {
                    long n = t.rows(seg, i);
                    for (FittedMetric f : fitted) {
                        out.add(new Value(
                                f.metric().name(),
                                f.column().name(),
                                seg,
                                i,
                                f.value(t, seg, i, n, isReference),
                                f.samplingError(seg, n),
                                f.errorBound(t, seg, i, n, isReference),
                                f.note(t, seg, i, n, isReference)));
                    }
                }
            }
            return out;
        }
    }

    /** {@code errorBound}: NaN when the value is exact. */
    private record Value(
            String metric,
            String column,
            String segment,
            int chunk,
            double value,
            double samplingError,
            double errorBound,
            String note) {
        Series series() {
            return new Series(segment, metric, column);
        }

        /** With NannyML's confidence band (null where the metric has no sampling error). */
        Measurement measurement(Bounds bounds, boolean alert, double[] band) {
            Measurement m = new Measurement(
                    NAME,
                    metric,
                    column,
                    segment,
                    chunk,
                    Measurement.finite(value),
                    null,
                    Measurement.finite(samplingError),
                    null,
                    Measurement.finite(band[0]),
                    Measurement.finite(band[1]),
                    bounds.lower(),
                    bounds.upper(),
                    alert,
                    note);
            return Double.isNaN(errorBound) ? m : m.approximated(errorBound);
        }
    }
}
