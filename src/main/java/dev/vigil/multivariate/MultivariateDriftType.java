package dev.vigil.multivariate;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.config.MonitorConfig;
import dev.vigil.config.ResolvedColumns;
import dev.vigil.internal.Errors;
import java.util.List;

/**
 * {@code multivariate_drift}: opt-in; PCA reconstruction (scan-based) or the domain classifier
 * (row-based). Its section is {@link MultivariateDriftConfig}.
 */
public final class MultivariateDriftType extends CalculatorType<MultivariateDriftConfig> {
    public MultivariateDriftType() {
        super(MultivariateDriftConfig.SCHEMA, false, MultivariateDriftConfig.METRICS, MultivariateDriftConfig::parse);
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
    public String thresholdRefusal(MultivariateDriftConfig config, String metric) {
        String measured = config.method().equals(MultivariateDriftConfig.DOMAIN_CLASSIFIER)
                ? DomainClassifierCalculator.METRIC
                : ReconstructionDriftCalculator.METRIC;
        return metric.equals(measured)
                ? null
                : "calculators.multivariate_drift.method is " + config.method() + ", which measures " + measured
                        + ", so this threshold would never be used; set the method or drop the override";
    }

    @Override
    public Built build(MultivariateDriftConfig config, Build build) {
        ResolvedColumns columns = build.columns();
        List<String> selected =
                build.selected(name(), config.columns(), columns.features(), columns.features(), "features");
        List<String> continuous = columns.continuousOf(selected);
        List<String> categorical = columns.categoricalOf(selected);
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
