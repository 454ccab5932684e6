package dev.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link ValueCounts} on both sides of {@link ValueCounts#CAPACITY} distinct values: exact, and on
 * the [0, 1] grid of {@link ValueCounts#GRID} steps beyond. The grid is a function of each value,
 * so the merge law holds exactly on either path; on the grid every count is the number of values
 * within half a step of its key (the documented bound), checked against the exact counts.
 */
class ValueCountsLawTest extends MergeLawContract<ValueCounts, Double> {
    @Override
    protected ValueCounts empty() {
        return new ValueCounts();
    }

    @Override
    protected List<Regime> regimes() {
        return List.of(
                regime("exact", 2000).input(ValueCountsLawTest::roundedScore).reaching("exact", ValueCounts::isExact),
                regime("grid", ValueCounts.CAPACITY * 6 / 5).seeds(1, 2).reaching("on the grid", s -> !s.isExact()));
    }

    /** Scores in [0, 1] with many ties (rounded to 3 decimals), some missing. */
    static Double roundedScore(SplittableRandom r) {
        return r.nextInt(20) == 0 ? Double.NaN : Math.rint(r.nextDouble() * 1000) / 1000;
    }

    /**
     * Continuous scores, mostly distinct, a few outside [0, 1] (clamped on the grid), some missing.
     */
    @Override
    protected Double input(SplittableRandom r) {
        int u = r.nextInt(50);
        return u == 0 ? null : u == 1 ? -0.25 : u == 2 ? 1.5 : r.nextDouble();
    }

    @Override
    protected void feed(ValueCounts s, List<Double> inputs) {
        feedNumbers(s, inputs);
    }

    @Override
    protected Observation observe(ValueCounts s) {
        ValueCounts.Sorted sorted = s.sortedArrays();
        return new Observation()
                .exact("exact", s.isExact())
                .exact("n", s.n())
                .exact("nulls", s.nulls())
                .exact("values", sorted.values())
                .exact("counts", sorted.counts());
    }

    @Test
    void gridCountsAreTheValuesWithinHalfAStepOfTheirKey() {
        SplittableRandom r = new SplittableRandom(5);
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < ValueCounts.CAPACITY * 6 / 5; i++) {
            xs.add(input(r));
        }
        ValueCounts merged = new ValueCounts();
        for (List<Double> part : cut(xs, 4, r)) {
            ValueCounts p = new ValueCounts();
            feedNumbers(p, part);
            merged.merge(roundTrip(p));
        }
        TreeMap<Double, Long> expected = new TreeMap<>();
        for (Double x : xs) {
            if (x != null && !x.isNaN()) {
                double clamped = Math.max(0, Math.min(1, x));
                double key = Math.round(clamped * ValueCounts.GRID) / (double) ValueCounts.GRID;
                assertThat(Math.abs(key - clamped)).isLessThanOrEqualTo(0.5 / ValueCounts.GRID);
                expected.merge(key, 1L, Long::sum);
            }
        }
        assertThat(merged.isExact()).isFalse();
        assertThat(merged.sorted()).isEqualTo(expected);
    }
}
