package dev.vigil.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of one configuration section, e.g. {@code chunking} or {@code
 * calculators.univariate_drift}: the section allows exactly these (an unknown key is an error
 * naming the closest valid one), and the configuration reference lists them.
 *
 * @param path the section's key path; {@code <name>} stands for a part the user chooses
 * @param help what the section configures
 * @param nested the sections inside this one (e.g. {@code alerts.webhook}), for the reference
 */
public record Schema(String path, String help, List<Key<?>> keys, List<Schema> nested) {
    public Schema {
        keys = List.copyOf(keys);
        nested = List.copyOf(nested);
    }

    /** A section without nested sections. */
    public Schema(String path, String help, List<Key<?>> keys) {
        this(path, help, keys, List.of());
    }

    public static Schema of(String path, String help, Key<?>... keys) {
        return new Schema(path, help, List.of(keys));
    }

    /** The names its keys accept, by key (the keys that declare {@link Key#choices}), in order. */
    public Map<String, Collection<String>> choices() {
        Map<String, Collection<String>> out = new LinkedHashMap<>();
        keys.stream().filter(k -> k.choices() != null).forEach(k -> out.put(k.name(), k.choices()));
        return out;
    }

    /** This schema with {@code more} listed as its nested sections (after any it has). */
    public Schema with(Schema... more) {
        List<Schema> all = new ArrayList<>(nested);
        all.addAll(List.of(more));
        return new Schema(path, help, keys, all);
    }

    public List<String> names() {
        return keys.stream().map(Key::name).toList();
    }

    /** The section, after checking that it holds no key this schema does not declare. */
    public Section check(Section section) {
        section.allow(names().toArray(String[]::new));
        return section;
    }
}
