package dev.vigil.config;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.calculators.Calculators;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The names each registered calculator accepts ({@link CalculatorType#choices}), in a stable order,
 * for {@code --help} and the configuration reference.
 */
public final class CalculatorChoices {
    private CalculatorChoices() {}

    /** A calculator's choices by key, keys sorted, each key's names in the registry's order. */
    public static SortedMap<String, Collection<String>> of(CalculatorType<?> type) {
        return new TreeMap<>(type.choices());
    }

    /**
     * The metrics {@code thresholds.<calculator>.<metric>} may name, over every problem type (in
     * order).
     */
    public static Set<String> thresholdMetrics(CalculatorType<?> type) {
        Set<String> out = new LinkedHashSet<>();
        for (ProblemType p : ProblemType.values()) {
            out.addAll(type.thresholdMetrics(p));
        }
        return out;
    }

    /**
     * The end of {@code vigil --help}: every calculator, whether it runs by default, and the names
     * each of its keys accepts.
     */
    public static String help() {
        StringBuilder out = new StringBuilder();
        out.append("\nCalculators (calculators.<name>; every key: docs/configuration.md):\n");
        for (CalculatorType<?> type : Calculators.ALL) {
            out.append("  ").append(type.name());
            out.append(type.onByDefault() ? " (on by default)\n" : "\n");
            for (Map.Entry<String, Collection<String>> e : of(type).entrySet()) {
                out.append("    ").append(e.getKey()).append(": ");
                out.append(String.join(", ", e.getValue())).append('\n');
            }
        }
        return out.toString();
    }
}
