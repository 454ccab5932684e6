package dev.vigil.config;

import dev.vigil.internal.Errors;
import dev.vigil.internal.UserException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where one input table comes from: a {@code path} with a {@code format}, or a catalog {@code
 * table}.
 *
 * @param key the configuration key of this section (for error messages), e.g. {@code reference}
 */
public record InputSpec(String key, String path, String table, String format, Map<String, String> options)
        implements Serializable {
    public static final Set<String> FORMATS = Set.of("csv", "parquet", "delta", "orc", "json");

    /** What a {@code reference} or {@code analysis} section is expected to be, for messages. */
    static final String EXPECTED = "{path: ..., format: ...} or {table: ...}";

    static final Key<String> PATH =
            Key.string("path", "a path or URI", "a file or directory to read (local, s3a://, abfss://, dbfs:/ ...)");
    static final Key<String> FORMAT = Key.parsedBySection(
            "format",
            "one of " + FORMATS.stream().sorted().toList(),
            null,
            "the path's format, case-insensitive (default: from the path's extension)");
    static final Key<String> TABLE =
            Key.string("table", "a table name", "a catalog table, e.g. db.name (instead of path and format)");
    static final Key<Map<String, String>> OPTIONS = Key.parsedBySection(
            "options",
            "a mapping of names to plain values",
            null,
            "Spark reader options, e.g. {header: true}; names keep their dots (fs.s3a.access.key)");

    /** The keys of every input section. */
    static final List<Key<?>> KEYS = List.of(PATH, FORMAT, TABLE, OPTIONS);

    public boolean isTable() {
        return table != null;
    }

    /** The path or table name, for messages ("none" when absent). */
    public String location() {
        return isTable() ? table : path == null ? "none" : path;
    }

    /**
     * Whether neither a path nor a table is configured: only a stored profile stands for the
     * reference ({@code reference: {profile: latest}}); reading it is then the user's mistake.
     */
    public boolean isAbsent() {
        return path == null && table == null;
    }

    /** Reads an input section that allows {@code schema}'s keys (the input keys and any extra). */
    static InputSpec parse(Section s, Schema schema) {
        return parse(s, schema, false);
    }

    /**
     * Reads an input section; {@code mayBeAbsent}: neither path nor table is fine too ({@link
     * #isAbsent()}).
     */
    static InputSpec parse(Section s, Schema schema, boolean mayBeAbsent) {
        schema.check(s);
        String path = PATH.read(s);
        String table = TABLE.read(s);
        if (path == null && table == null && mayBeAbsent) {
            if (s.has(FORMAT.name()) || s.has(OPTIONS.name())) {
                throw new UserException("configuration key '"
                        + s.path
                        + "': 'format' and 'options' need a 'path' (or give only 'profile')");
            }
            return new InputSpec(s.path, null, null, null, Map.of());
        }
        if ((path == null) == (table == null)) {
            throw new UserException(
                    "configuration key '" + s.path + "': expected exactly one of 'path' (with 'format') or 'table'");
        }
        String format = s.string(FORMAT.name(), null);
        if (path != null) {
            if (format == null) {
                format = guessFormat(path);
                if (format == null) {
                    throw Errors.missingKey(
                            FORMAT.in(s),
                            "one of " + InputSpec.FORMATS.stream().sorted().toList());
                }
            }
            format = format.toLowerCase(Locale.ROOT);
            if (!InputSpec.FORMATS.contains(format)) {
                throw Errors.unknownName(FORMAT.in(s), format, InputSpec.FORMATS);
            }
        }
        return new InputSpec(s.path, path, table, format, Map.copyOf(options(s)));
    }

    private static Map<String, String> options(Section s) {
        Map<String, String> options = new LinkedHashMap<>();
        if (s.has(OPTIONS.name())) {
            Section o = s.section(OPTIONS.name());
            o.node.fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) {
                    throw Errors.badValue(
                            o.path + "." + e.getKey(),
                            e.getValue().toString(),
                            "a plain value (string, number or boolean)");
                }
                options.put(e.getKey(), e.getValue().asText());
            });
        }
        return options;
    }

    private static String guessFormat(String path) {
        String p = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        for (String f : InputSpec.FORMATS) {
            if (p.endsWith("." + f)) {
                return f;
            }
        }
        return null;
    }

    /** The schema of the input section {@code path}: these keys plus {@code extra}. */
    static Schema schema(String path, String help, Key<?>... extra) {
        List<Key<?>> keys = new ArrayList<>(KEYS);
        keys.addAll(List.of(extra));
        return new Schema(path, help, keys);
    }
}
