package dev.vigil.drift;

import dev.vigil.thresholds.Bounds;
import dev.vigil.thresholds.Bounds.AlertRule;
import dev.vigil.thresholds.Bounds.LimitMode;
import dev.vigil.thresholds.MetricRule;
import dev.vigil.thresholds.Threshold;
import java.io.Serializable;
import java.util.Set;

/**
 * One univariate drift method: its name, the column kinds it applies to, what it reads from a
 * continuous column, its statistic on a chunk against the whole reference, and its thresholds and
 * alert. Registered in {@link DriftMethods}; {@link UnivariateDriftCalculator} provides the states
 * and asks each configured method to measure. docs/extending.md shows how to add one.
 */
public abstract class DriftMethod implements Serializable {

    /** The column kinds a method applies to. */
    public enum Kind {
        CONTINUOUS,
        CATEGORICAL
    }

    /**
     * A chunk's statistic, its p-value (NaN: none) and, when the value approximates the statistic on
     * the raw values, the bound on |value − that statistic| (NaN: exact).
     */
    public record Statistic(double value, double pValue, double errorBound) {
        /** An exact statistic. */
        public Statistic(double value, double pValue) {
            this(value, pValue, Double.NaN);
        }

        public static Statistic of(double value) {
            return new Statistic(value, Double.NaN);
        }

        /** Whether the value approximates the statistic on the raw values. */
        public boolean approximate() {
            return !Double.isNaN(errorBound);
        }

        /** This statistic, approximate within {@code bound}. */
        public Statistic within(double bound) {
            return new Statistic(value, pValue, bound);
        }
    }

    private final String key;
    private final ContinuousInput input;
    private final Set<Kind> kinds;

    /**
     * @param key its name in the configuration and the results (NannyML's spelling)
     * @param input what it reads from a continuous column (null when it does not measure them)
     * @param kinds the column kinds it measures
     */
    protected DriftMethod(String key, ContinuousInput input, Kind... kinds) {
        this.key = key;
        this.input = input;
        this.kinds = Set.of(kinds);
        if ((input != null) != this.kinds.contains(Kind.CONTINUOUS)) {
            throw new IllegalArgumentException(key + ": a continuous input iff continuous columns");
        }
    }

    public final String key() {
        return key;
    }

    public final Set<Kind> kinds() {
        return kinds;
    }

    /**
     * What it reads from a continuous column: the calculator provides that histogram (shared with
     * every method reading the same one) and, for the inputs with an exact path, the sorted values.
     */
    public final ContinuousInput input() {
        return input;
    }

    /**
     * Its value on a continuous column's chunk with values (the calculator gives NaN to empty ones).
     */
    public double continuous(ContinuousSample sample) {
        throw new UnsupportedOperationException(key() + " does not measure continuous columns");
    }

    /**
     * Its statistic on a continuous column's chunk with values: {@link #continuous} without a
     * p-value unless the method has one.
     */
    public Statistic continuousStatistic(ContinuousSample sample) {
        return Statistic.of(continuous(sample));
    }

    /**
     * Its statistic on a continuous column's chunk with values, with the bound on |value − the
     * statistic on the raw values| when the sample's path approximates it: {@link
     * #continuousStatistic} as it is for the methods defined on their sample's bins (NannyML's
     * jensen_shannon on Doane bins), and for {@link ExactPathMethod}s on their binned path.
     */
    public Statistic measuredStatistic(ContinuousSample sample) {
        return continuousStatistic(sample);
    }

    /**
     * Whether it alerts on its p-value below {@code calculators.univariate_drift.alpha} (with the
     * configured {@link PValueCorrection} across the chunk's tests) instead of on thresholds; such a
     * method has no thresholds, so a threshold override of it is refused.
     */
    public boolean alertsOnPValue() {
        return false;
    }

    /** Its value on a categorical column's chunk with values, the reference having some. */
    public Statistic categorical(CategorySample sample) {
        throw new UnsupportedOperationException(key() + " does not measure categorical columns");
    }

    /**
     * How its reference chunk values become thresholds: NannyML's default for drift distances ({@link
     * #upperOnly} without an upper limit) unless the configuration overrides it ({@code override},
     * null: none).
     */
    public MetricRule rule(Threshold override) {
        return upperOnly(null).overriddenBy(override);
    }

    /**
     * Whether a chunk alerts on its own: its value outside the thresholds, or for a method alerting
     * on its p-value {@code p <} {@value #DEFAULT_ALPHA} (NaN never alerts). The calculator applies
     * the configured α and correction to the latter ({@link PValueCorrection}).
     */
    public boolean alert(MetricRule rule, Bounds bounds, Statistic statistic) {
        return alertsOnPValue() ? statistic.pValue() < DEFAULT_ALPHA : rule.alert(bounds, statistic.value());
    }

    /** NannyML's level for the methods alerting on a p-value. */
    public static final double DEFAULT_ALPHA = 0.05;

    /** No thresholds, whatever the reference values: for the methods alerting on a p-value. */
    protected static final MetricRule NO_THRESHOLDS = new MetricRule(
            new Threshold.Constant(null, null), null, null, LimitMode.CLIP, AlertRule.OUTSIDE, MetricRule.Nans.SKIPPED);

    /**
     * NannyML's drift threshold: mean + 3σ of the reference chunk values, upper only, plain (not
     * NaN-skipping) mean and σ, clipped at 0 and at {@code upperLimit} (null: none).
     */
    protected static MetricRule upperOnly(Double upperLimit) {
        return new MetricRule(
                new Threshold.StandardDeviation(null, 3.0),
                0.0,
                upperLimit,
                LimitMode.CLIP,
                AlertRule.OUTSIDE,
                MetricRule.Nans.NO_BOUNDS);
    }
}
