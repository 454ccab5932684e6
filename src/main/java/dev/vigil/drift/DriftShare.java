package dev.vigil.drift;

import dev.vigil.calculators.Measurement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code drift_share}: per chunk and segment, the share of the measured columns with a drift alert
 * (any method) among the columns measured in that chunk (a column counts when some method has a
 * value there); it alerts at or above {@code calculators.univariate_drift.drift_share}, as
 * Evidently's dataset drift. From the methods' values and alerts: no state of its own.
 */
final class DriftShare {
    private DriftShare() {}

    /** One row per chunk and segment of {@code values}, in their first order. */
    static List<Measurement> of(
            String calculator, List<FittedUnivariateDrift.Value> values, boolean[] alerts, double threshold) {
        Map<List<Object>, Set<String>> measured = new LinkedHashMap<>();
        Map<List<Object>, Set<String>> drifted = new LinkedHashMap<>();
        for (int k = 0; k < values.size(); k++) {
            FittedUnivariateDrift.Value v = values.get(k);
            List<Object> key = Arrays.asList(v.segment(), v.chunk());
            Set<String> columns = measured.computeIfAbsent(key, x -> new LinkedHashSet<>());
            Set<String> alerting = drifted.computeIfAbsent(key, x -> new LinkedHashSet<>());
            if (!Double.isNaN(v.statistic().value())) {
                columns.add(v.column());
            }
            if (alerts[k]) {
                alerting.add(v.column());
            }
        }
        List<Measurement> out = new ArrayList<>();
        measured.forEach((key, columns) -> {
            double share =
                    columns.isEmpty() ? Double.NaN : (double) drifted.get(key).size() / columns.size();
            out.add(new Measurement(
                    calculator,
                    UnivariateDriftConfig.DRIFT_SHARE_METRIC,
                    null,
                    (String) key.get(0),
                    (Integer) key.get(1),
                    Measurement.finite(share),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    threshold,
                    share >= threshold));
        });
        return out;
    }
}
