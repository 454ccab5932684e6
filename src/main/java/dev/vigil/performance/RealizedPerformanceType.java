package dev.vigil.performance;

import java.util.List;

/** {@code realized_performance}: opt-in; its section is {@link RealizedPerformanceConfig}. */
public final class RealizedPerformanceType extends PerformanceType<RealizedPerformanceConfig> {
    public RealizedPerformanceType() {
        super(
                RealizedPerformanceConfig.SCHEMA,
                (section, context) -> RealizedPerformanceConfig.parse(
                        section,
                        RealizedPerformanceCalculator.NAME,
                        context.problemType(),
                        context.columns(),
                        List.of(),
                        false));
    }

    @Override
    List<String> metrics(RealizedPerformanceConfig config) {
        return config.metrics();
    }

    @Override
    public Built build(RealizedPerformanceConfig config, Build build) {
        return Built.of(new RealizedPerformanceCalculator(problem(build), config, build.overrides(name())));
    }
}
