package dev.vigil.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a state exposes, for {@link MergeLawContract}: named exact parts (counts, flags, sorted
 * values, compared with {@link Arrays#deepEquals}) and named floating-point parts, each with an
 * absolute tolerance (the larger of the two sides' is used; NaN equals NaN).
 */
public final class Observation {
    private final Map<String, Object> exact = new LinkedHashMap<>();
    private final Map<String, double[]> approx = new LinkedHashMap<>();

    public Observation exact(String name, Object value) {
        exact.put(name, value);
        return this;
    }

    /** A floating-point part, within {@code tolerance} (absolute). */
    public Observation approx(String name, double value, double tolerance) {
        approx.put(name, new double[] {value, tolerance});
        return this;
    }

    /** A floating-point part within {@code relative} × its magnitude. */
    public Observation relative(String name, double value, double relative) {
        return approx(name, value, relative * Math.abs(value));
    }

    /** The differences from {@code actual} (this is the expected side); empty if none. */
    public List<String> differences(Observation actual) {
        List<String> out = new ArrayList<>();
        if (!exact.keySet().equals(actual.exact.keySet()) || !approx.keySet().equals(actual.approx.keySet())) {
            out.add("observed parts differ: " + names() + " vs " + actual.names());
            return out;
        }
        for (var e : exact.entrySet()) {
            Object a = actual.exact.get(e.getKey());
            if (!Arrays.deepEquals(new Object[] {e.getValue()}, new Object[] {a})) {
                out.add(e.getKey()
                        + ": expected "
                        + Arrays.deepToString(new Object[] {e.getValue()})
                        + " got "
                        + Arrays.deepToString(new Object[] {a}));
            }
        }
        for (var e : approx.entrySet()) {
            double[] x = e.getValue();
            double[] y = actual.approx.get(e.getKey());
            double tolerance = Math.max(x[1], y[1]);
            boolean same = Double.isNaN(x[0]) ? Double.isNaN(y[0]) : x[0] == y[0] || Math.abs(x[0] - y[0]) <= tolerance;
            if (!same) {
                out.add(e.getKey()
                        + ": expected "
                        + x[0]
                        + " got "
                        + y[0]
                        + " (difference "
                        + Math.abs(x[0] - y[0])
                        + ", tolerance "
                        + tolerance
                        + ")");
            }
        }
        return out;
    }

    private List<String> names() {
        List<String> n = new ArrayList<>(exact.keySet());
        n.addAll(approx.keySet());
        return n;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        exact.forEach((k, v) -> b.append(k)
                .append('=')
                .append(Arrays.deepToString(new Object[] {v}))
                .append(' '));
        approx.forEach((k, v) ->
                b.append(k).append('=').append(v[0]).append("±").append(v[1]).append(' '));
        return b.append('}').toString();
    }
}
