package dev.vigil.stats;

import java.util.List;
import java.util.SplittableRandom;

/** {@link NullCount}: rows and missing values of numbers and strings alike. */
class NullCountLawTest extends MergeLawContract<NullCount, Object> {
    @Override
    protected NullCount empty() {
        return new NullCount();
    }

    /** A number, a string, or missing (null, NaN). */
    @Override
    protected Object input(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> null;
            case 1 -> Double.NaN;
            case 2 -> "s" + r.nextInt(10);
            default -> r.nextGaussian();
        };
    }

    @Override
    protected void feed(NullCount s, List<Object> inputs) {
        for (Object x : inputs) {
            if (x == null || (x instanceof Double d && d.isNaN())) {
                s.addNull();
            } else if (x instanceof Double d) {
                s.add(d);
            } else {
                s.add((String) x);
            }
        }
    }

    @Override
    protected Observation observe(NullCount s) {
        return new Observation().exact("rows", s.rows()).exact("nulls", s.nulls());
    }
}
