package dev.vigil.config;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.calculators.Calculators;
import dev.vigil.internal.UserException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code calculators} section: one key per registered calculator ({@link Calculators#ALL}),
 * each read by its {@link CalculatorType}.
 */
final class CalculatorSections {
    private CalculatorSections() {}

    /** The section's schema, from the registry: a key per calculator, and its section nested. */
    static final Schema SCHEMA = schema();

    private static Schema schema() {
        List<Key<?>> keys =
                Calculators.ALL.stream().<Key<?>>map(CalculatorSections::key).toList();
        String defaults = String.join(
                " and ",
                Calculators.ALL.stream()
                        .filter(CalculatorType::onByDefault)
                        .map(t -> t.name())
                        .toList());
        Schema schema = new Schema(
                "calculators",
                "the calculators to run: without this section "
                        + defaults
                        + " with their defaults; with it, exactly the calculators it names (a calculator"
                        + " named without settings has its defaults)",
                keys);
        return schema.with(Calculators.ALL.stream().map(CalculatorType::schema).toArray(Schema[]::new));
    }

    private static Key<Object> key(CalculatorType<?> type) {
        return Key.parsedBySection(
                type.name(),
                "a mapping (" + type.schema().path() + "), or nothing for its defaults",
                null,
                type.schema().help() + (type.onByDefault() ? " (on by default)" : ""));
    }

    /**
     * Each enabled calculator's configuration: without a {@code calculators} section (null) the
     * registry's defaults ({@link CalculatorType#onByDefault}); with one, exactly the calculators it
     * names (a calculator named without settings has its defaults).
     */
    static Map<String, Object> parse(Section s, CalculatorType.Context context) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (s != null) {
            SCHEMA.check(s);
        }
        for (CalculatorType<?> type : Calculators.ALL) {
            if (s == null ? type.onByDefault() : s.has(type.name())) {
                Section section =
                        s == null ? Section.empty("calculators." + type.name()) : s.sectionOrEmpty(type.name());
                out.put(type.name(), type.parse(section, context));
            }
        }
        if (out.isEmpty()) {
            throw new UserException(
                    "configuration key 'calculators': no calculator is enabled; expected at least one of "
                            + Calculators.names()
                            + " (or leave 'calculators' out for the defaults)");
        }
        return Collections.unmodifiableMap(out);
    }
}
