package dev.vigil.stats;

import java.util.HashMap;
import java.util.TreeMap;

/**
 * Exact count of each distinct value of a numeric column (e.g. model scores, which are often rounded), while
 * there are at most {@link #CAPACITY} distinct values; beyond that the values are rounded to a grid of
 * {@link #GRID} steps on [0, 1] (values outside it are clamped), so rank statistics such as ROC AUC treat values
 * within one step as tied. {@link #isExact()} says which path a value came from.
 */
public final class ValueCounts implements ColumnState {
  private static final long serialVersionUID = 1L;
  public static final int CAPACITY = 100_000;
  public static final int GRID = 1 << 20;
  private HashMap<Double, long[]> counts = new HashMap<>();
  private boolean exact = true;
  private long nulls;

  @Override
  public void addNull() {
    nulls++;
  }

  @Override
  public void add(double x) {
    add(x, 1);
  }

  private void add(double x, long by) {
    double key = exact ? x : Math.round(Math.max(0, Math.min(1, x)) * GRID) / (double) GRID;
    long[] c = counts.get(key);
    if (c == null) {
      counts.put(key, new long[] {by});
      if (exact && counts.size() > CAPACITY) {
        toGrid();
      }
    } else {
      c[0] += by;
    }
  }

  private void toGrid() {
    HashMap<Double, long[]> old = counts;
    counts = new HashMap<>();
    exact = false;
    old.forEach((k, v) -> add(k, v[0]));
  }

  @Override
  public ValueCounts merge(ColumnState o) {
    ValueCounts b = (ValueCounts) o;
    if (!b.exact && exact) {
      toGrid();
    }
    b.counts.forEach((k, v) -> add(k, v[0]));
    nulls += b.nulls;
    return this;
  }

  public boolean isExact() {
    return exact;
  }

  /** Distinct values in ascending order with their counts. */
  public TreeMap<Double, Long> sorted() {
    TreeMap<Double, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v[0]));
    return out;
  }

  public long n() {
    long n = 0;
    for (long[] c : counts.values()) {
      n += c[0];
    }
    return n;
  }

  public long nulls() {
    return nulls;
  }

}
