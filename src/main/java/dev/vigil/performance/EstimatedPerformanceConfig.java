package dev.vigil.performance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.config.ColumnsConfig;
import dev.vigil.config.Key;
import dev.vigil.config.ProblemType;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import dev.vigil.internal.Errors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code calculators.estimated_performance}: CBPE for binary classification, DLE for regression.
 * {@code metrics}, {@code business_value_matrix} and {@code normalize_business_value} as for
 * realized performance; CBPE adds {@code calibration}: {@code auto} (NannyML's rule: calibrate when
 * cross-fitted isotonic calibration lowers the expected calibration error on the reference), {@code
 * always} or {@code never}; DLE adds {@code hyperparameters} (null for CBPE; calibration is null
 * for DLE).
 */
public record EstimatedPerformanceConfig(
        RealizedPerformanceConfig metrics, Calibration calibration, DleHyperparameters hyperparameters)
        implements Serializable {
    public enum Calibration {
        AUTO,
        ALWAYS,
        NEVER
    }

    /** CBPE. */
    public EstimatedPerformanceConfig(RealizedPerformanceConfig metrics, Calibration calibration) {
        this(metrics, calibration, null);
    }

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

    public static final Schema SCHEMA = schema();

    private static Schema schema() {
        List<Key<?>> keys = new ArrayList<>(RealizedPerformanceConfig.SCHEMA.keys());
        keys.add(CALIBRATION);
        keys.add(HYPERPARAMETERS);
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
            e.allow(RealizedPerformanceConfig.METRICS.name(), HYPERPARAMETERS.name());
            // the metrics (and the target and prediction they need) are checked as realized
            // performance checks them
            ObjectNode metricsOnly = ((ObjectNode) e.node()).deepCopy();
            metricsOnly.remove(HYPERPARAMETERS.name());
            RealizedPerformanceConfig metrics = RealizedPerformanceConfig.parse(
                    new Section(e.path(), metricsOnly), name, type, columns, List.of(), true);
            return new EstimatedPerformanceConfig(metrics, null, HYPERPARAMETERS.read(e));
        }
        if (columns.scores().isEmpty()) {
            throw Errors.missingKey(
                    "columns.scores", "the score column(s), because estimated_performance (CBPE) needs them");
        }
        RealizedPerformanceConfig metrics =
                RealizedPerformanceConfig.parse(e, name, type, columns, List.of(CALIBRATION.name()), true);
        return new EstimatedPerformanceConfig(metrics, CALIBRATION.read(e));
    }
}
