package dev.vigil.performance;

import dev.vigil.stats.BoundedCounts;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.RowSpec;
import dev.vigil.stats.RowState;
import java.util.List;
import java.util.TreeMap;

/**
 * Per distinct score, the negatives and positives of each of {@value #FOLDS} folds (a row's fold
 * comes from a hash of the row): what the calibration decision needs to cross-fit isotonic
 * calibration without reference rows on the driver. Exact up to {@link #CAPACITY} distinct scores,
 * then on a grid of {@link #GRID} steps on [0, 1]. Rows without score or target are skipped.
 */
public final class FoldScoreCounts implements RowState {
    private static final long serialVersionUID = 1L;
    static final int FOLDS = 10;

    /** Distinct scores kept exactly; beyond, scores are rounded to {@link #GRID} steps on [0, 1]. */
    static final int CAPACITY = 10_000;

    /**
     * The decision's coarse grid: 10 equal-count ECE bins need nowhere near the ranking metrics' 2^16
     * steps.
     */
    static final int GRID = 1 << 14;

    private final BoundedCounts counts = new BoundedCounts(2 * FOLDS, CAPACITY, GRID);

    /** Inputs: score, target (0/1), fold (0..9). */
    public record Of(String score, String target, String fold) implements RowSpec {
        public String column() {
            return score + ":folds";
        }

        public List<String> numericColumns() {
            return List.of(score, target, fold);
        }

        public List<String> stringColumns() {
            return List.of();
        }

        public ColumnState newState(String segment) {
            return new FoldScoreCounts();
        }
    }

    @Override
    public void addRow(double[] numbers, String[] strings) {
        double s = numbers[0];
        double y = numbers[1];
        if (Double.isNaN(s) || Double.isNaN(y)) {
            return;
        }
        int cell = (int) numbers[2] * 2 + (y == 1 ? 1 : 0);
        counts.add(s, cell, 1);
    }

    @Override
    public FoldScoreCounts merge(ColumnState o) {
        counts.merge(((FoldScoreCounts) o).counts);
        return this;
    }

    public boolean isExact() {
        return counts.isExact();
    }

    /** Ascending score → {negatives, positives} per fold, fold f at {@code [2f, 2f+1]}. */
    public TreeMap<Double, long[]> sorted() {
        return counts.sortedMap();
    }
}
