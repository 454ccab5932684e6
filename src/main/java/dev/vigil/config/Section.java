package dev.vigil.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.internal.Errors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A YAML mapping with its key path, for strict key checks and messages naming the key. */
public final class Section {
    final String path;
    final JsonNode node;

    /** The section's key path, e.g. {@code calculators.univariate_drift}. */
    public String path() {
        return path;
    }

    /** The section's YAML node. */
    public JsonNode node() {
        return node;
    }

    public Section(String path, JsonNode node) {
        this.path = path;
        this.node = node;
    }

    public static Section empty(String path) {
        return new Section(path, JsonNodeFactory.instance.objectNode());
    }

    public String key(String k) {
        return join(path, k);
    }

    /** {@code key} under {@code path} ({@code path.key}; just {@code key} at the top level). */
    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public void allow(String... keys) {
        List<String> valid = List.of(keys);
        node.fieldNames().forEachRemaining(k -> {
            if (!valid.contains(k)) {
                throw Errors.unknownKey(key(k), valid);
            }
        });
    }

    public boolean has(String k) {
        return node.has(k);
    }

    public Section section(String k) {
        JsonNode n = node.get(k);
        if (n == null || !n.isObject()) {
            throw Errors.badValue(key(k), n == null ? null : n.toString(), "a mapping of keys to values");
        }
        return new Section(key(k), n);
    }

    public Section requiredSection(String k, String expected) {
        if (!node.has(k) || node.get(k).isNull()) {
            throw Errors.missingKey(key(k), expected);
        }
        return section(k);
    }

    public String string(String k, String dflt) {
        JsonNode n = node.get(k);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isValueNode()) {
            throw Errors.badValue(key(k), n.toString(), "a single value");
        }
        String v = n.asText();
        if (v.isBlank()) {
            throw Errors.badValue(key(k), v, "a non-empty value");
        }
        return v;
    }

    public String requiredString(String k, String expected) {
        String v = string(k, null);
        if (v == null) {
            throw Errors.missingKey(key(k), expected);
        }
        return v;
    }

    public List<String> stringList(String k) {
        JsonNode n = node.get(k);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (n.isTextual()) {
            return List.of(n.asText());
        }
        if (!n.isArray()) {
            throw Errors.badValue(key(k), n.toString(), "a list of names, e.g. [a, b]");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isValueNode() || e.isNull()) {
                throw Errors.badValue(key(k), n.toString(), "a list of names, e.g. [a, b]");
            }
            out.add(e.asText());
        }
        return List.copyOf(out);
    }

    public boolean bool(String k, boolean dflt) {
        JsonNode n = node.get(k);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        String v = n.asText().trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        throw Errors.badValue(key(k), n.asText(), "true or false");
    }

    public int positiveInt(String k) {
        JsonNode n = node.get(k);
        boolean integral = n != null
                && (n.isIntegralNumber() && n.canConvertToInt()
                        || n.isTextual() && n.asText().trim().matches("-?\\d{1,9}"));
        if (!integral) {
            throw Errors.badValue(key(k), n == null ? null : n.asText(), "a positive whole number");
        }
        int v = n.isTextual() ? Integer.parseInt(n.asText().trim()) : n.asInt();
        if (v <= 0) {
            throw Errors.badValue(key(k), v, "a positive whole number (at least 1)");
        }
        return v;
    }

    /** A whole number, 0 or more. */
    public long count(String k) {
        JsonNode n = node.get(k);
        boolean integral = n != null
                && (n.isIntegralNumber() && n.canConvertToLong()
                        || n.isTextual() && n.asText().trim().matches("-?\\d{1,18}"));
        if (!integral) {
            throw Errors.badValue(key(k), n == null ? null : n.asText(), "a whole number, 0 or more");
        }
        long v = n.isTextual() ? Long.parseLong(n.asText().trim()) : n.asLong();
        if (v < 0) {
            throw Errors.badValue(key(k), v, "a whole number, 0 or more");
        }
        return v;
    }

    public Double nullableDouble(String k, Double dflt) {
        if (!node.has(k)) {
            return dflt;
        }
        JsonNode n = node.get(k);
        if (n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            throw Errors.badValue(key(k), n.asText(), "a number or null");
        }
    }

    public <E extends Enum<E>> E enumValue(String k, Class<E> type, E dflt) {
        String v = string(k, null);
        if (v == null) {
            return dflt;
        }
        List<String> valid = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String name = e.name().toLowerCase(Locale.ROOT);
            valid.add(name);
            if (name.equals(v.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw Errors.unknownName(key(k), v, valid);
    }

    /** A number in (0, 1]; the default when absent. */
    public double fraction(String k, double dflt) {
        Double v = nullableDouble(k, dflt);
        if (v == null || !(v > 0 && v <= 1)) {
            throw Errors.badValue(key(k), v == null ? "null" : v, "a number in (0, 1]");
        }
        return v;
    }

    /** A present key's number in (0, 1] (a {@link Key.Reader}). */
    public static double fractionOf(Section s, String k) {
        return s.fraction(k, Double.NaN);
    }

    /** A whole number in [lo, hi] (or its text); the default when absent. */
    public long wholeIn(String k, long dflt, long lo, long hi, String expected) {
        if (!has(k)) {
            return dflt;
        }
        JsonNode v = node.get(k);
        boolean integral = v.isIntegralNumber() && v.canConvertToLong()
                || v.isTextual() && v.asText().trim().matches("-?\\d{1,18}");
        long x = integral ? (v.isTextual() ? Long.parseLong(v.asText().trim()) : v.asLong()) : 0;
        if (!integral || x < lo || x > hi) {
            throw Errors.badValue(key(k), v.asText(), expected);
        }
        return x;
    }

    /** The child mapping {@code k}, or an empty one when it is absent or null. */
    public Section sectionOrEmpty(String k) {
        JsonNode n = node.get(k);
        return n == null || n.isNull() ? empty(key(k)) : section(k);
    }
}
