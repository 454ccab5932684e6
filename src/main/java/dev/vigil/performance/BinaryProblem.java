package dev.vigil.performance;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.internal.Sql;
import dev.vigil.performance.ClassCounts.Cells;
import dev.vigil.performance.ClassificationMath.Confusion;
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
import java.util.function.DoubleUnaryOperator;

/**
 * Binary classification's states: the confusion cell of each row (category counts of {@code 2·y +
 * ŷ}) and, with a score column, the scores of the positives and of the negatives (exact value
 * counts); CBPE adds the scores of the rows predicted 1 and 0. Rows without a target (or a
 * prediction) are left out of the realized states.
 *
 * @param score the score column (null: none)
 */
record BinaryProblem(String target, String prediction, String score)
        implements ClassificationProblem<BinaryProblem.States, Cbpe.Chunk> {
    static final String CELL = "_vigil_cm";
    static final String POS = "_vigil_score_pos";
    static final String NEG = "_vigil_score_neg";
    static final String PRED1 = "_vigil_score_pred1";
    static final String PRED0 = "_vigil_score_pred0";

    @Override
    public Map<String, String> derivedColumns() {
        String y = Sql.quote(target);
        String p = Sql.quote(prediction);
        Map<String, String> d = new LinkedHashMap<>();
        d.put(
                CELL,
                Problem.unlessMissing(
                        y, p, "ELSE cast(cast(" + y + " as int) * 2 + cast(" + p + " as int) as string)"));
        if (score != null) {
            d.put(POS, scoreWhere(target, 1));
            d.put(NEG, scoreWhere(target, 0));
        }
        return d;
    }

    /** The score of the rows whose {@code column} is {@code value}. */
    private String scoreWhere(String column, int value) {
        String c = Sql.quote(column);
        String s = "cast(" + Sql.quote(score) + " as double)";
        return "CASE WHEN " + c + " IS NOT NULL AND cast(" + c + " as int) = " + value + " THEN " + s + " END";
    }

    @Override
    public List<StateSpec> specs() {
        List<StateSpec> specs = new ArrayList<>();
        specs.add(new Specs.CategoriesOf(CELL, false));
        if (score != null) {
            specs.add(new Specs.ValueCountsOf(POS));
            specs.add(new Specs.ValueCountsOf(NEG));
        }
        return specs;
    }

    @Override
    public States view(Where at) {
        CategoryCounts cells = at.state(new Specs.CategoriesOf(CELL, false));
        Map<String, Long> m = cells.counts();
        Confusion c = new Confusion(
                m.getOrDefault("0", 0L), m.getOrDefault("1", 0L), m.getOrDefault("2", 0L), m.getOrDefault("3", 0L));
        return new States(at, c, c.cells());
    }

    @Override
    public List<? extends Measure<States, Cbpe.Chunk>> measuresOf(
            PerformanceMetric metric, RealizedPerformanceConfig settings) {
        return metric.binary(settings);
    }

    @Override
    public Map<String, String> estimateColumns() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(PRED1, scoreWhere(prediction, 1));
        d.put(PRED0, scoreWhere(prediction, 0));
        return d;
    }

    @Override
    public List<StateSpec> estimateSpecs() {
        return List.of(new Specs.ValueCountsOf(PRED1), new Specs.ValueCountsOf(PRED0));
    }

    @Override
    public List<CalibratedScore> calibratedScores() {
        return List.of(new CalibratedScore(score, target, POS, NEG, ""));
    }

    @Override
    public Problem.Estimates<Cbpe.Chunk> estimates(ChunkTable reference, Calibrator calibrator) {
        Map<String, Isotonic> calibration = new HashMap<>();
        Set<String> gridded = new HashSet<>();
        for (String seg : reference.segments()) {
            Isotonic iso = calibrator.fit(reference, seg, calibratedScores().get(0));
            if (iso != null) {
                calibration.put(Specs.key(seg), iso);
                if (!reference
                                .<ValueCounts>whole(seg, new Specs.ValueCountsOf(POS))
                                .isExact()
                        || !reference
                                .<ValueCounts>whole(seg, new Specs.ValueCountsOf(NEG))
                                .isExact()) {
                    gridded.add(Specs.key(seg));
                }
            }
        }
        return new Calibrated(calibration, Set.copyOf(gridded));
    }

    /**
     * Each segment's isotonic calibrator (absent: the scores are used as they are), and the segments
     * whose calibrator was fitted on scores rounded to the grid.
     */
    private record Calibrated(Map<String, Isotonic> calibration, Set<String> gridded)
            implements Problem.Estimates<Cbpe.Chunk> {
        /** A chunk's scores with their rows predicted 0 and 1, calibrated once. */
        @Override
        public Cbpe.Chunk chunk(ChunkTable t, String segment, int i) {
            Isotonic iso = calibration.get(Specs.key(segment));
            DoubleUnaryOperator cal = iso == null ? DoubleUnaryOperator.identity() : iso::predict;
            ValueCounts zeroCounts = t.state(segment, i, new Specs.ValueCountsOf(PRED0));
            ValueCounts oneCounts = t.state(segment, i, new Specs.ValueCountsOf(PRED1));
            ValueCounts.Sorted zero = zeroCounts.sortedArrays();
            ValueCounts.Sorted one = oneCounts.sortedArrays();
            Cbpe.Groups groups = Cbpe.Groups.of(zero.values(), zero.counts(), one.values(), one.counts(), cal);
            return new Cbpe.Chunk(
                    groups,
                    Cbpe.expected(groups),
                    zeroCounts.isExact() && oneCounts.isExact() && !gridded.contains(Specs.key(segment)));
        }
    }

    /**
     * A chunk's confusion counts and score counts (or the whole reference's).
     *
     * @param cells the confusion counts as the positive class's cells
     */
    record States(Where at, Confusion confusion, Cells cells) implements ClassCounts.Binary {
        /** The scores of the positives. */
        ValueCounts positives() {
            return at.state(new Specs.ValueCountsOf(POS));
        }

        ValueCounts negatives() {
            return at.state(new Specs.ValueCountsOf(NEG));
        }

        /** The rows with a target and a score. */
        long scoredRows() {
            return positives().n() + negatives().n();
        }

        /** The rows with a target and a prediction. */
        @Override
        public long rows() {
            return confusion.n();
        }
    }
}
