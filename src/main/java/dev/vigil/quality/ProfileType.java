package dev.vigil.quality;

import dev.vigil.calculators.CalculatorType;
import java.util.List;

/**
 * {@code profile}: off unless configured; its section is {@link ProfileConfig}; the data-quality
 * calculator over {@link ProfileMetrics}.
 */
public final class ProfileType extends CalculatorType<ProfileConfig> {
    public ProfileType() {
        super(ProfileConfig.SCHEMA, false, ProfileMetrics.NAMES, ProfileConfig::parse);
    }

    /** Over its columns (default: the features), each with its kind. */
    @Override
    public Built build(ProfileConfig config, Build build) {
        var columns = build.columns();
        List<String> selected =
                build.selected(name(), config.columns(), columns.features(), columns.features(), "features");
        return Built.of(DataQualityCalculator.profile(
                config.metrics(),
                config.quantiles(),
                columns.continuousOf(selected),
                columns.categoricalOf(selected),
                build.overrides(name())));
    }
}
