package dev.vigil.performance;

import dev.vigil.calculators.CalculatorType;
import java.util.List;

/** {@code fairness}: opt-in; its section is {@link FairnessConfig}, its metrics {@link FairnessMetrics}. */
public final class FairnessType extends CalculatorType<FairnessConfig> {
    public FairnessType() {
        super(FairnessConfig.SCHEMA, false, FairnessMetrics.NAMES, FairnessConfig::parse);
    }

    @Override
    public String thresholdRefusal(FairnessConfig config, String metric) {
        List<String> configured = config.metrics();
        return configured.contains(metric)
                ? null
                : metric + " is not among calculators." + name() + ".metrics " + configured
                        + ", so its threshold would never be used; add the metric or drop the override";
    }

    @Override
    public Built build(FairnessConfig config, Build build) {
        var cols = build.monitor().columns();
        return Built.of(new FairnessCalculator(
                config,
                cols.target(),
                cols.prediction(),
                cols.scores().get(""),
                EstimatedPerformanceType.rowColumns(cols, build.columns()),
                build.overrides(name())));
    }
}
