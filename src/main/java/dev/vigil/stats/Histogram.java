package dev.vigil.stats;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * Counts of a numeric column on {@code bins} equal-width bins between {@code lo} and {@code hi},
 * with numpy's edges ({@code e_i = i·step + lo}, the last edge exactly {@code hi}) and numpy's
 * rule: bin i holds {@code [e_i, e_{i+1})}, the last bin also {@code hi}. Values below {@code lo}
 * and above {@code hi} are counted and summed apart, as are missing values.
 *
 * <p>Small: histograms of more than {@value #DENSE_UP_TO} bins keep their counts sparse (a
 * primitive hash table) until a tenth of the bins are filled, and every histogram is serialised
 * sparse when that is shorter, so thousands of chunks × columns × 10,000-bin histograms of small
 * chunks stay small.
 */
public final class Histogram implements ColumnState {
    private static final long serialVersionUID = 3L;

    /** Histograms of at most this many bins are dense from the start. */
    static final int DENSE_UP_TO = 256;

    private double lo;
    private double hi;
    private int bins;
    private transient double step;
    private transient double inverseStep;
    private transient long[] dense;
    private transient SparseCounts sparse;
    private long below;
    private long above;
    private double sumBelow;
    private double sumAbove;
    private long nulls;

    public Histogram(double lo, double hi, int bins) {
        if (bins < 1 || !(lo <= hi)) {
            throw new IllegalArgumentException("bins " + bins + " on [" + lo + ", " + hi + "]");
        }
        this.lo = lo;
        this.hi = hi;
        this.bins = bins;
        initSteps();
        initCounts();
    }

    private void initCounts() {
        if (bins <= DENSE_UP_TO) {
            dense = new long[bins];
            sparse = null;
        } else {
            dense = null;
            sparse = new SparseCounts();
        }
    }

    private void initSteps() {
        step = (hi - lo) / bins;
        inverseStep = hi == lo ? 0 : bins / (hi - lo);
    }

    public static Histogram of(double lo, double hi, int bins, double... values) {
        Histogram h = new Histogram(lo, hi, bins);
        for (double v : values) {
            if (Double.isNaN(v)) {
                h.addNull();
            } else {
                h.add(v);
            }
        }
        return h;
    }

    /** numpy's {@code linspace(lo, hi, bins + 1)}. */
    public static double[] edges(double lo, double hi, int bins) {
        double[] e = new double[bins + 1];
        double step = (hi - lo) / bins;
        for (int i = 0; i < bins; i++) {
            e[i] = i * step + lo;
        }
        e[bins] = hi;
        return e;
    }

    private double edge(int i) {
        return i == bins ? hi : i * step + lo;
    }

    @Override
    public void addNull() {
        nulls++;
    }

    @Override
    public void add(double x) {
        if (x < lo) {
            below++;
            sumBelow += x;
            return;
        }
        if (x > hi) {
            above++;
            sumAbove += x;
            return;
        }
        int i = hi == lo ? bins - 1 : (int) Math.min(bins - 1, (x - lo) * inverseStep);
        // correct the arithmetic guess against the edges themselves, as numpy does
        while (i > 0 && x < edge(i)) {
            i--;
        }
        while (i < bins - 1 && x >= edge(i + 1)) {
            i++;
        }
        increment(i, 1);
    }

    private void increment(int i, long by) {
        if (dense != null) {
            dense[i] += by;
            return;
        }
        sparse.add(i, by);
        if (sparse.size() > bins / 10) {
            dense = new long[bins];
            sparse.addTo(dense);
            sparse = null;
        }
    }

    @Override
    public Histogram merge(ColumnState o) {
        Histogram b = (Histogram) o;
        if (b.bins != bins || b.lo != lo || b.hi != hi) {
            throw new IllegalArgumentException("histograms on different bins");
        }
        if (b.dense != null) {
            for (int i = 0; i < bins; i++) {
                if (b.dense[i] != 0) {
                    increment(i, b.dense[i]);
                }
            }
        } else if (dense != null) {
            b.sparse.addTo(dense);
        } else {
            long[] c = b.counts();
            for (int i = 0; i < bins; i++) {
                if (c[i] != 0) {
                    increment(i, c[i]);
                }
            }
        }
        below += b.below;
        above += b.above;
        sumBelow += b.sumBelow;
        sumAbove += b.sumAbove;
        nulls += b.nulls;
        return this;
    }

    public double lo() {
        return lo;
    }

    public double hi() {
        return hi;
    }

    public int bins() {
        return bins;
    }

    public double[] edges() {
        return edges(lo, hi, bins);
    }

    /** Counts per bin (a new array). */
    public long[] counts() {
        if (dense != null) {
            return dense.clone();
        }
        long[] c = new long[bins];
        sparse.addTo(c);
        return c;
    }

    public long below() {
        return below;
    }

    public long above() {
        return above;
    }

    /** Sum of the values below {@code lo}. */
    public double sumBelow() {
        return sumBelow;
    }

    /** Sum of the values above {@code hi}. */
    public double sumAbove() {
        return sumAbove;
    }

    public long nulls() {
        return nulls;
    }

    /** Non-missing values, in or out of the bins. */
    public long n() {
        long n = below + above;
        if (dense != null) {
            for (long c : dense) {
                n += c;
            }
        } else {
            n += sparse.total();
        }
        return n;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        long[] c = counts();
        int nonZero = 0;
        for (long v : c) {
            nonZero += v != 0 ? 1 : 0;
        }
        boolean writeSparse = nonZero * 2 < bins;
        out.writeBoolean(writeSparse);
        if (writeSparse) {
            out.writeInt(nonZero);
            for (int i = 0; i < c.length; i++) {
                if (c[i] != 0) {
                    out.writeInt(i);
                    out.writeLong(c[i]);
                }
            }
        } else {
            for (long v : c) {
                out.writeLong(v);
            }
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        initSteps();
        initCounts();
        if (in.readBoolean()) {
            int n = in.readInt();
            for (int k = 0; k < n; k++) {
                increment(in.readInt(), in.readLong());
            }
        } else {
            if (dense == null) {
                dense = new long[bins];
                sparse = null;
            }
            for (int i = 0; i < bins; i++) {
                dense[i] = in.readLong();
            }
        }
    }
}
