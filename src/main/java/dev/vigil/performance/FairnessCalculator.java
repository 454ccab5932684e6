package dev.vigil.performance;

import dev.vigil.calculators.Calculator;
import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.FittedBase;
import dev.vigil.calculators.FittedCalculator;
import dev.vigil.calculators.Learner;
import dev.vigil.calculators.Measurement;
import dev.vigil.internal.Sql;
import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.stats.ValueCounts;
import dev.vigil.thresholds.Bounds;
import dev.vigil.thresholds.MetricRule;
import dev.vigil.thresholds.ReferenceValues;
import dev.vigil.thresholds.Threshold;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * Fairness of a binary classifier per segment value ({@link FairnessMetrics}): per chunk, each
 * segment's rate against the same rate of the rest of the chunk, the rest's counts being the whole
 * population's minus the segment's (the scan already holds both groups, so no state or pass of its
 * own: the states are realized performance's confusion cells, the predictions' counts, and CBPE's
 * scores by prediction). Estimated values: the segment's expected cells under its own calibration and
 * the whole chunk's under the whole population's, both fitted on the reference as
 * estimated_performance fits them per segment ({@link EstimatedPerformanceCalculator#calibrator});
 * expectations add, so the rest's expected cells are the difference. Thresholds from the reference
 * chunks' realized values of the same difference (for the estimated ones too, as CBPE's), under
 * NannyML's standard rule; {@code column_name} is the segment's column(s), the part of its name
 * before '='.
 */
public final class FairnessCalculator implements Calculator {
    public static final String NAME = "fairness";
    /** The prediction as 0/1 text, null without one. */
    static final String PRED = "_vigil_pred";

    private static final Specs.CategoriesOf PREDICTIONS = new Specs.CategoriesOf(PRED, false);
    private static final Specs.CategoriesOf CELLS = new Specs.CategoriesOf(BinaryProblem.CELL, false);

    private final FairnessConfig config;
    private final String prediction;
    /** The confusion cells (and, with estimated metrics, the scores): null without a target. */
    private final BinaryProblem problem;

    private final boolean estimates;
    private final List<String> rowColumns;
    private final Map<String, Threshold> overrides;

    FairnessCalculator(
            FairnessConfig config,
            String target,
            String prediction,
            String score,
            List<String> rowColumns,
            Map<String, Threshold> overrides) {
        this.config = config;
        this.prediction = prediction;
        this.estimates = config.metrics().stream().anyMatch(FairnessMetrics::isEstimated);
        this.problem = target == null ? null : new BinaryProblem(target, prediction, estimates ? score : null);
        this.rowColumns = List.copyOf(rowColumns);
        this.overrides = Map.copyOf(overrides);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> derivedColumns() {
        Map<String, String> d = new LinkedHashMap<>();
        String p = Sql.quote(prediction);
        d.put(PRED, "CASE WHEN " + p + " IS NULL THEN NULL ELSE cast(cast(" + p + " as int) as string) END");
        if (problem != null) {
            d.putAll(problem.derivedColumns());
        }
        if (estimates) {
            d.putAll(problem.estimateColumns());
            d.put(EstimatedPerformanceCalculator.FOLD, EstimatedPerformanceCalculator.foldColumn(rowColumns));
        }
        return d;
    }

    private List<StateSpec> chunkSpecs() {
        List<StateSpec> specs = new ArrayList<>();
        specs.add(PREDICTIONS);
        if (problem != null) {
            specs.addAll(problem.specs());
        }
        if (estimates) {
            specs.addAll(problem.estimateSpecs());
        }
        return specs;
    }

    @Override
    public List<StateSpec> referenceSpecs() {
        List<StateSpec> specs = chunkSpecs();
        if (estimates) {
            specs.add(EstimatedPerformanceCalculator.folds(
                    problem.calibratedScores().get(0)));
        }
        return specs;
    }

    @Override
    public FittedCalculator fit(ChunkTable reference, Learner learner) {
        return new Fitted(reference);
    }

    /** The part of a segment's name before '=': its column, its crossed columns, or {@code slice}. */
    static String column(String segment) {
        int eq = segment.indexOf('=');
        return eq < 0 ? segment : segment.substring(0, eq);
    }

    /** A series of reference values: segment key and configured metric name. */
    private record Key(String segment, String metric) implements Serializable {}

    /** One metric's value on one segment and chunk. */
    private record Value(
            String metric,
            String segment,
            int chunk,
            double value,
            double samplingError,
            Double realized,
            String note,
            boolean approximate) {}

    /** The realized counts of a segment (null: the whole population) in chunk {@code i} (-1: all chunks). */
    private FairnessCounts counted(ChunkTable t, String segment, int i) {
        CategoryCounts predictions = state(t, segment, i, PREDICTIONS);
        Map<String, Long> p = predictions.counts();
        long ones = p.getOrDefault("1", 0L);
        long predicted = ones + p.getOrDefault("0", 0L);
        if (problem == null) {
            return new FairnessCounts(predicted, ones, 0, 0, 0, 0);
        }
        CategoryCounts cells = state(t, segment, i, CELLS);
        Map<String, Long> c = cells.counts();
        return new FairnessCounts(
                predicted,
                ones,
                c.getOrDefault("3", 0L),
                c.getOrDefault("1", 0L),
                c.getOrDefault("2", 0L),
                c.getOrDefault("0", 0L));
    }

    private static <S extends ColumnState> S state(ChunkTable t, String segment, int i, StateSpec s) {
        return i < 0 ? t.whole(segment, s) : t.state(segment, i, s);
    }

    private final class Fitted extends FittedBase {
        /**
         * Each reference segment's calibration of the scores, and the whole population's under the key
         * of null (absent: the scores as they are), as estimated_performance fits them.
         */
        private final Map<String, Isotonic> calibration = new HashMap<>();
        /** The segments whose calibration was fitted on scores rounded to the grid. */
        private final Set<String> gridded = new HashSet<>();

        private final Map<String, MetricRule> rules = new HashMap<>();
        /** The sampling-error components by segment and realized metric name. */
        private final Map<Key, double[]> components = new HashMap<>();

        private final Map<Key, Bounds> bounds;
        /** The reference's segments (keys). */
        private final Set<String> referenceSegments = new HashSet<>();

        Fitted(ChunkTable reference) {
            reference.segments().forEach(seg -> referenceSegments.add(Specs.key(seg)));
            analysisSpecs.addAll(chunkSpecs());
            if (estimates) {
                for (String seg : reference.segments()) {
                    Isotonic iso = EstimatedPerformanceCalculator.calibrator(
                            reference, seg, problem.calibratedScores().get(0), config.calibration(), NAME);
                    if (iso != null) {
                        calibration.put(Specs.key(seg), iso);
                        if (!(reference
                                        .<ValueCounts>whole(seg, new Specs.ValueCountsOf(BinaryProblem.POS))
                                        .isExact()
                                && reference
                                        .<ValueCounts>whole(seg, new Specs.ValueCountsOf(BinaryProblem.NEG))
                                        .isExact())) {
                            gridded.add(Specs.key(seg));
                        }
                    }
                }
            }
            for (String m : config.metrics()) {
                rules.put(m, FairnessMetrics.get(m).rule().overriddenBy(overrides.get(m)));
            }
            FairnessCounts whole = counted(reference, null, -1);
            for (String seg : reference.segments()) {
                if (seg == null) {
                    continue;
                }
                FairnessCounts s = counted(reference, seg, -1);
                FairnessCounts rest = whole.minus(s);
                for (FairnessMetric m : FairnessMetrics.ALL) {
                    components.put(new Key(Specs.key(seg), m.name()), m.component(s, rest));
                }
            }
            List<Value> onReference = values(reference);
            ReferenceValues<Key> values = new ReferenceValues<>();
            for (Value v : onReference) {
                // an estimate's thresholds come from the realized values, as CBPE's do
                double value = FairnessMetrics.isEstimated(v.metric())
                        ? (v.realized() == null ? Double.NaN : v.realized())
                        : v.value();
                values.add(new Key(Specs.key(v.segment()), v.metric()), value);
            }
            bounds = values.bounds(k -> rules.get(k.metric()));
            referenceResults = rows(onReference);
        }

        @Override
        public List<Measurement> calculate(ChunkTable analysis) {
            return rows(values(analysis));
        }

        /**
         * CBPE's expected counts of a segment's chunk under the segment's calibration (a segment the
         * reference did not have: the whole population's).
         */
        private Expected expected(ChunkTable t, String segment, int i) {
            String key = Specs.key(segment);
            if (!referenceSegments.contains(key)) {
                key = Specs.key(null);
            }
            Isotonic iso = calibration.get(key);
            DoubleUnaryOperator cal = iso == null ? DoubleUnaryOperator.identity() : iso::predict;
            ValueCounts zeroCounts = t.state(segment, i, new Specs.ValueCountsOf(BinaryProblem.PRED0));
            ValueCounts oneCounts = t.state(segment, i, new Specs.ValueCountsOf(BinaryProblem.PRED1));
            ValueCounts.Sorted zero = zeroCounts.sortedArrays();
            ValueCounts.Sorted one = oneCounts.sortedArrays();
            Cbpe.Expected e =
                    Cbpe.expected(Cbpe.Groups.of(zero.values(), zero.counts(), one.values(), one.counts(), cal));
            return new Expected(
                    new FairnessCounts(e.n(), e.tp() + e.fp(), e.tp(), e.fp(), e.fn(), e.tn()),
                    zeroCounts.isExact() && oneCounts.isExact() && !gridded.contains(key));
        }

        private List<Value> values(ChunkTable t) {
            List<Value> out = new ArrayList<>();
            for (String seg : t.segments()) {
                if (seg == null) {
                    continue;
                }
                for (int i = 0; i < t.chunks().size(); i++) {
                    FairnessCounts whole = counted(t, null, i);
                    FairnessCounts s = counted(t, seg, i);
                    FairnessCounts rest = whole.minus(s);
                    Expected wholeExpected = estimates ? expected(t, null, i) : null;
                    Expected segExpected = estimates ? expected(t, seg, i) : null;
                    for (String name : config.metrics()) {
                        FairnessMetric m = FairnessMetrics.get(name);
                        boolean estimated = FairnessMetrics.isEstimated(name);
                        FairnessCounts a = estimated ? segExpected.counts() : s;
                        FairnessCounts b = estimated ? wholeExpected.counts().minus(a) : rest;
                        double v = m.rate(a) - m.rate(b);
                        double[] k = components.get(new Key(Specs.key(seg), m.name()));
                        double se = Double.isNaN(v) || k == null
                                ? Double.NaN
                                : FairnessMetric.samplingError(k, m.base(a), m.base(b));
                        Double realized = null;
                        if (estimated) {
                            realized = Measurement.finite(m.rate(s) - m.rate(rest));
                        }
                        out.add(new Value(
                                name,
                                seg,
                                i,
                                v,
                                se,
                                realized,
                                Double.isNaN(v) ? undefined(name, m, a, b, estimated) : null,
                                estimated && !(segExpected.exact() && wholeExpected.exact())));
                    }
                }
            }
            return out;
        }

        private List<Measurement> rows(List<Value> values) {
            List<Measurement> out = new ArrayList<>();
            for (Value v : values) {
                MetricRule rule = rules.get(v.metric());
                Bounds b = bounds.getOrDefault(new Key(Specs.key(v.segment()), v.metric()), Bounds.NONE);
                boolean estimated = FairnessMetrics.isEstimated(v.metric());
                double[] band = estimated
                        ? rule.confidenceBand(v.value(), v.samplingError())
                        : new double[] {Double.NaN, Double.NaN};
                Measurement m = new Measurement(
                        NAME,
                        v.metric(),
                        column(v.segment()),
                        v.segment(),
                        v.chunk(),
                        Measurement.finite(v.value()),
                        null,
                        Measurement.finite(v.samplingError()),
                        v.realized(),
                        Measurement.finite(band[0]),
                        Measurement.finite(band[1]),
                        b.lower(),
                        b.upper(),
                        rule.alert(b, v.value()),
                        v.note());
                out.add(v.approximate() ? m.approximated(Measurement.NO_KNOWN_BOUND) : m);
            }
            return out;
        }
    }

    /** Why a difference is null: which group has nothing its rate is over. */
    static String undefined(
            String name, FairnessMetric m, FairnessCounts segment, FairnessCounts rest, boolean estimated) {
        String group;
        FairnessCounts g;
        if (m.over(segment) > 0) {
            group = "the rest of the chunk (the rows outside the segment)";
            g = rest;
        } else {
            group = "the segment";
            g = segment;
        }
        String what = m.base(g) == 0
                ? (estimated ? "rows with a score and a prediction" : baseWhat(m))
                : (estimated ? "expected " : "") + m.overWhat();
        return name + " is null: " + group + " has no " + what + " in this chunk";
    }

    private static String baseWhat(FairnessMetric m) {
        return m.needsTargets() ? "rows with a target and a prediction" : "rows with a prediction";
    }

    /** A chunk's expected counts, and whether they are exact (scores kept as they are). */
    private record Expected(FairnessCounts counts, boolean exact) {}
}
