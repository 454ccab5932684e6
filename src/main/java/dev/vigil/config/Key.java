package dev.vigil.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One configuration key, declared once next to the record it fills: its name, what it takes, its
 * default, what it does, and how it is read from its section. The configuration reference
 * (docs/configuration.md) is generated from these declarations ({@link ConfigReference}).
 *
 * @param takes what the key expects, for people ("a positive whole number")
 * @param defaultValue the value when the key is absent (null: none)
 * @param help one sentence on what the key does
 * @param required the reader runs even when the key is absent (it names the missing key)
 * @param choices the names the key accepts, from a registry (null: any value its reader takes); for
 *     {@code --help}, error suggestions and the configuration reference
 */
public record Key<T>(
        String name,
        String takes,
        T defaultValue,
        String help,
        Key.Reader<T> reader,
        boolean required,
        List<String> choices) {

    /** An optional key. */
    public Key(String name, String takes, T defaultValue, String help, Reader<T> reader) {
        this(name, takes, defaultValue, help, reader, false, null);
    }

    /** This key, accepting the names {@code choices}. */
    public Key<T> withChoices(List<String> choices) {
        return new Key<>(name, takes, defaultValue, help, reader, required, List.copyOf(choices));
    }

    /** Reads a present key's value (YAML null included) from its section; errors name the key. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Section section, String name);
    }

    /**
     * The key's value in {@code section}: the default when absent (a required key's reader reports it
     * missing), else what the reader makes of it.
     */
    public T read(Section section) {
        return required || section.has(name) ? reader.read(section, name) : defaultValue;
    }

    /** The key's full path in {@code section}, e.g. {@code chunking.size}. */
    public String in(Section section) {
        return section.key(name);
    }

    /** The default as the configuration reference shows it. */
    public String defaultText() {
        if (required) {
            return "required";
        }
        if (defaultValue == null) {
            return "";
        }
        if (defaultValue instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (defaultValue instanceof Record) {
            return "its keys' defaults";
        }
        if (defaultValue instanceof List<?> l) {
            return l.stream().map(Key::text).toList().toString();
        }
        return text(defaultValue);
    }

    private static String text(Object o) {
        return o instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(o);
    }

    public static <T> Key<T> of(String name, String takes, T dflt, String help, Reader<T> reader) {
        return new Key<>(name, takes, dflt, help, reader);
    }

    /** A key that must be given: {@code reader} names it when it is absent (or null). */
    public static <T> Key<T> required(String name, String takes, String help, Reader<T> reader) {
        return new Key<>(name, takes, null, help, reader, true, null);
    }

    /**
     * A key its section's parse reads itself, because its value depends on other keys or on the
     * problem type; declared here for the allowed keys and the configuration reference.
     */
    public static <T> Key<T> parsedBySection(String name, String takes, T dflt, String help) {
        return of(name, takes, dflt, help, (s, k) -> {
            throw new IllegalStateException(s.key(k) + " is read by its section's parse");
        });
    }

    /** A non-blank single value (null when absent). */
    public static Key<String> string(String name, String help) {
        return string(name, "a name or value", help);
    }

    /** A non-blank single value (null when absent) that is {@code takes}, e.g. "a column name". */
    public static Key<String> string(String name, String takes, String help) {
        return of(name, takes, null, help, (s, k) -> s.string(k, null));
    }

    /** A list of names (a single name is a list of one; null when absent). */
    public static Key<List<String>> names(String name, List<String> dflt, String help) {
        return of(name, "a list of names, e.g. [a, b]", dflt, help, Section::stringList);
    }

    public static Key<Integer> positiveInt(String name, Integer dflt, String help) {
        return of(name, "a positive whole number", dflt, help, Section::positiveInt);
    }

    /** A whole number, 0 or more. */
    public static Key<Long> count(String name, long dflt, String help) {
        return of(name, "a whole number, 0 or more", dflt, help, Section::count);
    }

    public static Key<Boolean> bool(String name, boolean dflt, String help) {
        return of(name, "true or false", dflt, help, (s, k) -> s.bool(k, dflt));
    }

    /** A number, or null (an explicit YAML null reads as null). */
    public static Key<Double> number(String name, Double dflt, String help) {
        return of(name, "a number or null", dflt, help, (s, k) -> s.nullableDouble(k, dflt));
    }

    /** One of an enum's constants, by their lower-case names. */
    public static <E extends Enum<E>> Key<E> oneOf(String name, Class<E> type, E dflt, String help) {
        List<String> values = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList();
        return of(name, "one of " + String.join(", ", values), dflt, help, (s, k) -> s.enumValue(k, type, dflt));
    }
}
