package dev.vigil.multivariate;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.config.MonitorConfig;
import dev.vigil.config.ProblemType;
import dev.vigil.config.ResolvedColumns;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import dev.vigil.internal.Errors;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@code multivariate_drift}: opt-in; PCA reconstruction (scan-based) or the domain classifier
 * (row-based). Its section is {@link MultivariateDriftConfig}.
 */
public final class MultivariateDriftType implements CalculatorType<MultivariateDriftConfig> {
    public static final MultivariateDriftType INSTANCE = new MultivariateDriftType();

    private MultivariateDriftType() {}

    @Override
    public String name() {
        return ReconstructionDriftCalculator.NAME;
    }

    @Override
    public boolean onByDefault() {
        return false;
    }

    @Override
    public Schema schema() {
        return MultivariateDriftConfig.SCHEMA;
    }

    @Override
    public MultivariateDriftConfig parse(Section section, Context context) {
        return MultivariateDriftConfig.parse(section);
    }

    @Override
    public Map<String, Collection<String>> choices() {
        return Map.of("method", MultivariateDriftConfig.METHODS);
    }

    @Override
    public Collection<String> thresholdMetrics(ProblemType type) {
        return MultivariateDriftConfig.METRICS;
    }

    @Override
    public void check(MultivariateDriftConfig config, MonitorConfig monitor) {
        if (monitor.incremental() && config.method().equals(MultivariateDriftConfig.DOMAIN_CLASSIFIER)) {
            throw Errors.badValue(
                    "calculators.multivariate_drift.method",
                    MultivariateDriftConfig.DOMAIN_CLASSIFIER,
                    "reconstruction_error with incremental: true (the domain classifier trains on each"
                            + " chunk's rows, which an incremental run does not keep)");
        }
    }

    @Override
    public Built build(MultivariateDriftConfig config, Build build) {
        ResolvedColumns columns = build.columns();
        List<String> selected = config.columns() != null ? config.columns() : columns.features();
        for (String c : selected) {
            if (!columns.features().contains(c)) {
                throw Errors.unknownColumn("calculators.multivariate_drift.columns", c, "features", columns.features());
            }
        }
        List<String> continuous =
                columns.continuous().stream().filter(selected::contains).toList();
        List<String> categorical =
                columns.categorical().stream().filter(selected::contains).toList();
        if (config.method().equals(MultivariateDriftConfig.DOMAIN_CLASSIFIER)) {
            return Built.of(new DomainClassifierCalculator(
                    continuous,
                    categorical,
                    config.domainClassifier(),
                    build.overrides(name()).get(DomainClassifierCalculator.METRIC)));
        }
        return Built.of(new ReconstructionDriftCalculator(
                continuous,
                categorical,
                config.nComponents(),
                build.overrides(name()).get(ReconstructionDriftCalculator.METRIC)));
    }
}
