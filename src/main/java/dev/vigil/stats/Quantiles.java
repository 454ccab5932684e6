package dev.vigil.stats;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Quantiles of a numeric column: <b>exact</b> while the state holds at most its capacity of values
 * (it keeps them all, as NannyML's numpy median sees them), beyond it Apache DataSketches' KLL
 * quantile sketch ({@link KllDoublesSketch}, k = {@value #K}). A chunk's state is exact up to
 * {@link StateLimits#quantileValues()} values ({@link #CHUNK_CAPACITY} by default: at most 8 bytes
 * per value kept, 160 KB); the merge of a whole dataset on the driver stays exact up to {@link
 * #WHOLE_CAPACITY}. {@link #isExact()} says which path a value came from.
 *
 * <p>The sketch's guarantee is on ranks: at 99% confidence, the rank of each value it returns is
 * within ε = {@link #RANK_ERROR} (of n) of the rank asked for. {@link #quantileErrorBound} turns it
 * into a bound on the value, read off the sketch itself: the exact quantile at normalized rank q
 * lies between the sketch's values at ranks q − ε' and q + ε' (ε' = ε + 1/n, the 1/n for numpy's
 * interpolation between neighbouring order statistics; the sketch keeps the exact minimum and
 * maximum, which close the interval at the ends), so the returned value is within the larger of
 * its distances to those two. The sketch compacts at random: two merges of the same values in a
 * different order may give different values, each within its bound.
 */
public final class Quantiles implements ColumnState {
    private static final long serialVersionUID = 3L;

    /** A chunk with up to this many values gets the exact median, by default. */
    public static final int CHUNK_CAPACITY = StateLimits.DEFAULT_QUANTILE_VALUES;

    /** A whole dataset (merged on the driver) with up to this many values gets the exact median. */
    public static final int WHOLE_CAPACITY = 2_000_000;

    /** KLL's accuracy parameter: the sketch keeps about 3k values, whatever it has seen. */
    public static final int K = 400;

    /** KLL's normalized rank error of one quantile at k = {@link #K}, at 99% confidence. */
    public static final double RANK_ERROR = KllSketch.getNormalizedRankError(K, false);

    private int capacity;
    private double[] values = new double[16];
    private int size;
    private KllDoublesSketch sketch;

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
            sketch.update(x);
            return;
        }
        if (size >= capacity) {
            toSketch();
            sketch.update(x);
            return;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.max(1, Math.min(capacity, size * 2)));
        }
        values[size++] = x;
    }

    private void toSketch() {
        sketch = KllDoublesSketch.newHeapInstance(K);
        for (int i = 0; i < size; i++) {
            sketch.update(values[i]);
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
                sketch.update(b.values[i]);
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
        return sketch != null ? sketch.getN() : size;
    }

    /**
     * The median as numpy defines it (the mean of the two middle values for an even count): exact, or
     * the sketch's value at rank ½ (see {@link #medianErrorBound}). NaN without values.
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

    /**
     * The {@code q}-quantile as numpy's default ({@code linear}) defines it: at rank h = (n − 1)q,
     * interpolated between the values at ⌊h⌋ and ⌈h⌉; exact, or on the sketch path the sketch's value
     * at normalized rank q (see {@link #quantileErrorBound}). NaN without values.
     */
    public double quantile(double q) {
        long n = n();
        if (n == 0) {
            return Double.NaN;
        }
        if (sketch != null) {
            return sketch.getQuantile(q);
        }
        double h = (n - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = (int) Math.min(n - 1, lo + 1);
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * The bound on |{@link #quantile} − exact quantile|: NaN on the exact path; on the sketch path,
     * with ε' = {@link #RANK_ERROR} + 1/n, the larger of the distances from the returned value to the
     * sketch's values at normalized ranks q − ε' and q + ε' (clamped to [0, 1], where the sketch
     * returns the exact minimum and maximum): the exact quantile lies between those two whenever the
     * sketch's rank errors there are within its 99%-confidence ε.
     */
    public double quantileErrorBound(double q) {
        if (sketch == null || n() == 0) {
            return Double.NaN;
        }
        double eps = RANK_ERROR + 1.0 / sketch.getN();
        double v = sketch.getQuantile(q);
        double below = sketch.getQuantile(Math.max(0, q - eps));
        double above = sketch.getQuantile(Math.min(1, q + eps));
        return Math.max(v - below, above - v);
    }

    /** The bound on |{@link #median()} − exact median|: {@link #quantileErrorBound} at ½. */
    public double medianErrorBound() {
        return quantileErrorBound(0.5);
    }

    /** The sketch's serialized bytes (0 on the exact path), for the cost model. */
    public int sketchBytes() {
        return sketch == null ? 0 : sketch.getCurrentCompactSerializedSizeBytes();
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.writeInt(capacity);
        out.writeBoolean(sketch == null);
        if (sketch == null) {
            out.writeInt(size);
            for (int i = 0; i < size; i++) {
                out.writeDouble(values[i]);
            }
        } else {
            DistinctValues.writeBytes(out, sketch.toByteArray());
        }
    }

    private void readObject(ObjectInputStream in) throws IOException {
        capacity = in.readInt();
        if (in.readBoolean()) {
            size = in.readInt();
            values = new double[Math.max(16, size)];
            for (int i = 0; i < size; i++) {
                values[i] = in.readDouble();
            }
            sketch = null;
        } else {
            values = null;
            size = 0;
            sketch = KllDoublesSketch.heapify(Memory.wrap(DistinctValues.readBytes(in)));
        }
    }
}
