package dev.vigil.quality;

import dev.vigil.stats.Moments;

/**
 * {@code sum}: the chunk's sum; sampling error {@code s · √n} (NannyML's
 * SummaryStatsSumCalculator).
 */
final class Sum extends MomentsMetric {
    Sum() {
        super("sum", null, Moments::sum, (s, mu4, n) -> SamplingErrors.sum(s, n));
    }
}
