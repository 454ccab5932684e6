package dev.vigil.stats;

import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link Moments}: counts, min and max exactly; the sum, mean, standard deviations, skewness and
 * fourth central moment within the rounding of their updates (below). Once centred near 0, once far
 * from it (mean 10^4, σ 1), where the running mean's rounding is what the law has to absorb.
 */
public class MomentsLawTest extends MergeLawContract<Moments, Double> {
    static final int INPUTS = 600;

    /**
     * Rounding budget, relative to each moment's scale: Welford's update and Chan/Pébay's merge round
     * each moment at most 8 times per value or merge, at most {@link #INPUTS} of each happen, and
     * each of two merge orders carries its own error, so 2·8·N·u; the rounding of the running mean
     * enters every centred deviation, so the budget is scaled by the conditioning {@code 1 + max|x| /
     * σ} in {@link #observe}. A moment of order p has scale n·R^p, R = max|x − mean|.
     */
    static final double ROUNDING_BUDGET = 2 * 8 * INPUTS * UNIT_ROUNDOFF;

    @Override
    protected Moments empty() {
        return new Moments();
    }

    @Override
    protected List<Regime> regimes() {
        return List.of(
                regime("centred", INPUTS), regime("far from zero", INPUTS).input(r -> gaussianOrMissing(r, 1e4, 1)));
    }

    @Override
    protected Double input(SplittableRandom r) {
        return gaussianOrMissing(r, 3, 10);
    }

    @Override
    protected void feed(Moments s, List<Double> inputs) {
        feedNumbers(s, inputs);
    }

    @Override
    protected Observation observe(Moments m) {
        return observe(m, INPUTS);
    }

    /**
     * The observation of moments of at most {@code inputs} values (also of other states' moments).
     */
    public static Observation observe(Moments m, int inputs) {
        double roundingBudget = ROUNDING_BUDGET * inputs / INPUTS;
        long n = m.n();
        double maxAbs = n == 0 ? 0 : Math.max(Math.abs(m.min()), Math.abs(m.max()));
        double sd = m.populationStd();
        double spread = n == 0 ? 0 : Math.max(m.max() - m.mean(), m.mean() - m.min());
        double ratio = sd > 0 ? spread / sd : 1;
        double budget = roundingBudget * (1 + (sd > 0 ? maxAbs / sd : 1));
        // Kahan's sum: within (2u + n·u²)·Σ|x| of exact (Higham §4.3), Σ|x| ≤ n·max|x|; sum() rounds
        // sum − compensation once more; two orders
        double sumTolerance = 2
                * ((2 * UNIT_ROUNDOFF + n * UNIT_ROUNDOFF * UNIT_ROUNDOFF) * n * maxAbs
                        + UNIT_ROUNDOFF * Math.abs(m.sum()));
        return new Observation()
                .exact("n", n)
                .exact("nulls", m.nulls())
                .exact("rows", m.rows())
                .exact("min", m.min())
                .exact("max", m.max())
                .approx("sum", m.sum(), sumTolerance)
                .approx("mean", m.mean(), budget * maxAbs)
                .approx("std", m.std(), budget * sd)
                .approx("populationStd", sd, budget * sd)
                .approx("skewness", m.skewness(), budget * (ratio * ratio * ratio + 1.5 * Math.abs(m.skewness())))
                .approx("centralMoment4", m.centralMoment4(), budget * Math.pow(spread, 4));
    }
}
