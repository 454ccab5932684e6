package dev.vigil.performance;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of fairness metrics ({@code calculators.fairness.metrics}): one line per metric; a
 * metric CBPE estimates also gives {@code estimated_<name>}. The configuration's valid names, the
 * threshold names and {@code --help} read them from here.
 */
public final class FairnessMetrics {
    private FairnessMetrics() {}

    static final List<FairnessMetric> ALL = List.of(
            new FairnessMetric.StatisticalParity(),
            new FairnessMetric.EqualOpportunity(),
            new FairnessMetric.PredictiveParity());

    /** Every name a section may list: the realized metrics, then the estimated ones. */
    public static final List<String> NAMES = names();

    private static List<String> names() {
        List<String> out = new ArrayList<>();
        ALL.forEach(m -> out.add(m.name()));
        ALL.stream().filter(FairnessMetric::estimable).forEach(m -> out.add(m.estimatedName()));
        return List.copyOf(out);
    }

    /** The metric a configured name reads (an estimated name gives its realized metric). */
    static FairnessMetric get(String name) {
        String realized =
                name.startsWith(FairnessMetric.ESTIMATED) ? name.substring(FairnessMetric.ESTIMATED.length()) : name;
        return ALL.stream()
                .filter(m -> m.name().equals(realized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fairness metric " + name));
    }

    static boolean isEstimated(String name) {
        return name.startsWith(FairnessMetric.ESTIMATED);
    }
}
