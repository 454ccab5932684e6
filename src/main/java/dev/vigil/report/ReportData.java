package dev.vigil.report;

import dev.vigil.config.OutputConfig;
import dev.vigil.internal.Errors;
import dev.vigil.internal.UserException;
import dev.vigil.results.DeltaTables;
import dev.vigil.results.OutputTable;
import dev.vigil.results.OutputTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the report shows, read from the Delta output tables only ({@code results}, {@code runs},
 * {@code distributions}, {@code alerts}); never the input data. Columns are read by name, so a
 * table with more columns than these (a later version's) reads the same. Only the whole population
 * ({@code segment} null) is read row by row: per monitor one row per calculator, metric, column and
 * chunk ({@link MonitorResults}, {@link DistributionData}).
 */
public final class ReportData {
    private ReportData() {}

    /** The {@code results} columns the report does not show. */
    private static final Set<String> NOT_SHOWN = Set.of(
            "chunk_start_index",
            "chunk_end_index",
            "chunk_complete",
            "sampling_error",
            "note",
            "approximate",
            "error_bound",
            "run_id",
            "computed_at");

    /** The {@code results} columns the report reads, in the table's order. */
    static final List<String> RESULT_COLUMNS = OutputTables.RESULTS.columns().stream()
            .filter(c -> !NOT_SHOWN.contains(c))
            .toList();

    /**
     * One chunk on a monitor's x axis: reference chunks first, then analysis, each by chunk index.
     */
    public record Chunk(String period, int index, String key, String start, String end, long rows) {}

    /**
     * One calculator × metric × column of the whole population; arrays aligned with the monitor's
     * chunks.
     */
    public record Series(
            String calculator,
            String metric,
            String column,
            double[] value,
            double[] pValue,
            double[] realized,
            double[] lowerBound,
            double[] upperBound,
            double[] lowerThreshold,
            double[] upperThreshold,
            boolean[] alert,
            boolean[] present) {
        String label() {
            return calculator + " · " + metric + (column == null ? "" : " · " + column);
        }

        long analysisAlerts(List<Chunk> chunks) {
            long n = 0;
            for (int i = 0; i < chunks.size(); i++) {
                if (present[i] && alert[i] && chunks.get(i).period().equals("analysis")) {
                    n++;
                }
            }
            return n;
        }
    }

    /**
     * Everything the report shows of one monitor. {@code segmentAlerts}: the alerts on analysis
     * chunks of each segment value that has any (most first); the series are the whole population's;
     * {@code segmentPerformance}: each segment value's performance series summed against the whole
     * population's over the analysis chunks (for {@link UnderperformingSegments}).
     */
    public record Monitor(
            String name,
            List<Chunk> chunks,
            List<Series> series,
            long otherSegments,
            Map<String, Long> segmentAlerts,
            Map<String, Object> latestRun,
            long runCount,
            Map<String, Long> sentAlerts,
            List<UnderperformingSegments.Sums> segmentPerformance) {}

    /**
     * One column's binned distribution per chunk: {@code proportion[bin][chunk]} (NaN where the chunk
     * has no row).
     */
    public record Distribution(
            String column, String kind, List<String> bins, List<Integer> chunkPositions, double[][] proportion) {}

    /**
     * The tables of one output (a directory, or catalog tables); {@code dir} says where, for people.
     */
    public record Output(
            String dir,
            DeltaTables tables,
            Dataset<Row> results,
            Dataset<Row> runs,
            Dataset<Row> distributions,
            Dataset<Row> alerts) {}

    /**
     * Opens the output directory; a missing directory or missing {@code results} table is the user's
     * mistake.
     */
    public static Output open(SparkSession spark, String dir) {
        return open(spark, OutputConfig.at(dir));
    }

    /**
     * Opens the output (a directory, or catalog tables); a missing directory, schema or {@code
     * results} table is the user's mistake.
     */
    public static Output open(SparkSession spark, OutputConfig output) {
        DeltaTables tables = new DeltaTables(spark, output);
        String base = tables.describe();
        if (tables.inCatalog()) {
            if (!tables.exists(OutputTables.RESULTS)) {
                throw Errors.unreadable(
                        "table",
                        tables.address(OutputTables.RESULTS),
                        "no such table; expected the schema of a 'vigil run' (output.schema)");
            }
        } else {
            String dir = output.directory();
            boolean local = !dir.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
            if (local && !Files.isDirectory(Path.of(dir))) {
                throw Errors.unreadable(
                        "output directory",
                        dir,
                        "no such directory; expected the output directory of a 'vigil run' (--output)");
            }
            if (!tables.exists(OutputTables.RESULTS)) {
                throw Errors.unreadable(
                        "output directory",
                        dir,
                        "no Delta table 'results' in it; expected the output directory of a 'vigil run' (--output)");
            }
        }
        return new Output(
                base,
                tables,
                read(tables, OutputTables.RESULTS, RESULT_COLUMNS),
                optional(tables, OutputTables.RUNS),
                optional(tables, OutputTables.DISTRIBUTIONS),
                optional(tables, OutputTables.ALERTS));
    }

    private static Dataset<Row> optional(DeltaTables tables, OutputTable table) {
        return tables.exists(table) ? tables.read(table) : null;
    }

    static Dataset<Row> read(DeltaTables tables, OutputTable table, List<String> required) {
        Dataset<Row> df = tables.read(table);
        Set<String> have = Set.of(df.columns());
        for (String c : required) {
            if (!have.contains(c)) {
                throw Errors.unreadable(
                        "table",
                        tables.address(table),
                        "it has no column '" + c + "'; expected a Vigil '" + table.name() + "' table");
            }
        }
        return df;
    }

    /**
     * The monitors in {@code results}, sorted; {@code only} picks one (an unknown name is the user's
     * mistake).
     */
    public static List<String> monitors(Output out, String only) {
        List<String> all = new ArrayList<>();
        for (Row r : out.results().select("monitor").distinct().collectAsList()) {
            all.add(r.getString(0));
        }
        all.sort(Comparator.naturalOrder());
        if (only == null) {
            return all;
        }
        if (!all.contains(only)) {
            String hint = Errors.closest(only, all)
                    .map(c -> " (did you mean '" + c + "'?)")
                    .orElse("");
            throw new UserException("--monitor: '"
                    + only
                    + "' has no results in "
                    + out.tables().address(OutputTables.RESULTS)
                    + hint
                    + "; monitors there: "
                    + all);
        }
        return List.of(only);
    }

    static String text(Object ts) {
        if (ts == null) {
            return null;
        }
        if (ts instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        return ts.toString();
    }
}
