package dev.vigil.performance;

import dev.vigil.scan.RowSpec;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.DoubleCounts;
import dev.vigil.stats.RowState;
import java.util.List;
import java.util.TreeMap;

/**
 * Per distinct score, the negatives and positives of each of {@value #FOLDS} folds (a row's fold comes from a hash
 * of the row): what the calibration decision needs to cross-fit isotonic calibration without reference rows on
 * the driver. Exact up to {@link #CAPACITY} distinct scores, then on a grid of {@link #GRID} steps on [0, 1].
 * Rows without score or target are skipped.
 */
public final class FoldScoreCounts implements RowState {
  private static final long serialVersionUID = 1L;
  static final int FOLDS = 10;
  /** Distinct scores kept exactly; beyond, scores are rounded to {@link #GRID} steps on [0, 1]. */
  static final int CAPACITY = 10_000;
  /** The decision's coarse grid: 10 equal-count ECE bins need nowhere near the ranking metrics' 2^20 steps. */
  static final int GRID = 1 << 14;
  private DoubleCounts counts = new DoubleCounts(2 * FOLDS);
  private boolean exact = true;

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
    add(s, cell, 1);
  }

  private void add(double s, int cell, long by) {
    counts.add(exact ? s : onGrid(s), cell, by);
    if (exact && counts.size() > CAPACITY) {
      toGrid();
    }
  }

  static double onGrid(double x) {
    return Math.round(Math.max(0, Math.min(1, x)) * GRID) / (double) GRID;
  }

  private void toGrid() {
    DoubleCounts old = counts;
    counts = new DoubleCounts(2 * FOLDS);
    exact = false;
    old.forEach((k, c, o) -> {
      for (int i = 0; i < 2 * FOLDS; i++) {
        if (c[o + i] != 0) {
          counts.add(onGrid(k), i, c[o + i]);
        }
      }
    });
  }

  @Override
  public FoldScoreCounts merge(ColumnState o) {
    FoldScoreCounts b = (FoldScoreCounts) o;
    if (!b.exact && exact) {
      toGrid();
    }
    b.counts.forEach((k, c, off) -> {
      for (int i = 0; i < 2 * FOLDS; i++) {
        if (c[off + i] != 0) {
          add(k, i, c[off + i]);
        }
      }
    });
    return this;
  }

  public boolean isExact() {
    return exact;
  }

  /** Ascending score → {negatives, positives} per fold, fold f at {@code [2f, 2f+1]}. */
  public TreeMap<Double, long[]> sorted() {
    TreeMap<Double, long[]> out = new TreeMap<>();
    counts.forEach((k, c, o) -> out.put(k, java.util.Arrays.copyOfRange(c, o, o + 2 * FOLDS)));
    return out;
  }
}
