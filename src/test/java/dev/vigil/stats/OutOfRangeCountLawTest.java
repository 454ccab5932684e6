package dev.vigil.stats;

import java.util.List;
import java.util.SplittableRandom;

/** {@link OutOfRangeCount} on [-1, 1.5], values around it, the bounds themselves and missing. */
class OutOfRangeCountLawTest extends MergeLawContract<OutOfRangeCount, Double> {
    @Override
    protected OutOfRangeCount empty() {
        return new OutOfRangeCount(-1, 1.5);
    }

    @Override
    protected Double input(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> -1.0;
            case 1 -> 1.5;
            default -> gaussianOrMissing(r, 0, 1.2);
        };
    }

    @Override
    protected void feed(OutOfRangeCount s, List<Double> inputs) {
        feedNumbers(s, inputs);
    }

    @Override
    protected Observation observe(OutOfRangeCount s) {
        return new Observation().exact("rows", s.rows()).exact("outside", s.outside());
    }
}
