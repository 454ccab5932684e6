package dev.vigil.quality;

import java.util.List;
import java.util.Optional;

/**
 * The data-quality metrics, one line each: the configuration's valid names, {@code --help}, error
 * suggestions and the threshold metric names all come from here.
 */
public final class QualityMetrics {
    private QualityMetrics() {}

    /** Every metric, in the order the configuration lists them. */
    public static final List<QualityMetric> ALL = List.of(
            new MissingValues(),
            new UnseenValues(),
            new NumericalRange(),
            new Mean(),
            new Std(),
            new Median(),
            new Sum(),
            new RowCount());

    /** Their names, in that order. */
    public static final List<String> NAMES =
            ALL.stream().map(QualityMetric::name).toList();

    /** The metric of this name, if one is registered. */
    public static Optional<QualityMetric> named(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
