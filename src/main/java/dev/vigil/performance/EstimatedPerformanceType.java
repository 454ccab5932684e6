package dev.vigil.performance;

import dev.vigil.config.ColumnsConfig;
import dev.vigil.config.ResolvedColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code estimated_performance}: opt-in; CBPE for classification, DLE for regression. Its section
 * is {@link EstimatedPerformanceConfig}.
 */
public final class EstimatedPerformanceType extends PerformanceType<EstimatedPerformanceConfig> {
    public EstimatedPerformanceType() {
        super(
                EstimatedPerformanceConfig.SCHEMA,
                (section, context) ->
                        EstimatedPerformanceConfig.parse(section, context.problemType(), context.columns()));
    }

    /**
     * What a row's calibration fold is hashed from: what identifies the row, the id column, else all
     * of its values.
     */
    static List<String> rowColumns(ColumnsConfig cols, ResolvedColumns columns) {
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
    List<String> metrics(EstimatedPerformanceConfig config) {
        return config.metrics().metrics();
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
                columns.continuousOf(columns.features()),
                columns.categoricalOf(columns.features()),
                build.overrides(name())));
    }
}
