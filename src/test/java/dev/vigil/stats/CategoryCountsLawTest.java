package dev.vigil.stats;

import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** {@link CategoryCounts}: a skewed set of 30 categories and missing values. */
class CategoryCountsLawTest extends MergeLawContract<CategoryCounts, String> {
    @Override
    protected CategoryCounts empty() {
        return new CategoryCounts();
    }

    @Override
    protected String input(SplittableRandom r) {
        return r.nextInt(15) == 0 ? null : "cat_" + (int) Math.abs(r.nextGaussian() * 8);
    }

    @Override
    protected void feed(CategoryCounts s, List<String> inputs) {
        feedStrings(s, inputs);
    }

    @Override
    protected Observation observe(CategoryCounts s) {
        return new Observation()
                .exact("counts", new TreeMap<>(s.counts()))
                .exact("nulls", s.nulls())
                .exact("rows", s.rows());
    }
}
