package dev.vigil.performance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.config.ColumnsConfig;
import dev.vigil.config.Key;
import dev.vigil.config.ProblemType;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import dev.vigil.internal.Errors;
import dev.vigil.thresholds.MetricRule;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code calculators.estimated_performance}: CBPE for binary classification, DLE for regression.
 * {@code metrics}, {@code business_value_matrix} and {@code normalize_business_value} as for
 * realized performance; CBPE adds {@code calibration}: {@code auto} (NannyML's rule: calibrate when
 * cross-fitted isotonic calibration lowers the expected calibration error on the reference), {@code
 * always} or {@code never}; DLE adds {@code hyperparameters} (null for CBPE; calibration is null
 * for DLE); both take {@code performance_gap}, the sampling errors beyond which {@link
 * PerformanceGap} alerts (null: no gap rows).
 */
public record EstimatedPerformanceConfig(
        RealizedPerformanceConfig metrics,
        Calibration calibration,
        DleHyperparameters hyperparameters,
        Double performanceGap)
        implements Serializable {
    public enum Calibration {
        AUTO,
        ALWAYS,
        NEVER
    }

    /** CBPE, with the default performance gap. */
    public EstimatedPerformanceConfig(RealizedPerformanceConfig metrics, Calibration calibration) {
        this(metrics, calibration, null, DEFAULT_GAP);
    }

    /** NannyML's confidence band is ± 3 sampling errors; so is the gap's. */
    public static final double DEFAULT_GAP = MetricRule.CONFIDENCE_SAMPLING_ERRORS;

    static final Key<Calibration> CALIBRATION = Key.oneOf(
            "calibration",
            Calibration.class,
            Calibration.AUTO,
            "CBPE only: calibrate the scores when NannyML's rule says so (auto), always or never");
    static final Key<DleHyperparameters> HYPERPARAMETERS = Key.of(
            "hyperparameters",
            "a mapping (calculators.estimated_performance.hyperparameters)",
            DleHyperparameters.DEFAULTS,
            "DLE only (regression): the loss models' settings",
            (s, k) -> DleHyperparameters.parse(s.section(k)));

    static final Key<Double> PERFORMANCE_GAP = Key.of(
            "performance_gap",
            "a number > 0, or null",
            DEFAULT_GAP,
            "where a chunk has targets: rows performance_gap (realized − estimated, per metric) alerting"
                    + " beyond this many of the estimate's sampling errors, the concept-drift signal (null:"
                    + " no such rows)",
            (s, k) -> {
                Double v = s.nullableDouble(k, DEFAULT_GAP);
                if (v != null && !(v > 0)) {
                    throw Errors.badValue(s.key(k), v, "a number > 0, or null");
                }
                return v;
            });

    public static final Schema SCHEMA = schema();

    private static Schema schema() {
        List<Key<?>> keys = new ArrayList<>(RealizedPerformanceConfig.SCHEMA.keys());
        keys.add(CALIBRATION);
        keys.add(HYPERPARAMETERS);
        keys.add(PERFORMANCE_GAP);
        return new Schema(
                        "calculators.estimated_performance",
                        "performance without targets (opt-in): CBPE for classification, DLE for regression; the"
                                + " metric keys as realized_performance's",
                        keys)
                .with(DleHyperparameters.SCHEMA);
    }

    /** CBPE (classification) or DLE (regression). */
    static EstimatedPerformanceConfig parse(Section e, ProblemType type, ColumnsConfig columns) {
        String name = "estimated_performance";
        if (type == ProblemType.REGRESSION) {
            e.allow(RealizedPerformanceConfig.METRICS.name(), HYPERPARAMETERS.name(), PERFORMANCE_GAP.name());
            // the metrics (and the target and prediction they need) are checked as realized
            // performance checks them
            ObjectNode metricsOnly = ((ObjectNode) e.node()).deepCopy();
            metricsOnly.remove(HYPERPARAMETERS.name());
            metricsOnly.remove(PERFORMANCE_GAP.name());
            RealizedPerformanceConfig metrics = RealizedPerformanceConfig.parse(
                    new Section(e.path(), metricsOnly), name, type, columns, List.of(), true);
            return new EstimatedPerformanceConfig(metrics, null, HYPERPARAMETERS.read(e), PERFORMANCE_GAP.read(e));
        }
        if (columns.scores().isEmpty()) {
            throw Errors.missingKey(
                    "columns.scores", "the score column(s), because estimated_performance (CBPE) needs them");
        }
        RealizedPerformanceConfig metrics = RealizedPerformanceConfig.parse(
                e, name, type, columns, List.of(CALIBRATION.name(), PERFORMANCE_GAP.name()), true);
        return new EstimatedPerformanceConfig(metrics, CALIBRATION.read(e), null, PERFORMANCE_GAP.read(e));
    }
}
