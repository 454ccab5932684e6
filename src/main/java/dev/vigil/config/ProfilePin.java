package dev.vigil.config;

import dev.vigil.internal.Errors;
import java.io.Serializable;

/**
 * {@code reference.profile}: run on a stored reference profile without reading the reference —
 * the newest one fitted with this configuration ({@code latest}), or the monitor's version {@code
 * N}, which must have been fitted with this configuration too.
 *
 * @param version the pinned version; null = the newest matching one
 */
public record ProfilePin(Long version) implements Serializable {
    static final String TAKES = "latest, or a stored profile's version (1, 2, ...)";

    static final Key<ProfilePin> KEY = Key.of(
            "profile",
            TAKES,
            null,
            "run on a stored reference profile without reading the reference: the newest one fitted with"
                    + " this configuration (latest), or version N (which must have been fitted with it);"
                    + " path and table may then be left out",
            (s, k) -> s.has(k) ? parse(s.key(k), s.node().get(k).asText()) : null);

    static ProfilePin parse(String key, String text) {
        String t = text.strip();
        if (t.equals("latest")) {
            return new ProfilePin(null);
        }
        try {
            long v = Long.parseLong(t);
            if (v >= 1) {
                return new ProfilePin(v);
            }
        } catch (NumberFormatException notANumber) {
            // named below
        }
        throw Errors.badValue(key, text, TAKES);
    }

    public boolean latest() {
        return version == null;
    }

    /** How the pin reads in messages: {@code latest} or {@code 3}. */
    public String describe() {
        return latest() ? "latest" : String.valueOf(version);
    }
}
