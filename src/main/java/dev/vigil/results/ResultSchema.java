package dev.vigil.results;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * Short names for the schemas and keys of the run's tables ({@code results}, {@code distributions},
 * {@code alerts}, {@code runs}) as {@link OutputTables} declares them.
 */
public final class ResultSchema {
    private ResultSchema() {}

    public static final StructType RESULTS = OutputTables.RESULTS.schema();

    /** (monitor, calculator, metric, column_name, segment, period, chunk_key). */
    public static final List<String> KEY = OutputTables.RESULTS.key();

    /**
     * Columns that only say which run wrote a row; a rerun with equal values leaves them as they are.
     */
    public static final List<String> RUN_COLUMNS = DeltaMerge.RUN_COLUMNS;

    public static final StructType DISTRIBUTIONS = OutputTables.DISTRIBUTIONS.schema();

    public static final List<String> DISTRIBUTION_KEY = OutputTables.DISTRIBUTIONS.key();

    public static final StructType ALERTS = OutputTables.ALERTS.schema();

    public static final StructType RUNS = OutputTables.RUNS.schema();
}
