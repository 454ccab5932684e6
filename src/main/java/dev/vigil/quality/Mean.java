package dev.vigil.quality;

import dev.vigil.stats.Moments;

/**
 * {@code mean}: the chunk's mean; sampling error {@code s / √n} (NannyML's
 * SummaryStatsAvgCalculator).
 */
final class Mean extends MomentsMetric {
    Mean() {
        super("mean", null, Moments::mean, (s, mu4, n) -> SamplingErrors.mean(s, n));
    }
}
