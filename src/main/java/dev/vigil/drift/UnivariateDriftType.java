package dev.vigil.drift;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.config.ProblemType;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import dev.vigil.internal.Errors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** {@code univariate_drift}: on by default; its section is {@link UnivariateDriftConfig}. */
public final class UnivariateDriftType implements CalculatorType<UnivariateDriftConfig> {
    public static final UnivariateDriftType INSTANCE = new UnivariateDriftType();

    private UnivariateDriftType() {}

    @Override
    public String name() {
        return UnivariateDriftCalculator.NAME;
    }

    @Override
    public boolean onByDefault() {
        return true;
    }

    @Override
    public Schema schema() {
        return UnivariateDriftConfig.SCHEMA;
    }

    @Override
    public UnivariateDriftConfig parse(Section section, Context context) {
        return UnivariateDriftConfig.parse(section);
    }

    @Override
    public Map<String, Collection<String>> choices() {
        return Map.of(
                "continuous_methods", UnivariateDriftConfig.CONTINUOUS_METHODS,
                "categorical_methods", UnivariateDriftConfig.CATEGORICAL_METHODS);
    }

    @Override
    public Collection<String> thresholdMetrics(ProblemType type) {
        return new TreeSet<>(DriftMethods.keys());
    }

    /**
     * Over its columns (default: features, scores, prediction); features keep their kind, scores are
     * continuous, the prediction is categorical in classification and continuous in regression.
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
        List<String> selected = config.columns() != null ? config.columns() : defaults;
        for (String c : selected) {
            if (!continuous.contains(c) && !categorical.contains(c)) {
                throw Errors.unknownColumn(
                        "calculators.univariate_drift.columns", c, "features, scores or prediction", defaults);
            }
        }
        return Built.of(new UnivariateDriftCalculator(
                selected.stream().filter(continuous::contains).distinct().toList(),
                selected.stream().filter(categorical::contains).distinct().toList(),
                config,
                build.overrides(name())));
    }
}
