package dev.vigil.drift;

import dev.vigil.calculators.ChunkTable;
import dev.vigil.calculators.DistributionBin;
import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.Histogram;
import dev.vigil.stats.Specs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The distributions table's rows of univariate drift: per chunk, a continuous column's Doane bins
 * (and its values below and above them), a categorical column's categories in sorted order; each
 * with its count and its share of the chunk's non-missing values.
 */
final class DriftDistributions {
    private DriftDistributions() {}

    static List<DistributionBin> of(
            ChunkTable t,
            List<String> continuous,
            List<String> categorical,
            Function<String, Specs.HistogramOf> doane) {
        List<DistributionBin> out = new ArrayList<>();
        for (String seg : t.segments()) {
            for (int i = 0; i < t.chunks().size(); i++) {
                for (String c : continuous) {
                    continuous(out, c, seg, i, t.state(seg, i, doane.apply(c)));
                }
                for (String c : categorical) {
                    categorical(out, c, seg, i, t.<CategoryCounts>state(seg, i, new Specs.CategoriesOf(c)));
                }
            }
        }
        return out;
    }

    private static void continuous(List<DistributionBin> out, String c, String seg, int i, Histogram h) {
        long n = h.n();
        double[] edges = h.edges();
        long[] counts = h.counts();
        for (int b = 0; b < counts.length; b++) {
            out.add(new DistributionBin(
                    c,
                    seg,
                    i,
                    "continuous",
                    String.valueOf(b),
                    edges[b],
                    edges[b + 1],
                    counts[b],
                    n == 0 ? 0.0 : (double) counts[b] / n));
        }
        if (h.below() > 0) {
            out.add(new DistributionBin(
                    c, seg, i, "continuous", "below", null, edges[0], h.below(), (double) h.below() / n));
        }
        if (h.above() > 0) {
            out.add(new DistributionBin(
                    c,
                    seg,
                    i,
                    "continuous",
                    "above",
                    edges[edges.length - 1],
                    null,
                    h.above(),
                    (double) h.above() / n));
        }
    }

    /** The bin of the values a category sketch did not keep ({@link CategoryCounts#OTHER}). */
    static final String OTHER_BIN = "<other>";

    private static void categorical(List<DistributionBin> out, String c, String seg, int i, CategoryCounts state) {
        Map<String, Long> counts = state.counts();
        long n = counts.values().stream().mapToLong(Long::longValue).sum();
        // the values a sketch did not keep, under a readable name unless a kept value has it
        String other = counts.containsKey(OTHER_BIN) ? CategoryCounts.OTHER : OTHER_BIN;
        for (var e : new TreeMap<>(counts).entrySet()) {
            out.add(new DistributionBin(
                    c,
                    seg,
                    i,
                    "categorical",
                    e.getKey().equals(CategoryCounts.OTHER) ? other : e.getKey(),
                    null,
                    null,
                    e.getValue(),
                    n == 0 ? 0.0 : (double) e.getValue() / n));
        }
    }
}
