package dev.vigil.performance;

import dev.vigil.scan.RowSpec;
import dev.vigil.stats.ColumnState;
import dev.vigil.stats.RowState;
import dev.vigil.stats.ValueCounts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per distinct score, the negatives and positives of each of {@value #FOLDS} folds (a row's fold comes from a hash
 * of the row): what the calibration decision needs to cross-fit isotonic calibration without reference rows on
 * the driver. Exact up to {@link ValueCounts#CAPACITY} distinct scores, then on the same [0, 1] grid as
 * {@link ValueCounts}. Rows without score or target are skipped.
 */
public final class FoldScoreCounts implements RowState {
  private static final long serialVersionUID = 1L;
  static final int FOLDS = 10;
  private HashMap<Double, long[]> counts = new HashMap<>();
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
    double key = exact ? s : Math.round(Math.max(0, Math.min(1, s)) * ValueCounts.GRID) / (double) ValueCounts.GRID;
    long[] c = counts.get(key);
    if (c == null) {
      c = new long[2 * FOLDS];
      counts.put(key, c);
      if (exact && counts.size() > ValueCounts.CAPACITY) {
        c[cell] += by;
        toGrid();
        return;
      }
    }
    c[cell] += by;
  }

  private void toGrid() {
    HashMap<Double, long[]> old = counts;
    counts = new HashMap<>();
    exact = false;
    old.forEach((k, v) -> {
      for (int i = 0; i < v.length; i++) {
        if (v[i] != 0) {
          add(k, i, v[i]);
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
    b.counts.forEach((k, v) -> {
      for (int i = 0; i < v.length; i++) {
        if (v[i] != 0) {
          add(k, i, v[i]);
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
    for (Map.Entry<Double, long[]> e : counts.entrySet()) {
      out.put(e.getKey(), e.getValue().clone());
    }
    return out;
  }
}
