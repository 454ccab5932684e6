package dev.vigil.stats;

import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link DistinctValues} on both sides of its capacity: exact (the count of distinct values), and
 * the HLL sketch, whose estimate after a union may depend on the merge order within its error (held
 * to 3% relative, about two of its relative standard errors).
 */
class DistinctValuesLawTest extends MergeLawContract<DistinctValues, Double> {
    @Override
    protected DistinctValues empty() {
        return new DistinctValues();
    }

    @Override
    protected List<Regime> regimes() {
        return List.of(
                regime("exact", 600).reaching("exact", DistinctValues::isExact),
                regime("sketch", 3 * DistinctValues.CAPACITY)
                        .input(r -> r.nextInt(20) == 0 ? null : (double) r.nextInt(1_000_000))
                        .reaching("a sketch", s -> !s.isExact()));
    }

    /** Rounded values (ties), zeros of both signs and missing values. */
    @Override
    protected Double input(SplittableRandom r) {
        int u = r.nextInt(20);
        return u == 0 ? null : u == 1 ? -0.0 : u == 2 ? 0.0 : (double) Math.round(r.nextGaussian() * 50);
    }

    @Override
    protected void feed(DistinctValues s, List<Double> inputs) {
        feedNumbers(s, inputs);
    }

    @Override
    protected Observation observe(DistinctValues s) {
        Observation o = new Observation().exact("exact", s.isExact()).exact("values", s.values());
        return s.isExact() ? o.exact("count", s.count()) : o.relative("count", s.count(), 0.03);
    }
}
