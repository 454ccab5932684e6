package dev.vigil.stats;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Counts per distinct double key, {@code width} counters per key, in an open-addressing table of
 * primitives (no boxing, two arrays): the storage of the per-score and per-value states, whose
 * update is on every row. Keys compare by their bits (so -0.0 and 0.0 are two keys, as {@link
 * Double#equals}); NaN is never a key. With {@code width} 0 it is a set of doubles ({@link #addKey}).
 */
public final class DoubleCounts implements Serializable {
    private static final long serialVersionUID = 2L;

    /** A NaN bit pattern: never a key, since NaN keys are refused. */
    private static final long EMPTY = 0x7ff8_dead_beef_0001L;

    private final int width;
    private transient long[] keys;
    private transient long[] counts;
    private transient int size;

    public DoubleCounts(int width) {
        if (width < 0 || width > Long.SIZE) {
            throw new IllegalArgumentException("width " + width + " (0 to 64 counters a key)");
        }
        this.width = width;
        allocate(16);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        counts = new long[capacity * width];
        size = 0;
    }

    public int width() {
        return width;
    }

    /** Distinct keys. */
    public int size() {
        return size;
    }

    /** Adds {@code by} to counter {@code cell} of {@code key}. */
    public void add(double key, int cell, long by) {
        long bits = Double.doubleToRawLongBits(key);
        int i = slot(bits);
        if (i >= 0) {
            counts[i * width + cell] += by;
            return;
        }
        i = ~i;
        keys[i] = bits;
        counts[i * width + cell] += by;
        grown();
    }

    /**
     * Adds {@code key} without counting (what a table of width 0, a set, is for): whether it was new.
     */
    public boolean addKey(double key) {
        long bits = Double.doubleToRawLongBits(key);
        int i = slot(bits);
        if (i >= 0) {
            return false;
        }
        keys[~i] = bits;
        grown();
        return true;
    }

    /**
     * The offset of {@code key}'s counters in the array {@link #forEach} visits, or -1 when it is not
     * a key.
     */
    int offset(double key) {
        int i = slot(Double.doubleToRawLongBits(key));
        return i < 0 ? -1 : i * width;
    }

    /** The slot holding {@code bits}, or the complement ({@code ~i}) of the empty slot it would take. */
    private int slot(long bits) {
        int mask = keys.length - 1;
        for (int i = mix(bits) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == bits) {
                return i;
            }
            if (k == EMPTY) {
                return ~i;
            }
        }
    }

    /** Counts the key just put in an empty slot; doubles the table when it is half full. */
    private void grown() {
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    /** The counters array (read only; see {@link #offset}). */
    long[] counters() {
        return counts;
    }

    /** Adds all of {@code other}'s counts. */
    public void addAll(DoubleCounts other) {
        other.forEach((key, c, offset) -> {
            for (int j = 0; j < width; j++) {
                if (c[offset + j] != 0) {
                    add(key, j, c[offset + j]);
                }
            }
        });
    }

    /** Visits each key with the counters array and the offset of its {@code width} counters. */
    public interface Visitor {
        void visit(double key, long[] counts, int offset);
    }

    public void forEach(Visitor v) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                v.visit(Double.longBitsToDouble(keys[i]), counts, i * width);
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldCounts = counts;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                double key = Double.longBitsToDouble(oldKeys[i]);
                if (width == 0) {
                    addKey(key);
                }
                for (int j = 0; j < width; j++) {
                    if (oldCounts[i * width + j] != 0) {
                        add(key, j, oldCounts[i * width + j]);
                    }
                }
            }
        }
    }

    private static int mix(long bits) {
        long h = bits * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /**
     * Written per key: its bits, then (width above 1) a mask of its non-zero counters and only those:
     * a key of a wide table has few (a distinct score of the 20 fold × class counters of the
     * calibration's counts has one), so writing all of them made 168 bytes a score instead of 20.
     */
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeInt(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                out.writeLong(keys[i]);
                if (width > 1) {
                    long mask = 0;
                    for (int j = 0; j < width; j++) {
                        if (counts[i * width + j] != 0) {
                            mask |= 1L << j;
                        }
                    }
                    out.writeLong(mask);
                }
                for (int j = 0; j < width; j++) {
                    if (width == 1 || counts[i * width + j] != 0) {
                        out.writeLong(counts[i * width + j]);
                    }
                }
            }
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int n = in.readInt();
        int capacity = 16;
        while (capacity < n * 2 + 2) {
            capacity *= 2;
        }
        allocate(capacity);
        for (int e = 0; e < n; e++) {
            double key = Double.longBitsToDouble(in.readLong());
            if (width == 0) {
                addKey(key);
            }
            long mask = width > 1 ? in.readLong() : 1L;
            for (int j = 0; j < width; j++) {
                if ((mask & (1L << j)) != 0) {
                    long c = in.readLong();
                    if (c != 0) {
                        add(key, j, c);
                    }
                }
            }
        }
    }
}
