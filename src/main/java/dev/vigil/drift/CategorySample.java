package dev.vigil.drift;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * A categorical column's chunk and whole reference: the count of each category.
 *
 * @param reference the whole reference's counts, by category in sorted order
 * @param referenceN the reference's non-missing values (the sum of its counts)
 * @param chunk the chunk's counts
 * @param chunkN the chunk's non-missing values
 */
public record CategorySample(SortedMap<String, Long> reference, long referenceN, Map<String, Long> chunk, long chunkN) {

    public static CategorySample of(SortedMap<String, Long> reference, Map<String, Long> chunk) {
        return new CategorySample(reference, sum(reference), chunk, sum(chunk));
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The reference and chunk proportions over the reference's categories, with NannyML's leftover
     * bin for the chunk's unseen ones ({@link DriftMath#withLeftover}).
     */
    public double[][] referenceProportions() {
        double[] p = new double[reference.size()];
        double[] q = new double[reference.size()];
        int k = 0;
        for (var e : reference.entrySet()) {
            p[k] = (double) e.getValue() / referenceN;
            q[k] = (double) chunk.getOrDefault(e.getKey(), 0L) / chunkN;
            k++;
        }
        return DriftMath.withLeftover(p, q);
    }

    /** The reference and chunk counts over the union of their categories in sorted order. */
    public long[][] unionCounts() {
        TreeSet<String> union = new TreeSet<>(reference.keySet());
        union.addAll(chunk.keySet());
        long[] a = new long[union.size()];
        long[] b = new long[union.size()];
        int k = 0;
        for (String cat : union) {
            a[k] = reference.getOrDefault(cat, 0L);
            b[k] = chunk.getOrDefault(cat, 0L);
            k++;
        }
        return new long[][] {a, b};
    }

    /** The reference and chunk proportions over the union of their categories in sorted order. */
    public double[][] unionProportions() {
        long[][] ab = unionCounts();
        return new double[][] {DriftMath.proportions(ab[0], referenceN), DriftMath.proportions(ab[1], chunkN)};
    }
}
