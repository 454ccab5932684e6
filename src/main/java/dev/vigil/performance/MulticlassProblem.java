package dev.vigil.performance;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.internal.Sql;
import dev.vigil.performance.ClassCounts.Cells;
import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.stats.ValueCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Multiclass classification, one-vs-rest and macro-averaged as NannyML
 * (docs/nannyml-realized-performance.md §2, §4.2): a (target, prediction) pair count per row; per
 * class the class score of its rows and of the others' rows, and its 0/1 indicator for CBPE's
 * calibration decision; CBPE's calibrated expectations in a second reference pass ({@link
 * MulticlassExpected}). Classes are the score mapping's labels, sorted; targets and predictions are
 * compared with them as strings.
 */
record MulticlassProblem(List<String> classes, List<String> scoreColumns, String target, String prediction)
        implements ClassificationProblem<MulticlassProblem.States, MulticlassExpected> {
    static final String CELL = "_vigil_mc_cell";
    static final String SEP = "\u0001";

    /**
     * @param scores class label → score column
     */
    static MulticlassProblem of(Map<String, String> scores, String target, String prediction) {
        List<String> classes = scores.keySet().stream().sorted().toList();
        return new MulticlassProblem(classes, classes.stream().map(scores::get).toList(), target, prediction);
    }

    static String pos(int c) {
        return "_vigil_mc_pos_" + c;
    }

    static String neg(int c) {
        return "_vigil_mc_neg_" + c;
    }

    static String is(int c) {
        return "_vigil_mc_is_" + c;
    }

    @Override
    public Map<String, String> derivedColumns() {
        Map<String, String> d = new LinkedHashMap<>();
        String y = "cast(" + Sql.quote(target) + " as string)";
        String p = "cast(" + Sql.quote(prediction) + " as string)";
        d.put(CELL, Problem.unlessMissing(y, p, "ELSE concat(" + y + ", char(1), " + p + ")"));
        for (int c = 0; c < classes.size(); c++) {
            String label = Sql.literal(classes.get(c));
            String s = "cast(" + Sql.quote(scoreColumns.get(c)) + " as double)";
            d.put(pos(c), "CASE WHEN " + y + " = " + label + " THEN " + s + " END");
            d.put(neg(c), "CASE WHEN " + y + " <> " + label + " THEN " + s + " END");
            d.put(is(c), "CASE WHEN " + y + " IS NULL THEN NULL WHEN " + y + " = " + label + " THEN 1.0 ELSE 0.0 END");
        }
        return d;
    }

    @Override
    public List<StateSpec> specs() {
        List<StateSpec> specs = new ArrayList<>();
        specs.add(new Specs.CategoriesOf(CELL, false));
        for (int c = 0; c < classes.size(); c++) {
            specs.add(new Specs.ValueCountsOf(pos(c)));
            specs.add(new Specs.ValueCountsOf(neg(c)));
        }
        return specs;
    }

    @Override
    public States view(Where at) {
        return new States(at, classes, Pairs.of(at.state(new Specs.CategoriesOf(CELL, false))));
    }

    @Override
    public List<? extends Measure<States, MulticlassExpected>> measuresOf(
            PerformanceMetric metric, RealizedPerformanceConfig settings) {
        return metric.multiclass(settings, classes);
    }

    @Override
    public List<CalibratedScore> calibratedScores() {
        List<CalibratedScore> out = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            out.add(new CalibratedScore(scoreColumns.get(c), is(c), pos(c), neg(c), " class " + classes.get(c)));
        }
        return out;
    }

    /** The second reference pass: the calibrated expectations of the reference chunks. */
    @Override
    public List<StateSpec> refinementSpecs(ChunkTable reference, Calibrator calibrator) {
        if (reference.find(MulticlassExpected.Of.class, s -> true).isPresent()) {
            return List.of();
        }
        Map<String, MulticlassExpected.Calibration> calibrations = new LinkedHashMap<>();
        for (String seg : reference.segments()) {
            List<Isotonic> calibrators = new ArrayList<>();
            for (CalibratedScore s : calibratedScores()) {
                calibrators.add(calibrator.fit(reference, seg, s));
            }
            calibrations.put(Specs.key(seg), new MulticlassExpected.Calibration(classes, calibrators));
        }
        return List.of(new MulticlassExpected.Of(scoreColumns, prediction, calibrations));
    }

    @Override
    public Estimates<MulticlassExpected> estimates(ChunkTable reference, Calibrator calibrator) {
        return new Expected(
                reference.find(MulticlassExpected.Of.class, s -> true).orElseThrow());
    }

    /** The calibrated expectations the refinement pass computed, and the analysis pass will. */
    private record Expected(MulticlassExpected.Of spec) implements Estimates<MulticlassExpected> {
        @Override
        public MulticlassExpected chunk(ChunkTable t, String segment, int chunk) {
            return t.state(segment, chunk, spec);
        }

        @Override
        public List<StateSpec> specs() {
            return List.of(spec);
        }
    }

    /**
     * NannyML's multiclass sampling error on a chunk of {@code n} rows from per-class components
     * {variance, share of the rows} (flattened): {@code √(Σ_c v_c / (n·f_c)) / K}.
     */
    static double macroSamplingError(double[] flat, long n) {
        int k = flat.length / 2;
        double sum = 0;
        for (int c = 0; c < k; c++) {
            sum += flat[2 * c] / (n * flat[2 * c + 1]);
        }
        return Math.sqrt(sum) / k;
    }

    /** (target, prediction) counts of a chunk. */
    record Pairs(Map<String, Map<String, Long>> counts, long n) {
        long count(String y, String p) {
            return counts.getOrDefault(y, Map.of()).getOrDefault(p, 0L);
        }

        Set<String> targets() {
            Set<String> out = new HashSet<>();
            counts.forEach(
                    (y, m) -> m.values().stream().filter(v -> v > 0).findAny().ifPresent(v -> out.add(y)));
            return out;
        }

        Set<String> predictions() {
            Set<String> out = new HashSet<>();
            counts.values()
                    .forEach(m -> m.forEach((p, v) -> {
                        if (v > 0) {
                            out.add(p);
                        }
                    }));
            return out;
        }

        static Pairs of(CategoryCounts cells) {
            Map<String, Map<String, Long>> out = new HashMap<>();
            long n = 0;
            for (var e : cells.counts().entrySet()) {
                int cut = e.getKey().indexOf(SEP);
                out.computeIfAbsent(e.getKey().substring(0, cut), k -> new HashMap<>())
                        .merge(e.getKey().substring(cut + 1), e.getValue(), Long::sum);
                n += e.getValue();
            }
            return new Pairs(out, n);
        }
    }

    /**
     * A chunk's pair counts and class scores (or the whole reference's).
     *
     * @param labels the classes
     */
    record States(Where at, List<String> labels, Pairs pairs) implements ClassCounts {
        /** The rows with a target and a prediction. */
        @Override
        public long rows() {
            return pairs.n();
        }

        @Override
        public int classes() {
            return labels.size();
        }

        @Override
        public double count(int trueClass, int predictedClass) {
            return pairs.count(labels.get(trueClass), labels.get(predictedClass));
        }

        /** The rows whose prediction is their target, whatever the labels. */
        @Override
        public double hits() {
            long hits = 0;
            for (var e : pairs.counts().entrySet()) {
                hits += e.getValue().getOrDefault(e.getKey(), 0L);
            }
            return hits;
        }

        /** NannyML: no value without two target classes and two predicted classes in the chunk. */
        @Override
        public boolean confusionDefined() {
            return pairs.n() > 0
                    && pairs.targets().size() >= 2
                    && pairs.predictions().size() >= 2;
        }

        @Override
        public Cells oneVsRest(int c) {
            String label = labels.get(c);
            double tp = pairs.count(label, label);
            double predicted = 0;
            double actual = 0;
            for (var e : pairs.counts().entrySet()) {
                actual += e.getKey().equals(label)
                        ? e.getValue().values().stream()
                                .mapToLong(Long::longValue)
                                .sum()
                        : 0;
                predicted += e.getValue().getOrDefault(label, 0L);
            }
            double fp = predicted - tp;
            double fn = actual - tp;
            return new Cells(tp, fp, fn, pairs.n() - tp - fp - fn);
        }

        /** Whether every class is among the chunk's targets. */
        boolean targetsAreTheClasses() {
            return pairs.targets().equals(new HashSet<>(labels));
        }

        /** Class c's scores on its rows. */
        ValueCounts positives(int c) {
            return at.state(new Specs.ValueCountsOf(pos(c)));
        }

        /** Class c's scores on the other rows. */
        ValueCounts negatives(int c) {
            return at.state(new Specs.ValueCountsOf(neg(c)));
        }
    }
}
