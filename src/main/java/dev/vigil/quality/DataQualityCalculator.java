package dev.vigil.quality;

import dev.vigil.calculators.Calculator;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.DistributionBin;
import dev.vigil.calculators.FittedBase;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Learner;
import dev.vigil.calculators.Measurement;
import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.Specs;
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

    /** The profile ({@link ProfileMetrics}): the same calculator over the profile's metrics. */
    public static final String PROFILE = "profile";

    /** The most frequent values of each string column a profile writes to distributions. */
    public static final int FREQUENT_ITEMS = 10;

    private final String name;

    /** The string columns whose frequent items go to the distributions table (the profile's). */
    private final List<String> frequentItems = new ArrayList<>();

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
        this(NAME, QualityMetrics.ALL, metrics, continuous, categorical, overrides);
    }

    /** The profile over {@code metrics} among {@link ProfileMetrics#ALL} and the quantiles {@code q}. */
    public static DataQualityCalculator profile(
            List<String> metrics,
            List<Double> quantiles,
            List<String> continuous,
            List<String> categorical,
            Map<String, Threshold> overrides) {
        List<QualityMetric> registry = new ArrayList<>(ProfileMetrics.ALL);
        quantiles.forEach(q -> registry.add(ProfileMetrics.quantile(q)));
        List<String> measured = new ArrayList<>(metrics);
        quantiles.forEach(q -> measured.add(ProfileMetrics.quantileName(q)));
        DataQualityCalculator c =
                new DataQualityCalculator(PROFILE, registry, measured, continuous, categorical, overrides);
        c.frequentItems.addAll(categorical);
        return c;
    }

    private DataQualityCalculator(
            String name,
            List<QualityMetric> registry,
            List<String> metrics,
            List<String> continuous,
            List<String> categorical,
            Map<String, Threshold> overrides) {
        this.name = name;
        List<QualityColumn> columns = new ArrayList<>();
        columns.add(QualityColumn.MODEL);
        continuous.forEach(c -> columns.add(QualityColumn.continuous(c)));
        categorical.forEach(c -> columns.add(QualityColumn.categorical(c)));
        for (QualityColumn column : columns) {
            for (QualityMetric metric : registry) {
                if (metrics.contains(metric.name()) && metric.appliesTo(column.kind())) {
                    measured.add(new Measured(column, metric));
                    rules.put(metric.name(), metric.rule().overriddenBy(overrides, metric.name()));
                }
            }
        }
    }

    @Override
    public String name() {
        return name;
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

        /**
         * The profile's frequent items: per string column, segment and chunk, the {@value
         * #FREQUENT_ITEMS} most frequent values with their counts (kind {@code frequent_items}, bin
         * {@code frequent_item=<value>}; on a sketch, its lower bounds).
         */
        @Override
        public List<DistributionBin> distributions(ChunkTable t) {
            List<DistributionBin> out = new ArrayList<>();
            for (String c : frequentItems) {
                for (String seg : t.segments()) {
                    for (int chunk = 0; chunk < t.chunks().size(); chunk++) {
                        int i = chunk;
                        CategoryCounts counts = t.state(seg, i, new Specs.CategoriesOf(c));
                        long n = counts.rows() - counts.nulls();
                        counts.counts().entrySet().stream()
                                .filter(e -> !e.getKey().equals(CategoryCounts.OTHER))
                                .sorted(Map.Entry.<String, Long>comparingByValue()
                                        .reversed()
                                        .thenComparing(Map.Entry.comparingByKey()))
                                .limit(FREQUENT_ITEMS)
                                .forEach(e -> out.add(new DistributionBin(
                                        c,
                                        seg,
                                        i,
                                        "frequent_items",
                                        "frequent_item=" + e.getKey(),
                                        null,
                                        null,
                                        e.getValue(),
                                        n == 0 ? 0.0 : (double) e.getValue() / n)));
                    }
                }
            }
            return out;
        }

        private List<Measurement> measure(List<Value> values) {
            List<Measurement> out = new ArrayList<>();
            for (Value v : values) {
                Bounds b = bounds.getOrDefault(v.series(), Bounds.NONE);
                MetricRule rule = rules.get(v.metric);
                out.add(v.measurement(name, b, rule.alert(b, v.value), rule.confidenceBand(v.value, v.samplingError)));
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
                        double value = f.value(t, seg, i, n, isReference);
                        out.add(new Value(
                                f.metric().name(),
                                f.column().name(),
                                seg,
                                i,
                                value,
                                f.samplingError(seg, n),
                                f.errorBound(t, seg, i, n, isReference),
                                f.note(t, seg, i, n, isReference, value)));
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
        Measurement measurement(String calculator, Bounds bounds, boolean alert, double[] band) {
            Measurement m = new Measurement(
                    calculator,
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
