package dev.vigil.drift;

import dev.vigil.config.Key;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import dev.vigil.internal.Errors;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code calculators.univariate_drift}: columns (null = features + scores + prediction), the
 * methods per column kind (NannyML's default: jensen_shannon for both), and NannyML's {@code
 * calculation_method}/{@code n_bins} for the methods with an exact path; the level and multiple-testing
 * correction of the methods alerting on a p-value, whether {@code kolmogorov_smirnov} is one of them,
 * and the drift share that alerts.
 */
public record UnivariateDriftConfig(
        List<String> columns,
        List<String> continuousMethods,
        List<String> categoricalMethods,
        CalculationMethod calculationMethod,
        int nBins,
        double alpha,
        PValueCorrection pValueCorrection,
        KsAlert ksAlert,
        double driftShare)
        implements Serializable {

    /** What {@code kolmogorov_smirnov} alerts on. */
    public enum KsAlert {
        /** its statistic against the reference chunks' thresholds (NannyML) */
        THRESHOLD,
        /** its p-value below {@code alpha}, with the correction */
        P_VALUE
    }

    /** exact below 10,000 reference values (auto), always exact, or always binned (estimated). */
    public enum CalculationMethod {
        AUTO,
        EXACT,
        ESTIMATED
    }

    /** The registered methods for continuous columns ({@link DriftMethods}). */
    public static final List<String> CONTINUOUS_METHODS = DriftMethods.keys(DriftMethod.Kind.CONTINUOUS);

    /** The registered methods for categorical columns ({@link DriftMethods}). */
    public static final List<String> CATEGORICAL_METHODS = DriftMethods.keys(DriftMethod.Kind.CATEGORICAL);

    static final Key<List<String>> COLUMNS = Key.names(
            "columns",
            null,
            "the columns to measure (default: the features, the scores and the prediction; the target may"
                    + " be named too, for label shift)");
    static final Key<List<String>> CONTINUOUS = Key.names(
                    "continuous_methods",
                    List.of("jensen_shannon"),
                    "methods for continuous columns, among " + CONTINUOUS_METHODS)
            .withChoices(CONTINUOUS_METHODS);
    static final Key<List<String>> CATEGORICAL = Key.names(
                    "categorical_methods",
                    List.of("jensen_shannon"),
                    "methods for categorical columns, among " + CATEGORICAL_METHODS)
            .withChoices(CATEGORICAL_METHODS);
    static final Key<CalculationMethod> CALCULATION_METHOD = Key.oneOf(
            "calculation_method",
            CalculationMethod.class,
            CalculationMethod.AUTO,
            DriftMethods.exactPathMethods()
                    + ": exact below 10,000 reference values (auto), always"
                    + " exact, or always on n_bins bins (estimated), as NannyML");
    static final Key<Integer> N_BINS =
            Key.positiveInt("n_bins", 10_000, "bins of the estimated path of " + DriftMethods.exactPathMethods());

    static final Key<Double> ALPHA = Key.of(
            "alpha",
            "a number in (0, 1)",
            DriftMethod.DEFAULT_ALPHA,
            "the level of the methods alerting on a p-value (chi2; kolmogorov_smirnov with"
                    + " kolmogorov_smirnov_alert: p_value): a chunk alerts when p < alpha, after the correction",
            (s, k) -> {
                Double v = s.nullableDouble(k, null);
                if (v == null || !(v > 0 && v < 1)) {
                    throw Errors.badValue(s.key(k), v == null ? "null" : v, "a number in (0, 1)");
                }
                return v;
            });
    static final Key<PValueCorrection> P_VALUE_CORRECTION = Key.oneOf(
            "p_value_correction",
            PValueCorrection.class,
            PValueCorrection.NONE,
            "the multiple-testing correction across the p-value tests (columns × methods alerting on a p-value)"
                    + " of each chunk and segment: none (each test at alpha, NannyML), bonferroni (alpha / tests),"
                    + " holm (step-down) or benjamini_hochberg (false discovery rate alpha)");
    static final Key<KsAlert> KS_ALERT = Key.oneOf(
            "kolmogorov_smirnov_alert",
            KsAlert.class,
            KsAlert.THRESHOLD,
            "what kolmogorov_smirnov alerts on: its statistic against the thresholds (threshold, NannyML) or"
                    + " its p-value below alpha with the correction (p_value; no thresholds then)");
    static final Key<Double> DRIFT_SHARE = Key.of(
            "drift_share",
            "a number in (0, 1]",
            0.5,
            "the metric drift_share (per chunk and segment, the share of the measured columns with a drift"
                    + " alert) alerts at or above this share, as Evidently's dataset drift",
            Section::fractionOf);

    public static final Schema SCHEMA = Schema.of(
            "calculators.univariate_drift",
            "NannyML's univariate drift: per column and chunk, each method's distance to the whole" + " reference",
            COLUMNS,
            CONTINUOUS,
            CATEGORICAL,
            CALCULATION_METHOD,
            N_BINS,
            ALPHA,
            P_VALUE_CORRECTION,
            KS_ALERT,
            DRIFT_SHARE);

    /**
     * {@code calculators.consecutive_drift}: the same keys, each analysis chunk measured against the
     * chunk before it (Lakehouse Monitoring's CONSECUTIVE drift) instead of the whole reference.
     */
    public static final Schema CONSECUTIVE_SCHEMA = new Schema(
            "calculators.consecutive_drift",
            "univariate drift of each chunk against the chunk before it (Lakehouse Monitoring's CONSECUTIVE"
                    + " drift), with univariate_drift's methods and keys",
            SCHEMA.keys());

    /** This configuration with another level and correction. */
    public UnivariateDriftConfig withTesting(double alpha, PValueCorrection correction) {
        return new UnivariateDriftConfig(
                columns,
                continuousMethods,
                categoricalMethods,
                calculationMethod,
                nBins,
                alpha,
                correction,
                ksAlert,
                driftShare);
    }

    /** The configured methods that the thresholds section may not override, with why (none: empty). */
    public Map<String, String> refusedThresholds() {
        return refusedThresholds(SCHEMA.path());
    }

    /** As {@link #refusedThresholds()}, for the section at {@code path}. */
    public Map<String, String> refusedThresholds(String path) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String m : DriftMethods.keys()) {
            if (!continuousMethods.contains(m) && !categoricalMethods.contains(m)) {
                out.put(
                        m,
                        m + " is not among " + path + ".continuous_methods or categorical_methods,"
                                + " so its threshold would never be used; add the method or drop the override");
            } else if (method(m).alertsOnPValue()) {
                out.put(
                        m,
                        m + " alerts on its p-value, not on thresholds: set " + path + ".alpha"
                                + " (and p_value_correction) instead");
            }
        }
        out.put(DRIFT_SHARE_METRIC, "drift_share alerts at " + path + ".drift_share: set that key instead");
        return out;
    }

    /** The metric of the share of columns with a drift alert per chunk. */
    public static final String DRIFT_SHARE_METRIC = "drift_share";

    /** The registered method {@code key} as this configuration runs it. */
    DriftMethod method(String key) {
        return key.equals(KolmogorovSmirnov.KEY) && ksAlert == KsAlert.P_VALUE
                ? KolmogorovSmirnov.onPValue()
                : DriftMethods.get(key);
    }

    public static UnivariateDriftConfig defaults() {
        return parse(Section.empty(SCHEMA.path()));
    }

    /** Reads the section; unknown keys and methods are errors naming the closest valid one. */
    public static UnivariateDriftConfig parse(Section u) {
        return parse(SCHEMA, u);
    }

    /** Reads a section of {@code schema} (univariate_drift's keys). */
    static UnivariateDriftConfig parse(Schema schema, Section u) {
        schema.check(u);
        List<String> continuous = CONTINUOUS.read(u);
        List<String> categorical = CATEGORICAL.read(u);
        for (String m : continuous) {
            if (!CONTINUOUS_METHODS.contains(m)) {
                throw Errors.unknownName(CONTINUOUS.in(u), m, CONTINUOUS_METHODS);
            }
        }
        for (String m : categorical) {
            if (!CATEGORICAL_METHODS.contains(m)) {
                throw Errors.unknownName(CATEGORICAL.in(u), m, CATEGORICAL_METHODS);
            }
        }
        return new UnivariateDriftConfig(
                COLUMNS.read(u),
                List.copyOf(continuous),
                List.copyOf(categorical),
                CALCULATION_METHOD.read(u),
                N_BINS.read(u),
                ALPHA.read(u),
                P_VALUE_CORRECTION.read(u),
                KS_ALERT.read(u),
                DRIFT_SHARE.read(u));
    }
}
