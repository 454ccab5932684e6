package dev.vigil.stats;

import java.lang.ref.SoftReference;
import java.util.TreeMap;

/**
 * Exact count of each distinct value of a numeric column (e.g. model scores, which are often
 * rounded), while there are at most {@link #CAPACITY} distinct values; beyond that the values are
 * rounded to a grid of {@link #GRID} steps on [0, 1] (values outside it are clamped), so rank
 * statistics such as ROC AUC treat values within one step as tied. {@link #isExact()} says which
 * path a value came from.
 */
public final class ValueCounts implements ColumnState {
    private static final long serialVersionUID = 3L;
    public static final int CAPACITY = 100_000;
    /**
     * Grid steps beyond {@link #CAPACITY}: 2^16, so a state on the grid holds at most 65,537 cells (2
     * MiB in memory); on 2^20 steps a 1M-row chunk's four score states took 16-32 MiB each, and the
     * merge of a segmented run's chunks ran a 2 GiB driver out of heap. ROC AUC's bound on the grid
     * (the pairs sharing a cell) grows about 16-fold, to about 1e-5 for scores spread over [0, 1].
     */
    public static final int GRID = 1 << 16;

    private final BoundedCounts counts = new BoundedCounts(1, CAPACITY, GRID);
    private long nulls;

    /**
     * {@link #sorted()}'s last answer until the next change (read it, never write it), softly held: a
     * boxed map of every score in every chunk's state, kept while the run goes on, was a quarter of a
     * 2 GiB heap in a segmented run; the collector drops it before running out of heap, and it is
     * built again from the sorted arrays if asked.
     */
    private transient SoftReference<TreeMap<Double, Long>> sortedMap;

    @Override
    public void addNull() {
        nulls++;
    }

    @Override
    public void add(double x) {
        sortedMap = null;
        counts.add(x, 0, 1);
    }

    @Override
    public ValueCounts merge(ColumnState o) {
        ValueCounts b = (ValueCounts) o;
        sortedMap = null;
        counts.merge(b.counts);
        nulls += b.nulls;
        return this;
    }

    public boolean isExact() {
        return counts.isExact();
    }

    /** The cell of the grid that value {@code x} counts in once the grid is in use. */
    public static double onGrid(double x) {
        return BoundedCounts.onGrid(x, GRID);
    }

    /** Distinct values ascending and their counts, as parallel arrays. */
    public record Sorted(double[] values, long[] counts) {}

    public Sorted sortedArrays() {
        BoundedCounts.Sorted s = counts.sorted();
        return new Sorted(s.values(), s.counts());
    }

    /**
     * Distinct values in ascending order with their counts (built in linear time from a primitive
     * sort).
     */
    public TreeMap<Double, Long> sorted() {
        TreeMap<Double, Long> map = sortedMap == null ? null : sortedMap.get();
        if (map == null) {
            Sorted s = sortedArrays();
            map = SortedArrays.treeMap(s.values(), s.counts());
            sortedMap = new SoftReference<>(map);
        }
        return map;
    }

    public long n() {
        return counts.total(0);
    }

    public long nulls() {
        return nulls;
    }
}
