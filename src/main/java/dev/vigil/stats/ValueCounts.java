package dev.vigil.stats;

import java.util.TreeMap;

/**
 * Exact count of each distinct value of a numeric column (e.g. model scores, which are often rounded), while
 * there are at most {@link #CAPACITY} distinct values; beyond that the values are rounded to a grid of
 * {@link #GRID} steps on [0, 1] (values outside it are clamped), so rank statistics such as ROC AUC treat values
 * within one step as tied. {@link #isExact()} says which path a value came from.
 */
public final class ValueCounts implements ColumnState {
  private static final long serialVersionUID = 2L;
  public static final int CAPACITY = 100_000;
  public static final int GRID = 1 << 20;
  private DoubleCounts counts = new DoubleCounts(1);
  private boolean exact = true;
  private long nulls;

  /** A value on the grid of the inexact path. */
  public static double onGrid(double x) {
    return Math.round(Math.max(0, Math.min(1, x)) * GRID) / (double) GRID;
  }

  @Override
  public void addNull() {
    nulls++;
  }

  @Override
  public void add(double x) {
    counts.add(exact ? x : onGrid(x), 0, 1);
    if (exact && counts.size() > CAPACITY) {
      toGrid();
    }
  }

  private void toGrid() {
    DoubleCounts old = counts;
    counts = new DoubleCounts(1);
    exact = false;
    old.forEach((k, c, o) -> counts.add(onGrid(k), 0, c[o]));
  }

  @Override
  public ValueCounts merge(ColumnState o) {
    ValueCounts b = (ValueCounts) o;
    if (!b.exact && exact) {
      toGrid();
    }
    if (exact) {
      counts.addAll(b.counts);
      if (counts.size() > CAPACITY) {
        toGrid();
      }
    } else {
      b.counts.forEach((k, c, off) -> counts.add(onGrid(k), 0, c[off]));
    }
    nulls += b.nulls;
    return this;
  }

  public boolean isExact() {
    return exact;
  }

  /** Distinct values ascending and their counts, as parallel arrays. */
  public record Sorted(double[] values, long[] counts) {}

  public Sorted sortedArrays() {
    int n = counts.size();
    double[] keys = new double[n];
    long[] values = new long[n];
    int[] i = {0};
    counts.forEach((k, c, o) -> {
      keys[i[0]] = k;
      values[i[0]++] = c[o];
    });
    double[] sortedKeys = keys.clone();
    java.util.Arrays.sort(sortedKeys);
    long[] sortedValues = new long[n];
    for (int j = 0; j < n; j++) {
      sortedValues[java.util.Arrays.binarySearch(sortedKeys, keys[j])] = values[j];
    }
    return new Sorted(sortedKeys, sortedValues);
  }

  /** Distinct values in ascending order with their counts (built in linear time from a primitive sort). */
  public TreeMap<Double, Long> sorted() {
    int n = counts.size();
    double[] keys = new double[n];
    long[] values = new long[n];
    int[] i = {0};
    counts.forEach((k, c, o) -> {
      keys[i[0]] = k;
      values[i[0]++] = c[o];
    });
    return SortedArrays.treeMap(keys, values);
  }

  public long n() {
    long[] n = {0};
    counts.forEach((k, c, o) -> n[0] += c[o]);
    return n[0];
  }

  public long nulls() {
    return nulls;
  }
}
