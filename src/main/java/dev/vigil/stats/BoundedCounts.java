package dev.vigil.stats;

import java.io.Serializable;
import java.lang.ref.SoftReference;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * Counts per distinct value ({@code width} counters each) that stay small: exact while there are at
 * most {@code capacity} distinct values, then with values rounded to a grid of {@code grid} steps
 * on [0, 1] (values outside it clamped), so values within one step count as equal. {@link
 * #isExact()} says which path a result came from. Merging an exact table into a gridded one grids
 * it; the merge law holds on either path.
 */
public final class BoundedCounts implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int width;
    private final int capacity;
    private final int grid;
    private DoubleCounts counts;
    private boolean exact = true;

    /**
     * {@link #sorted()}'s last answer, until the next change (the driver asks for a chunk's scores
     * many times); softly held, so the copies of every chunk's counts it makes are dropped before the
     * heap runs out.
     */
    private transient SoftReference<Sorted> sorted;

    public BoundedCounts(int width, int capacity, int grid) {
        this.width = width;
        this.capacity = capacity;
        this.grid = grid;
        this.counts = new DoubleCounts(width);
    }

    private double onGrid(double x) {
        return onGrid(x, grid);
    }

    /** {@code x} clamped to [0, 1] and rounded to the nearest of {@code grid} steps. */
    static double onGrid(double x, int grid) {
        return Math.round(Math.max(0, Math.min(1, x)) * grid) / (double) grid;
    }

    public void add(double value, int cell, long by) {
        sorted = null;
        counts.add(exact ? value : onGrid(value), cell, by);
        if (exact && counts.size() > capacity) {
            toGrid();
        }
    }

    private void toGrid() {
        DoubleCounts old = counts;
        counts = new DoubleCounts(width);
        exact = false;
        addCells(old);
    }

    private void addCells(DoubleCounts from) {
        from.forEach((k, c, o) -> {
            for (int j = 0; j < width; j++) {
                if (c[o + j] != 0) {
                    add(k, j, c[o + j]);
                }
            }
        });
    }

    public BoundedCounts merge(BoundedCounts b) {
        sorted = null;
        if (!b.exact && exact) {
            toGrid();
        }
        addCells(b.counts);
        return this;
    }

    public boolean isExact() {
        return exact;
    }

    /** The total of counter {@code cell} over all values. */
    public long total(int cell) {
        long[] t = {0};
        counts.forEach((k, c, o) -> t[0] += c[o + cell]);
        return t[0];
    }

    /** Distinct values ascending and their counters ({@code width} per value, in value order). */
    public record Sorted(double[] values, long[] counts, int width) {
        /** The total of counter {@code cell} over all values. */
        public long total(int cell) {
            long t = 0;
            for (int i = cell; i < counts.length; i += width) {
                t += counts[i];
            }
            return t;
        }
    }

    /**
     * The table sorted by value (a primitive sort, then each value's counters found by one hash
     * probe; no boxing). The arrays are shared with later calls until the table changes: read them,
     * never write them.
     */
    public Sorted sorted() {
        Sorted cached = sorted == null ? null : sorted.get();
        if (cached != null) {
            return cached;
        }
        int n = counts.size();
        double[] sortedKeys = new double[n];
        int[] i = {0};
        counts.forEach((k, c, o) -> sortedKeys[i[0]++] = k);
        Arrays.sort(sortedKeys); // Double.compare order, as TreeMap<Double> compares
        long[] from = counts.counters();
        long[] sortedValues = new long[n * width];
        for (int r = 0; r < n; r++) {
            System.arraycopy(from, counts.offset(sortedKeys[r]), sortedValues, r * width, width);
        }
        Sorted out = new Sorted(sortedKeys, sortedValues, width);
        sorted = new SoftReference<>(out);
        return out;
    }

    /** Value → its counters, ascending. */
    public TreeMap<Double, long[]> sortedMap() {
        Sorted s = sorted();
        TreeMap<Double, long[]> out = new TreeMap<>();
        for (int j = 0; j < s.values().length; j++) {
            out.put(s.values()[j], Arrays.copyOfRange(s.counts(), j * width, (j + 1) * width));
        }
        return out;
    }
}
