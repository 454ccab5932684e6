package dev.vigil.thresholds;

import dev.vigil.config.ThresholdConfig;
import java.io.Serializable;

/**
 * Turns the metric's values on the reference chunks into alert bounds (NannyML's Threshold
 * classes).
 */
public sealed interface Threshold extends Serializable permits Threshold.Constant, Threshold.StandardDeviation {
    Bounds bounds(double[] referenceChunkValues);

    /** Fixed bounds, whatever the reference. */
    record Constant(Double lower, Double upper) implements Threshold {
        public Bounds bounds(double[] ignored) {
            return new Bounds(lower, upper);
        }
    }

    /**
     * {@code mean ± k·std} of the reference chunk values, NaNs ignored, population std (ddof = 0) as
     * NannyML's {@code np.nanstd}; a null multiplier means no bound on that side.
     */
    record StandardDeviation(Double lowerMultiplier, Double upperMultiplier) implements Threshold {
        public Bounds bounds(double[] values) {
            double sum = 0;
            int n = 0;
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            if (n == 0) {
                return Bounds.NONE;
            }
            double mean = sum / n;
            double ss = 0;
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    ss += (v - mean) * (v - mean);
                }
            }
            double std = Math.sqrt(ss / n);
            return new Bounds(
                    lowerMultiplier == null ? null : mean - std * lowerMultiplier,
                    upperMultiplier == null ? null : mean + std * upperMultiplier);
        }
    }

    Threshold DEFAULT = new StandardDeviation(3.0, 3.0);

    static Threshold of(ThresholdConfig c) {
        return c.type() == ThresholdConfig.Type.CONSTANT
                ? new Constant(c.lower(), c.upper())
                : new StandardDeviation(c.stdLowerMultiplier(), c.stdUpperMultiplier());
    }
}
