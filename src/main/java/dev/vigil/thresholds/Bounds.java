package dev.vigil.thresholds;

import java.io.Serializable;

/** Lower and upper alert thresholds; null = no bound on that side. */
public record Bounds(Double lower, Double upper) implements Serializable {
    public static final Bounds NONE = new Bounds(null, null);

    /**
     * NannyML's clipping to a metric's natural limits: a lower threshold at or below {@code
     * lowerLimit} (an upper at or above {@code upperLimit}) is replaced by the limit, or dropped when
     * {@code dropAtLimit}.
     */
    public Bounds clip(Double lowerLimit, Double upperLimit, LimitMode mode) {
        Double lo = lower;
        Double hi = upper;
        if (lowerLimit != null && lo != null && lo <= lowerLimit) {
            lo = mode == LimitMode.DROP ? null : lowerLimit;
        }
        if (upperLimit != null && hi != null && hi >= upperLimit) {
            hi = mode == LimitMode.DROP ? null : upperLimit;
        }
        return new Bounds(lo, hi);
    }

    /** What happens to a threshold beyond a metric's limit. */
    public enum LimitMode {
        CLIP,
        DROP
    }

    /** How a value is compared with the thresholds (NannyML uses two rules). */
    public enum AlertRule {
        /**
         * alert unless {@code lower < value < upper}: a value equal to a threshold, or NaN, alerts
         * (summary stats)
         */
        STRICTLY_INSIDE,
        /**
         * alert when {@code value > upper} or {@code value < lower}; NaN never alerts (data-quality
         * checks)
         */
        OUTSIDE
    }

    public boolean alert(double value, AlertRule rule) {
        double lo = lower == null ? Double.NEGATIVE_INFINITY : lower;
        double hi = upper == null ? Double.POSITIVE_INFINITY : upper;
        return switch (rule) {
            case STRICTLY_INSIDE -> !(lo < value && value < hi);
            case OUTSIDE -> value > hi || value < lo;
        };
    }
}
