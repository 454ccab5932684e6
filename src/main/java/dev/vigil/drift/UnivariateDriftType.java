package dev.vigil.drift;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.config.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code univariate_drift}: on by default; its section is {@link UnivariateDriftConfig}. {@link
 * ConsecutiveDriftType} is the same calculator against the previous chunk.
 */
public class UnivariateDriftType extends CalculatorType<UnivariateDriftConfig> {
    private final boolean consecutive;

    public UnivariateDriftType() {
        this(UnivariateDriftConfig.SCHEMA, true, false);
    }

    UnivariateDriftType(Schema schema, boolean onByDefault, boolean consecutive) {
        super(schema, onByDefault, thresholdMetrics(), u -> UnivariateDriftConfig.parse(schema, u));
        this.consecutive = consecutive;
    }

    /** The methods and drift_share (refused, with the key to set instead). */
    private static TreeSet<String> thresholdMetrics() {
        TreeSet<String> out = new TreeSet<>(DriftMethods.keys());
        out.add(UnivariateDriftConfig.DRIFT_SHARE_METRIC);
        return out;
    }

    @Override
    public String thresholdRefusal(UnivariateDriftConfig config, String metric) {
        return config.refusedThresholds(schema().path()).get(metric);
    }

    /**
     * Over its columns (default: features, scores, prediction); features keep their kind, scores are
     * continuous, the prediction and the target are categorical in classification and continuous in
     * regression. The target is accepted when named (label shift, as NannyML accepts any column), not
     * a default: its values are only those that arrived.
     */
    @Override
    public Built build(UnivariateDriftConfig config, Build build) {
        var cols = build.monitor().columns();
        var columns = build.columns();
        List<String> continuous = new ArrayList<>(columns.continuous());
        List<String> categorical = new ArrayList<>(columns.categorical());
        List<String> defaults = new ArrayList<>(columns.features());
        for (String score : cols.scores().values()) {
            continuous.add(score);
            defaults.add(score);
        }
        if (cols.prediction() != null) {
            (build.monitor().problemType().isClassification() ? categorical : continuous).add(cols.prediction());
            defaults.add(cols.prediction());
        }
        if (cols.target() != null) {
            (build.monitor().problemType().isClassification() ? categorical : continuous).add(cols.target());
        }
        List<String> accepted = new ArrayList<>(continuous);
        accepted.addAll(categorical);
        List<String> selected =
                build.selected(name(), config.columns(), defaults, accepted, "features, scores, prediction or target");
        return Built.of(new UnivariateDriftCalculator(
                selected.stream().filter(continuous::contains).distinct().toList(),
                selected.stream().filter(categorical::contains).distinct().toList(),
                config,
                build.overrides(name()),
                consecutive));
    }
}
