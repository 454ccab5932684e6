package dev.vigil.stats;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Quantiles of a numeric column: <b>exact</b> while the state holds at most {@link #EXACT_CAPACITY} values (it
 * keeps them all), a KLL sketch with {@link #SKETCH_K} beyond. {@link #isExact()} says which path a value came
 * from. On the sketch path the median returned has a rank within {@link #rankErrorBound()} (normalised, 99%
 * confidence) of the true median's rank.
 */
public final class Quantiles implements ColumnState {
  private static final long serialVersionUID = 1L;
  /** Up to this many values the median is exact (NannyML's numpy median). */
  public static final int EXACT_CAPACITY = 100_000;
  /** KLL accuracy parameter on the approximate path. */
  public static final int SKETCH_K = 2000;

  private double[] values = new double[16];
  private int size;
  private transient KllDoublesSketch sketch;

  public static Quantiles of(double... xs) {
    Quantiles q = new Quantiles();
    for (double x : xs) {
      q.add(x);
    }
    return q;
  }

  /** Normalised rank error of the sketch path (single quantile, 99% confidence). */
  public static double rankErrorBound() {
    return KllDoublesSketch.getNormalizedRankError(SKETCH_K, false);
  }

  @Override
  public void addNull() {}

  @Override
  public void add(double x) {
    if (sketch != null) {
      sketch.update(x);
      return;
    }
    if (size == EXACT_CAPACITY) {
      toSketch();
      sketch.update(x);
      return;
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, Math.min(EXACT_CAPACITY, size * 2));
    }
    values[size++] = x;
  }

  private void toSketch() {
    sketch = KllDoublesSketch.newHeapInstance(SKETCH_K);
    for (int i = 0; i < size; i++) {
      sketch.update(values[i]);
    }
    values = null;
    size = 0;
  }

  @Override
  public Quantiles merge(ColumnState o) {
    Quantiles b = (Quantiles) o;
    if (sketch == null && b.sketch == null && (long) size + b.size <= EXACT_CAPACITY) {
      if (size + b.size > values.length) {
        values = Arrays.copyOf(values, size + b.size);
      }
      System.arraycopy(b.values, 0, values, size, b.size);
      size += b.size;
      return this;
    }
    if (sketch == null) {
      toSketch();
    }
    if (b.sketch != null) {
      sketch.merge(b.sketch);
    } else {
      for (int i = 0; i < b.size; i++) {
        sketch.update(b.values[i]);
      }
    }
    return this;
  }

  public boolean isExact() {
    return sketch == null;
  }

  public long n() {
    return sketch != null ? sketch.getN() : size;
  }

  /**
   * The median: exact path as numpy (the mean of the two middle values for an even count); sketch path the KLL
   * estimate. NaN without values.
   */
  public double median() {
    if (n() == 0) {
      return Double.NaN;
    }
    if (sketch != null) {
      return sketch.getQuantile(0.5);
    }
    double[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int mid = size / 2;
    return size % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.writeBoolean(sketch != null);
    if (sketch != null) {
      out.writeObject(sketch.toByteArray());
    } else {
      out.writeInt(size);
      for (int i = 0; i < size; i++) {
        out.writeDouble(values[i]);
      }
    }
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    if (in.readBoolean()) {
      sketch = KllDoublesSketch.heapify(Memory.wrap((byte[]) in.readObject()));
      values = null;
      size = 0;
    } else {
      size = in.readInt();
      values = new double[Math.max(16, size)];
      for (int i = 0; i < size; i++) {
        values[i] = in.readDouble();
      }
    }
  }
}
