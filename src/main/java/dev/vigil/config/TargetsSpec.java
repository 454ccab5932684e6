package dev.vigil.config;

import java.io.Serializable;

/** Delayed ground truth in its own table, joined to the analysis data on {@code joinOn}. */
public record TargetsSpec(InputSpec input, String joinOn) implements Serializable {
    static final Key<String> JOIN_ON =
            Key.string("join_on", "a column name", "the column the targets join the analysis on (default: columns.id)");

    static final Schema SCHEMA = InputSpec.schema(
            "targets",
            "delayed ground truth in its own table (optional), joined to the analysis rows on join_on",
            JOIN_ON);

    /** Reads the section; join_on stays null when absent (the monitor's id column fills it in). */
    static TargetsSpec parse(Section t) {
        return new TargetsSpec(InputSpec.parse(t, SCHEMA), JOIN_ON.read(t));
    }
}
