package dev.vigil.stats;

import java.util.List;
import java.util.SplittableRandom;

/** {@link ValueKinds}: nulls, NaNs (fed apart from nulls), zeros and values, all counted exactly. */
class ValueKindsLawTest extends MergeLawContract<ValueKinds, Double> {
    @Override
    protected ValueKinds empty() {
        return new ValueKinds();
    }

    /** Missing, NaN, zero or a number. */
    @Override
    protected Double input(SplittableRandom r) {
        int u = r.nextInt(10);
        return u == 0 ? null : u == 1 ? Double.NaN : u == 2 ? 0.0 : r.nextGaussian();
    }

    @Override
    protected void feed(ValueKinds s, List<Double> inputs) {
        for (Double x : inputs) {
            if (x == null) {
                s.addNull();
            } else if (x.isNaN()) {
                s.addNaN();
            } else {
                s.add(x);
            }
        }
    }

    @Override
    protected Observation observe(ValueKinds s) {
        return new Observation()
                .exact("nulls", s.nulls())
                .exact("nans", s.nans())
                .exact("zeros", s.zeros())
                .exact("values", s.values())
                .exact("rows", s.rows());
    }
}
