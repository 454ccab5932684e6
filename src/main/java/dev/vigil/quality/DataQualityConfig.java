package dev.vigil.quality;

import dev.vigil.config.Key;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import dev.vigil.internal.Errors;
import java.io.Serializable;
import java.util.List;

/** {@code calculators.data_quality}: which metrics, on which columns (null = default columns). */
public record DataQualityConfig(List<String> metrics, List<String> columns) implements Serializable {
    /** The registered metrics' names ({@link QualityMetrics}). */
    public static final List<String> ALL_METRICS = QualityMetrics.NAMES;

    static final Key<List<String>> METRICS = Key.names(
                    "metrics", ALL_METRICS, "the data-quality metrics, among " + ALL_METRICS)
            .withChoices(ALL_METRICS);
    static final Key<List<String>> COLUMNS = Key.names("columns", null, "the columns to check (default: the features)");

    public static final Schema SCHEMA = Schema.of(
            "calculators.data_quality",
            "NannyML's data-quality checks and summary statistics per column and chunk",
            METRICS,
            COLUMNS);

    public static DataQualityConfig parse(Section dq) {
        SCHEMA.check(dq);
        List<String> metrics = METRICS.read(dq);
        for (String m : metrics) {
            if (QualityMetrics.named(m).isEmpty()) {
                throw Errors.unknownName(METRICS.in(dq), m, ALL_METRICS);
            }
        }
        return new DataQualityConfig(List.copyOf(metrics), COLUMNS.read(dq));
    }
}
