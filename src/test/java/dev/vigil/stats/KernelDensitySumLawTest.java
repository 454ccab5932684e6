package dev.vigil.stats;

import java.util.List;
import java.util.SplittableRandom;

/** {@link KernelDensitySum} at 0.5 with bandwidth 0.8, on Gaussian values and missing ones. */
class KernelDensitySumLawTest extends MergeLawContract<KernelDensitySum, Double> {
    static final int INPUTS = 600;

    /**
     * The density is a sum of at most {@link #INPUTS} positive kernel terms (each computed alike in
     * every order) divided by exact integers: two merge orders differ by at most {@link
     * #reorderedSumBound} of it, relative.
     */
    static final double DENSITY_RELATIVE_TOLERANCE = reorderedSumBound(INPUTS);

    @Override
    protected KernelDensitySum empty() {
        return new KernelDensitySum(0.5, 0.8);
    }

    @Override
    protected int defaultInputs() {
        return INPUTS;
    }

    @Override
    protected Double input(SplittableRandom r) {
        return gaussianOrMissing(r, 0, 2);
    }

    @Override
    protected void feed(KernelDensitySum s, List<Double> inputs) {
        feedNumbers(s, inputs);
    }

    @Override
    protected Observation observe(KernelDensitySum s) {
        return new Observation().relative("density", s.density(), DENSITY_RELATIVE_TOLERANCE);
    }
}
