package dev.vigil.quality;

import dev.vigil.calculators.CalculatorType;
import java.util.List;

/** {@code data_quality}: on by default; its section is {@link DataQualityConfig}. */
public final class DataQualityType extends CalculatorType<DataQualityConfig> {
    public DataQualityType() {
        super(DataQualityConfig.SCHEMA, true, QualityMetrics.NAMES, DataQualityConfig::parse);
    }

    @Override
    public String thresholdRefusal(DataQualityConfig config, String metric) {
        return config.metrics().contains(metric)
                ? null
                : metric + " is not among calculators.data_quality.metrics " + config.metrics()
                        + ", so its threshold would never be used; add the metric or drop the override";
    }

    /** Over its columns (default: the features), each with its kind. */
    @Override
    public Built build(DataQualityConfig config, Build build) {
        var columns = build.columns();
        List<String> selected =
                build.selected(name(), config.columns(), columns.features(), columns.features(), "features");
        return Built.of(new DataQualityCalculator(
                config.metrics(),
                columns.continuousOf(selected),
                columns.categoricalOf(selected),
                build.overrides(name())));
    }
}
