package dev.vigil.stats;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;

/**
 * Quantiles of a numeric column: <b>exact</b> while the state holds at most its capacity of values
 * (it keeps them all, as NannyML's numpy median sees them), a relative-accuracy sketch beyond
 * ({@link RelativeSketch}, Datadog's DDSketch: every quantile within {@link #RELATIVE_ERROR} of the
 * exact one, deterministic). A chunk's state is exact up to {@link StateLimits#quantileValues()} values
 * ({@code columns.max_exact_values}, {@link #CHUNK_CAPACITY} by default: 8 bytes per value kept, so
 * the driver receives at most 160 KB per chunk and column); the merge of a whole dataset on the
 * driver stays exact up to {@link #WHOLE_CAPACITY}. {@link #isExact()} says which path a value came
 * from.
 *
 * <p>Both paths are deterministic and independent of how the values are split and merged: the
 * exact path sorts the values it keeps, and the sketch's bucket counts are whole numbers that add. Which
 * path a state is on depends only on how many values it has seen (exact values merged stay exact
 * while their total fits the capacity), so the same values in any partitioning and merge order give
 * the same median and quantiles, bit for bit, and a rerun gives the same results. (DataSketches'
 * KLL sketch was tried here and refused: it compacts with an unseeded random generator shared by
 * all its sketches, so a rerun whose partial states Spark merged in another order gave other
 * values.)
 */
public final class Quantiles implements ColumnState {
    private static final long serialVersionUID = 2L;

    /** A chunk with up to this many values gets the exact median, by default. */
    public static final int CHUNK_CAPACITY = StateLimits.DEFAULT_QUANTILE_VALUES;

    /** A whole dataset (merged on the driver) with up to this many values gets the exact median. */
    public static final int WHOLE_CAPACITY = 2_000_000;

    /** On the sketch path, |median − exact median| ≤ this × |exact median|. */
    public static final double RELATIVE_ERROR = RelativeSketch.ALPHA;

    private int capacity;
    private double[] values = new double[16];
    private int size;
    private RelativeSketch sketch;

    /** A chunk state ({@link #CHUNK_CAPACITY}). */
    public Quantiles() {
        this(CHUNK_CAPACITY);
    }

    public Quantiles(int capacity) {
        this.capacity = capacity;
    }

    public static Quantiles of(double... xs) {
        Quantiles q = new Quantiles();
        for (double x : xs) {
            q.add(x);
        }
        return q;
    }

    /** The most values this state keeps exactly. */
    public int capacity() {
        return capacity;
    }

    @Override
    public void addNull() {}

    @Override
    public void add(double x) {
        if (sketch != null) {
            sketch.add(x);
            return;
        }
        if (size >= capacity) {
            toSketch();
            sketch.add(x);
            return;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.max(1, Math.min(capacity, size * 2)));
        }
        values[size++] = x;
    }

    private void toSketch() {
        sketch = new RelativeSketch();
        for (int i = 0; i < size; i++) {
            sketch.add(values[i]);
        }
        values = null;
        size = 0;
    }

    @Override
    public Quantiles merge(ColumnState o) {
        Quantiles b = (Quantiles) o;
        if (sketch == null && b.sketch == null && (long) size + b.size <= capacity) {
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
                sketch.add(b.values[i]);
            }
        }
        return this;
    }

    public boolean isExact() {
        return sketch == null;
    }

    /** The values in ascending order; only on the exact path. */
    public double[] sortedValues() {
        if (sketch != null) {
            throw new IllegalStateException("the values were not kept (more than " + capacity + ")");
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return sorted;
    }

    public long n() {
        return sketch != null ? sketch.n() : size;
    }

    /**
     * The median as numpy defines it (the mean of the two middle values for an even count): exact, or
     * within {@link #RELATIVE_ERROR} on the sketch path. NaN without values.
     */
    public double median() {
        if (n() == 0) {
            return Double.NaN;
        }
        if (sketch != null) {
            long m = sketch.n();
            return m % 2 == 1
                    ? sketch.valueAtRank(m / 2)
                    : (sketch.valueAtRank(m / 2 - 1) + sketch.valueAtRank(m / 2)) / 2.0;
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int mid = size / 2;
        return size % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /**
     * The {@code q}-quantile as numpy's default ({@code linear}) defines it: at rank h = (n − 1)q,
     * interpolated between the values at ⌊h⌋ and ⌈h⌉; exact, or on the sketch path from the values
     * it returns at those ranks (see {@link #quantileErrorBound}). NaN without values.
     */
    public double quantile(double q) {
        long n = n();
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * q;
        long lo = (long) Math.floor(h);
        long hi = Math.min(n - 1, lo + 1);
        double a;
        double b;
        if (sketch != null) {
            a = sketch.valueAtRank(lo);
            b = sketch.valueAtRank(hi);
        } else {
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            a = sorted[(int) lo];
            b = sorted[(int) hi];
        }
        return a + (h - lo) * (b - a);
    }

    /**
     * The bound on |{@link #quantile} − exact quantile|: NaN on the exact path; on the sketch path,
     * as {@link #medianErrorBound}, from the larger magnitude of the two values interpolated.
     */
    public double quantileErrorBound(double q) {
        if (sketch == null || n() == 0) {
            return Double.NaN;
        }
        long n = sketch.n();
        long lo = (long) Math.floor((n - 1) * q);
        return sketchBound(
                Math.max(Math.abs(sketch.valueAtRank(lo)), Math.abs(sketch.valueAtRank(Math.min(n - 1, lo + 1)))));
    }

    /**
     * A value read from the sketch with magnitude {@code magnitude} lies within α|x| of the exact x,
     * so within α·magnitude / (1 − α), plus the magnitude the sketch counts as zero.
     */
    private static double sketchBound(double magnitude) {
        return RELATIVE_ERROR / (1 - RELATIVE_ERROR) * magnitude + RelativeSketch.MIN_MAGNITUDE;
    }

    /**
     * The bound on |{@link #median()} − exact median|: NaN on the exact path; on the sketch path,
     * each of the (one or two) middle values v is within {@link #RELATIVE_ERROR} α of the exact one
     * x, so |v − x| ≤ α|x| ≤ α|v| / (1 − α), and their mean within the mean of those (plus the
     * magnitude below which the sketch counts a value as zero).
     */
    public double medianErrorBound() {
        if (sketch == null || n() == 0) {
            return Double.NaN;
        }
        long m = sketch.n();
        double a = Math.abs(sketch.valueAtRank(m % 2 == 1 ? m / 2 : m / 2 - 1));
        double b = Math.abs(sketch.valueAtRank(m / 2));
        return sketchBound((a + b) / 2);
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.writeInt(capacity);
        out.writeObject(sketch);
        if (sketch == null) {
            out.writeInt(size);
            for (int i = 0; i < size; i++) {
                out.writeDouble(values[i]);
            }
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        capacity = in.readInt();
        sketch = (RelativeSketch) in.readObject();
        if (sketch == null) {
            size = in.readInt();
            values = new double[Math.max(16, size)];
            for (int i = 0; i < size; i++) {
                values[i] = in.readDouble();
            }
        } else {
            values = null;
            size = 0;
        }
    }
}
