package dev.vigil.performance;

import dev.vigil.config.Section;
import java.util.List;

/** {@code realized_performance}: opt-in; its section is {@link RealizedPerformanceConfig}. */
public final class RealizedPerformanceType extends PerformanceType<RealizedPerformanceConfig> {
    public static final RealizedPerformanceType INSTANCE = new RealizedPerformanceType();

    private RealizedPerformanceType() {
        super(false);
    }

    @Override
    public RealizedPerformanceConfig parse(Section section, Context context) {
        return RealizedPerformanceConfig.parse(
                section, name(), context.problemType(), context.columns(), List.of(), false);
    }

    @Override
    public Built build(RealizedPerformanceConfig config, Build build) {
        return Built.of(new RealizedPerformanceCalculator(problem(build), config, build.overrides(name())));
    }
}
