package dev.vigil.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link Histogram} in each representation: dense from the start (at most {@link
 * Histogram#DENSE_UP_TO} bins), sparse (many bins, few filled) and switched from sparse to dense
 * (more than a tenth of the bins filled); serialised sparse or dense as it is shorter. Counts are
 * compared exactly, the sums outside the range within their reordering bound.
 */
class HistogramLawTest extends MergeLawContract<Histogram, Double> {
    static final int MAX_INPUTS = 4000;

    /**
     * The values below lo (= −5) are all negative and those above hi (= 5) all positive, at most
     * {@link #MAX_INPUTS} of them: two merge orders of their sums differ by at most this, relative.
     */
    static final double OUTSIDE_SUM_RELATIVE_TOLERANCE = reorderedSumBound(MAX_INPUTS);

    @Override
    protected Histogram empty() {
        return new Histogram(-5, 5, 40);
    }

    @Override
    protected List<Regime> regimes() {
        return List.of(
                regime("dense", 600).reaching("dense (few bins)", h -> h.bins() <= Histogram.DENSE_UP_TO),
                regime("sparse", 600)
                        .empty(() -> new Histogram(-5, 5, 10_000))
                        .reaching("sparse (at most a tenth of the bins filled)", h -> filled(h) <= h.bins() / 10),
                regime("sparse switched to dense", MAX_INPUTS)
                        .empty(() -> new Histogram(-5, 5, 1000))
                        .reaching("dense (more than a tenth of the bins filled)", h -> filled(h) > h.bins() / 10));
    }

    static long filled(Histogram h) {
        return Arrays.stream(h.counts()).filter(c -> c != 0).count();
    }

    /** Gaussian values, some outside [-5, 5], the edges themselves, and missing values. */
    @Override
    protected Double input(SplittableRandom r) {
        return switch (r.nextInt(30)) {
            case 0 -> -5.0;
            case 1 -> 5.0;
            case 2 -> 0.25;
            default -> gaussianOrMissing(r, 0, 3);
        };
    }

    @Override
    protected void feed(Histogram s, List<Double> inputs) {
        feedNumbers(s, inputs);
    }

    @Override
    protected Observation observe(Histogram h) {
        return new Observation()
                .exact("bins", h.bins())
                .exact("counts", h.counts())
                .exact("below", h.below())
                .exact("above", h.above())
                .exact("nulls", h.nulls())
                .exact("n", h.n())
                .relative("sumBelow", h.sumBelow(), OUTSIDE_SUM_RELATIVE_TOLERANCE)
                .relative("sumAbove", h.sumAbove(), OUTSIDE_SUM_RELATIVE_TOLERANCE);
    }
}
