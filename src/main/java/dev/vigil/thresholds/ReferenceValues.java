package dev.vigil.thresholds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A metric's values on the reference chunks, gathered by key (e.g. segment, column and metric),
 * then each key's bounds under its {@link MetricRule}: the first half of the one threshold path.
 *
 * @param <K> what identifies one series of reference values
 */
public final class ReferenceValues<K> {
    private final Map<K, List<Double>> byKey = new LinkedHashMap<>();

    public void add(K key, double value) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    /** Each key's bounds, in the order keys were first added. */
    public Map<K, Bounds> bounds(Function<K, MetricRule> rule) {
        Map<K, Bounds> out = new HashMap<>();
        byKey.forEach((k, vs) -> out.put(
                k,
                rule.apply(k)
                        .bounds(vs.stream().mapToDouble(Double::doubleValue).toArray())));
        return out;
    }
}
