package dev.vigil.quality;

import dev.vigil.calculators.CalculatorType;
import dev.vigil.config.ProblemType;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import dev.vigil.internal.Errors;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** {@code data_quality}: on by default; its section is {@link DataQualityConfig}. */
public final class DataQualityType implements CalculatorType<DataQualityConfig> {
    public static final DataQualityType INSTANCE = new DataQualityType();

    private DataQualityType() {}

    @Override
    public String name() {
        return DataQualityCalculator.NAME;
    }

    @Override
    public boolean onByDefault() {
        return true;
    }

    @Override
    public Schema schema() {
        return DataQualityConfig.SCHEMA;
    }

    @Override
    public DataQualityConfig parse(Section section, Context context) {
        return DataQualityConfig.parse(section);
    }

    @Override
    public Map<String, Collection<String>> choices() {
        return Map.of("metrics", QualityMetrics.NAMES);
    }

    @Override
    public Collection<String> thresholdMetrics(ProblemType type) {
        return QualityMetrics.NAMES;
    }

    /** Over its columns (default: the features), each with its kind. */
    @Override
    public Built build(DataQualityConfig config, Build build) {
        var columns = build.columns();
        List<String> selected = config.columns() != null ? config.columns() : columns.features();
        for (String c : selected) {
            if (!columns.features().contains(c)) {
                throw Errors.unknownColumn("calculators.data_quality.columns", c, "features", columns.features());
            }
        }
        return Built.of(new DataQualityCalculator(
                config.metrics(),
                columns.continuous().stream().filter(selected::contains).toList(),
                columns.categorical().stream().filter(selected::contains).toList(),
                build.overrides(name())));
    }
}
