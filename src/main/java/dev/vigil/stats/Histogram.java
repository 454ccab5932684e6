package dev.vigil.stats;

import java.util.Arrays;

/**
 * Counts of a numeric column on fixed, ascending bin edges {@code e0 < e1 < ... < ek}: bin i holds
 * {@code [e_i, e_{i+1})}, the last bin also its right edge (numpy's rule); values below {@code e0} and above
 * {@code ek} are counted (and summed) apart, as are missing values.
 */
public final class Histogram implements ColumnState {
  private static final long serialVersionUID = 1L;
  private final double[] edges;
  private final long[] counts;
  private long below;
  private long above;
  private double sumBelow;
  private double sumAbove;
  private long nulls;

  public Histogram(double[] edges) {
    if (edges.length < 2) {
      throw new IllegalArgumentException("a histogram needs at least 2 edges");
    }
    this.edges = edges;
    this.counts = new long[edges.length - 1];
  }

  public static Histogram of(double[] edges, double... values) {
    Histogram h = new Histogram(edges);
    for (double v : values) {
      if (Double.isNaN(v)) {
        h.addNull();
      } else {
        h.add(v);
      }
    }
    return h;
  }

  @Override
  public void addNull() {
    nulls++;
  }

  @Override
  public void add(double x) {
    int last = edges.length - 1;
    if (x < edges[0]) {
      below++;
      sumBelow += x;
    } else if (x > edges[last]) {
      above++;
      sumAbove += x;
    } else if (x == edges[last]) {
      counts[counts.length - 1]++;
    } else {
      int i = Arrays.binarySearch(edges, x);
      counts[i >= 0 ? i : -i - 2]++;
    }
  }

  @Override
  public Histogram merge(ColumnState o) {
    Histogram b = (Histogram) o;
    for (int i = 0; i < counts.length; i++) {
      counts[i] += b.counts[i];
    }
    below += b.below;
    above += b.above;
    sumBelow += b.sumBelow;
    sumAbove += b.sumAbove;
    nulls += b.nulls;
    return this;
  }

  public double[] edges() {
    return edges.clone();
  }

  public long[] counts() {
    return counts.clone();
  }

  public long below() {
    return below;
  }

  public long above() {
    return above;
  }

  /** Sum of the values below the first edge. */
  public double sumBelow() {
    return sumBelow;
  }

  /** Sum of the values above the last edge. */
  public double sumAbove() {
    return sumAbove;
  }

  public long nulls() {
    return nulls;
  }

  /** Non-missing values, in or out of the edges. */
  public long n() {
    long n = below + above;
    for (long c : counts) {
      n += c;
    }
    return n;
  }
}
