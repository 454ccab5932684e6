package dev.vigil.quality;

import dev.vigil.stats.Moments;

/**
 * {@code std}: the chunk's sample standard deviation, at least 0; sampling error {@code √(P/n) /
 * (2s)}, {@code P = μ4 − (n−3)s⁴/(n−1)} (NannyML's SummaryStatsStdCalculator).
 */
final class Std extends MomentsMetric {
    Std() {
        super("std", 0.0, Moments::std, SamplingErrors::std);
    }

    /** The sample standard deviation needs two values. */
    @Override
    protected int valuesNeeded() {
        return 2;
    }
}
