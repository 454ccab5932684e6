package dev.vigil.quality;

import dev.vigil.stats.StateSpec;
import java.io.Serializable;

/**
 * What a data-quality metric is measured on: a continuous or a categorical column, or the model as
 * a whole ({@link #MODEL}, no column).
 *
 * @param name the column (null at model level)
 */
public record QualityColumn(String name, Kind kind) implements Serializable {
    /** The model level: metrics over whole chunks (the row count). */
    public static final QualityColumn MODEL = new QualityColumn(null, Kind.MODEL);

    /** The kinds a metric applies to. */
    public enum Kind {
        MODEL,
        CONTINUOUS,
        CATEGORICAL
    }

    public static QualityColumn continuous(String name) {
        return new QualityColumn(name, Kind.CONTINUOUS);
    }

    public static QualityColumn categorical(String name) {
        return new QualityColumn(name, Kind.CATEGORICAL);
    }

    /** How the scan feeds the column to its states: numbers for a continuous column, else strings. */
    public StateSpec.Input input() {
        return kind == Kind.CONTINUOUS ? StateSpec.Input.NUMERIC : StateSpec.Input.STRING;
    }
}
