package dev.vigil.config;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;

/**
 * The feature columns a run monitors, with their kinds, after the configuration's defaults were
 * resolved against the input schemas ({@code io.SchemaCheck}).
 */
public record ResolvedColumns(List<String> features, List<String> continuous, List<String> categorical)
        implements Serializable {
    /** The continuous columns among {@code selected}, in the schema's order. */
    public List<String> continuousOf(Collection<String> selected) {
        return continuous.stream().filter(selected::contains).toList();
    }

    /** The categorical columns among {@code selected}, in the schema's order. */
    public List<String> categoricalOf(Collection<String> selected) {
        return categorical.stream().filter(selected::contains).toList();
    }
}
