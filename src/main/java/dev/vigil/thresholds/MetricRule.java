package dev.vigil.thresholds;

import dev.vigil.thresholds.Bounds.AlertRule;
import dev.vigil.thresholds.Bounds.LimitMode;
import java.io.Serializable;
import java.util.Map;

/**
 * How one metric's thresholds and alerts work, as NannyML defines them for it: the default
 * threshold (replaced by a configured override), the metric's natural limits and what happens to a
 * threshold beyond them, how missing reference values are treated, and how a value is compared with
 * the thresholds. The one path from reference chunk values to bounds to alerts: every calculator
 * states its metrics' rules here and calls {@link #bounds} and {@link #alert}.
 *
 * @param lowerLimit the metric's smallest possible value (null: none)
 * @param upperLimit the metric's largest possible value (null: none)
 */
public record MetricRule(
        Threshold threshold, Double lowerLimit, Double upperLimit, LimitMode limitMode, AlertRule alertRule, Nans nans)
        implements Serializable {

    /** What a NaN among the reference chunk values does to the thresholds. */
    public enum Nans {
        /** NaNs are left out (NannyML's {@code np.nanmean}/{@code np.nanstd}) */
        SKIPPED,
        /** any NaN gives no bounds for a standard-deviation threshold (NannyML's plain mean/std) */
        NO_BOUNDS
    }

    /** NannyML's usual rule: mean ± 3σ, clipped to the limits, alert outside the bounds. */
    public static MetricRule standard(Double lowerLimit, Double upperLimit) {
        return new MetricRule(
                Threshold.DEFAULT, lowerLimit, upperLimit, LimitMode.CLIP, AlertRule.OUTSIDE, Nans.SKIPPED);
    }

    public MetricRule withThreshold(Threshold t) {
        return new MetricRule(t, lowerLimit, upperLimit, limitMode, alertRule, nans);
    }

    public MetricRule withLimitMode(LimitMode mode) {
        return new MetricRule(threshold, lowerLimit, upperLimit, mode, alertRule, nans);
    }

    public MetricRule withAlertRule(AlertRule rule) {
        return new MetricRule(threshold, lowerLimit, upperLimit, limitMode, rule, nans);
    }

    public MetricRule withNans(Nans n) {
        return new MetricRule(threshold, lowerLimit, upperLimit, limitMode, alertRule, n);
    }

    /** This rule with the configured override of its threshold, if any. */
    public MetricRule overriddenBy(Threshold override) {
        return override == null ? this : withThreshold(override);
    }

    /** This rule with the override configured for {@code metric} among {@code overrides}. */
    public MetricRule overriddenBy(Map<String, Threshold> overrides, String metric) {
        return overriddenBy(overrides.get(metric));
    }

    /** The alert bounds from the metric's values on the reference chunks. */
    public Bounds bounds(double[] referenceChunkValues) {
        if (nans == Nans.NO_BOUNDS && threshold instanceof Threshold.StandardDeviation) {
            for (double v : referenceChunkValues) {
                if (Double.isNaN(v)) {
                    return Bounds.NONE;
                }
            }
        }
        return threshold.bounds(referenceChunkValues).clip(lowerLimit, upperLimit, limitMode);
    }

    /**
     * NannyML's confidence band of a value: {lower, upper} = value ∓ 3 sampling errors, each clipped
     * to the metric's limits (null: none); NaN when either input is.
     */
    public double[] confidenceBand(double value, double samplingError) {
        return confidenceBand(value, samplingError, lowerLimit, upperLimit);
    }

    /** {@link #confidenceBand(double, double)} with the given limits. */
    public static double[] confidenceBand(double value, double samplingError, Double lowerLimit, Double upperLimit) {
        double lower = value - CONFIDENCE_SAMPLING_ERRORS * samplingError;
        double upper = value + CONFIDENCE_SAMPLING_ERRORS * samplingError;
        return new double[] {
            lowerLimit == null ? lower : Math.max(lowerLimit, lower),
            upperLimit == null ? upper : Math.min(upperLimit, upper)
        };
    }

    /** NannyML's SAMPLING_ERROR_RANGE: the band is ± this many sampling errors. */
    public static final double CONFIDENCE_SAMPLING_ERRORS = 3.0;

    /** Whether {@code value} alerts against {@code bounds} under this rule. */
    public boolean alert(Bounds bounds, double value) {
        return bounds.alert(value, alertRule);
    }
}
