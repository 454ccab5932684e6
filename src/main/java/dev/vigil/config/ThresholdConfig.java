package dev.vigil.config;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.calculators.Calculators;
import dev.vigil.internal.Errors;
import java.io.Serializable;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A threshold override from the {@code thresholds:} section. For {@code constant} the bounds are
 * given; for {@code standard_deviation} the multipliers (null = no bound on that side).
 */
public record ThresholdConfig(
        Type type, Double lower, Double upper, Double stdLowerMultiplier, Double stdUpperMultiplier)
        implements Serializable {
    public enum Type {
        CONSTANT,
        STANDARD_DEVIATION
    }

    static final Key<Type> TYPE = Key.required(
            "type",
            "one of constant, standard_deviation",
            "fixed bounds (constant), or the mean of the reference chunks' values ± a multiplier ×"
                    + " their standard deviation (standard_deviation)",
            (s, k) -> {
                Type type = s.enumValue(k, Type.class, null);
                if (type == null) {
                    throw Errors.missingKey(s.key(k), "constant or standard_deviation");
                }
                return type;
            });
    static final Key<Double> LOWER = Key.number("lower", null, "constant: the lower bound (null: none)");
    static final Key<Double> UPPER = Key.number("upper", null, "constant: the upper bound (null: none)");
    static final Key<Double> STD_LOWER =
            Key.number("std_lower_multiplier", 3.0, "standard_deviation: the lower multiplier, >= 0 (null: none)");
    static final Key<Double> STD_UPPER =
            Key.number("std_upper_multiplier", 3.0, "standard_deviation: the upper multiplier, >= 0 (null: none)");

    static final Schema SCHEMA = Schema.of(
            "thresholds.<calculator>.<metric>",
            "replaces NannyML's default threshold of one metric, e.g. thresholds.data_quality.mean",
            TYPE,
            LOWER,
            UPPER,
            STD_LOWER,
            STD_UPPER);

    /**
     * The overrides by {@code <calculator>.<metric>} (null section: none); each key names a
     * registered calculator and one of its threshold metrics for the problem type.
     */
    static Map<String, ThresholdConfig> parseAll(Section s, ProblemType problemType) {
        Map<String, ThresholdConfig> out = new LinkedHashMap<>();
        if (s == null) {
            return out;
        }
        Iterator<String> names = s.node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            String[] parts = name.split("\\.");
            Optional<CalculatorType<?>> calculator = parts.length == 2 ? Calculators.find(parts[0]) : Optional.empty();
            if (calculator.isEmpty()) {
                throw Errors.badValue(
                        "thresholds." + name,
                        name,
                        "a key <calculator>.<metric> with calculator one of " + Calculators.names());
            }
            Collection<String> metrics = calculator.get().thresholdMetrics(problemType);
            if (!metrics.contains(parts[1])) {
                throw Errors.unknownName("thresholds." + name, parts[1], metrics);
            }
            out.put(name, parse(s.section(name)));
        }
        return out;
    }

    /** Reads one override; a constant takes bounds, a standard_deviation multipliers. */
    static ThresholdConfig parse(Section t) {
        SCHEMA.check(t);
        Type type = TYPE.read(t);
        if (type == Type.CONSTANT && (t.has(STD_LOWER.name()) || t.has(STD_UPPER.name()))) {
            throw Errors.badValue(t.path, "std_*_multiplier", "lower/upper for a constant threshold");
        }
        if (type == Type.STANDARD_DEVIATION && (t.has(LOWER.name()) || t.has(UPPER.name()))) {
            throw Errors.badValue(
                    t.path,
                    "lower/upper",
                    "std_lower_multiplier/std_upper_multiplier for a standard_deviation threshold");
        }
        Double lm = STD_LOWER.read(t);
        Double um = STD_UPPER.read(t);
        if (lm != null && lm < 0) {
            throw Errors.badValue(STD_LOWER.in(t), lm, "a number >= 0 or null");
        }
        if (um != null && um < 0) {
            throw Errors.badValue(STD_UPPER.in(t), um, "a number >= 0 or null");
        }
        Double lower = LOWER.read(t);
        Double upper = UPPER.read(t);
        if (lower != null && upper != null && lower >= upper) {
            throw Errors.badValue(
                    UPPER.in(t),
                    upper,
                    "a number above lower (" + lower + "): a constant band cannot be empty or flat");
        }
        return new ThresholdConfig(type, lower, upper, lm, um);
    }
}
