package dev.vigil.performance;

import dev.vigil.config.ColumnsConfig;
import dev.vigil.config.ResolvedColumns;
import dev.vigil.config.Section;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code estimated_performance}: opt-in; CBPE for classification, DLE for regression. Its section
 * is {@link EstimatedPerformanceConfig}.
 */
public final class EstimatedPerformanceType extends PerformanceType<EstimatedPerformanceConfig> {
    public static final EstimatedPerformanceType INSTANCE = new EstimatedPerformanceType();

    private EstimatedPerformanceType() {
        super(true);
    }

    /**
     * What a row's calibration fold is hashed from: what identifies the row, the id column, else all
     * of its values.
     */
    private static List<String> rowColumns(ColumnsConfig cols, ResolvedColumns columns) {
        List<String> rowColumns = new ArrayList<>();
        if (cols.id() != null) {
            rowColumns.add(cols.id());
        } else {
            for (String c : Arrays.asList(cols.timestamp(), cols.prediction(), cols.target())) {
                if (c != null) {
                    rowColumns.add(c);
                }
            }
            rowColumns.addAll(cols.scores().values());
            rowColumns.addAll(columns.features());
        }
        return rowColumns;
    }

    @Override
    public Built build(EstimatedPerformanceConfig config, Build build) {
        var cols = build.monitor().columns();
        var columns = build.columns();
        if (problem(build) instanceof ClassificationProblem<?, ?> classification) {
            return Built.of(new EstimatedPerformanceCalculator(
                    classification, config, rowColumns(cols, columns), build.overrides(name())));
        }
        return Built.of(new DirectLossEstimationCalculator(
                config,
                cols.target(),
                cols.prediction(),
                columns.continuous().stream()
                        .filter(columns.features()::contains)
                        .toList(),
                columns.categorical().stream()
                        .filter(columns.features()::contains)
                        .toList(),
                build.overrides(name())));
    }

    @Override
    public EstimatedPerformanceConfig parse(Section section, Context context) {
        return EstimatedPerformanceConfig.parse(section, context.problemType(), context.columns());
    }
}
