package dev.vigil.config;

import dev.vigil.internal.Errors;
import dev.vigil.internal.UserException;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * How rows are split into chunks. Exactly one of size, number or period applies ({@link #kind()}).
 * With nothing configured Vigil splits each dataset into 10 chunks, as NannyML's default chunker
 * does.
 */
public record ChunkingConfig(Kind kind, int size, int number, PeriodUnit period, Incomplete incomplete)
        implements Serializable {
    public enum Kind {
        SIZE,
        NUMBER,
        PERIOD
    }

    /**
     * What happens to the rows left over after the last full chunk (NannyML's {@code incomplete}).
     */
    public enum Incomplete {
        /** the leftover rows form a last, smaller chunk */
        KEEP,
        /** the leftover rows are left out */
        DROP,
        /** the leftover rows join the last full chunk */
        APPEND
    }

    public enum PeriodUnit {
        HOUR,
        DAY,
        WEEK,
        MONTH,
        QUARTER,
        YEAR;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final int DEFAULT_NUMBER = 10;

    public static ChunkingConfig defaults() {
        return new ChunkingConfig(Kind.NUMBER, 0, DEFAULT_NUMBER, null, Incomplete.KEEP);
    }

    static final Key<Integer> SIZE = Key.positiveInt("size", null, "rows per chunk (NannyML's chunk_size)");
    static final Key<Integer> NUMBER = Key.positiveInt(
            "number", DEFAULT_NUMBER, "the number of chunks (NannyML's chunk_number; the mode when none is given)");
    static final Key<PeriodUnit> PERIOD =
            Key.oneOf("period", PeriodUnit.class, null, "one chunk per period of columns.timestamp (NannyML's)");
    static final Key<Incomplete> INCOMPLETE = Key.oneOf(
            "incomplete",
            Incomplete.class,
            Incomplete.KEEP,
            "size and number: the rows after the last full chunk form a last chunk (keep), are left"
                    + " out (drop) or join the last full chunk (append)");

    /** The chunking modes, of which at most one is given. */
    private static final List<Key<?>> MODES = List.of(SIZE, NUMBER, PERIOD);

    static final Schema SCHEMA = Schema.of(
            "chunking",
            "how reference and analysis are split into chunks: one of size, number or period",
            SIZE,
            NUMBER,
            PERIOD,
            INCOMPLETE);

    /** Reads the section (null: NannyML's default, 10 chunks). */
    static ChunkingConfig parse(Section s) {
        if (s == null) {
            return defaults();
        }
        SCHEMA.check(s);
        long given = MODES.stream().filter(k -> s.has(k.name())).count();
        if (given > 1) {
            throw new UserException(
                    "configuration key 'chunking': expected only one of 'size', 'number' or 'period', got " + given);
        }
        Incomplete incomplete = INCOMPLETE.read(s);
        if (s.has(SIZE.name())) {
            return new ChunkingConfig(Kind.SIZE, SIZE.read(s), 0, null, incomplete);
        }
        if (s.has(PERIOD.name())) {
            if (s.has(INCOMPLETE.name())) {
                throw Errors.badValue(
                        INCOMPLETE.in(s),
                        s.string(INCOMPLETE.name(), null),
                        "no 'incomplete' with period chunking (it applies to size and number)");
            }
            return new ChunkingConfig(Kind.PERIOD, 0, 0, PERIOD.read(s), incomplete);
        }
        return new ChunkingConfig(Kind.NUMBER, 0, NUMBER.read(s), null, incomplete);
    }

    /** A short description for logs, e.g. {@code size=5000}. */
    public String describe() {
        return switch (kind) {
            case SIZE -> "size=" + size + " incomplete=" + incomplete.name().toLowerCase(Locale.ROOT);
            case NUMBER ->
                "number=" + number + " incomplete=" + incomplete.name().toLowerCase(Locale.ROOT);
            case PERIOD -> "period=" + period.key();
        };
    }
}
