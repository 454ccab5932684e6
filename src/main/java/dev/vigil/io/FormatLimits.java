package dev.vigil.io;

import dev.vigil.config.ColumnsConfig;
import dev.vigil.config.InputSpec;
import dev.vigil.config.MonitorConfig;
import dev.vigil.internal.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * The column names an input format cannot hold (measured on Spark 3.5.7 and Delta 3.3.2). Parquet,
 * json and Delta with column mapping hold any name Spark allows — dots, spaces, unicode, backticks,
 * {@code " ,;{}()\n\t="}. Three do not:
 *
 * <ul>
 *   <li>ORC: a backtick ends the name (Spark writes {@code we`ird} and reads it back as {@code we});
 *   <li>csv: a header line holds no line break, unless read with the option {@code multiLine};
 *   <li>Delta without column mapping: a table cannot be written with any of {@code " ,;{}()\n\t="}
 *       in a column name.
 * </ul>
 *
 * When a configured column is not in an input's schema and that input's format cannot hold its name,
 * the error says so and what to do, instead of only "not in the data".
 */
public final class FormatLimits {
    private static final String DELTA_INVALID = " ,;{}()\n\t=";

    private FormatLimits() {}

    /** Why {@code format} (read with {@code options}) cannot hold {@code name}, or null when it can. */
    static String whyNot(String format, Map<String, String> options, String name) {
        String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
        switch (f) {
            case "orc":
                return name.indexOf('`') >= 0
                        ? "ORC cannot hold a backtick in a column name (Spark cuts the name at the backtick when it"
                                + " reads the file back); expected the column renamed, or the data as parquet, csv, json"
                                + " or delta"
                        : null;
            case "csv":
                boolean multiLine = options.entrySet().stream()
                        .anyMatch(e -> e.getKey().equalsIgnoreCase("multiLine")
                                && e.getValue().equalsIgnoreCase("true"));
                return !multiLine && (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0)
                        ? "a csv header read line by line cannot hold a line break in a column name; expected the"
                                + " reader option multiLine: true (in options), or the column renamed"
                        : null;
            case "delta":
                for (char c : DELTA_INVALID.toCharArray()) {
                    if (name.indexOf(c) >= 0) {
                        return "a Delta table holds a column name with any of ' ,;{}()\\n\\t=' only with column"
                                + " mapping; expected the table written with 'delta.columnMapping.mode' = 'name', or"
                                + " the column's name as the table has it";
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /**
     * The error for the first configured column that an input lacks and whose name the input's format
     * cannot hold; null when there is none (the schema check's own error then stands).
     */
    public static UserException check(
            MonitorConfig config, StructType reference, StructType analysis, StructType targets) {
        ColumnsConfig cols = config.columns();
        List<String[]> shared = new ArrayList<>();
        add(shared, "columns.timestamp", cols.timestamp());
        add(shared, "columns.prediction", cols.prediction());
        cols.scores().forEach((c, s) -> add(shared, c.isEmpty() ? "columns.scores" : "columns.scores." + c, s));
        cols.segments().forEach(s -> add(shared, "columns.segments", s));
        if (cols.features() != null) {
            cols.features().forEach(f -> add(shared, "columns.features", f));
        }
        if (cols.categorical() != null) {
            cols.categorical().forEach(f -> add(shared, "columns.categorical", f));
        }
        List<String[]> inReference = new ArrayList<>(shared);
        add(inReference, "columns.target", cols.target());
        List<String[]> inAnalysis = new ArrayList<>(shared);
        add(inAnalysis, "columns.id", cols.id());
        List<String[]> inTargets = new ArrayList<>();
        if (config.targets() != null) {
            add(inAnalysis, "targets.join_on", config.targets().joinOn());
            add(inTargets, "targets.join_on", config.targets().joinOn());
            add(inTargets, "columns.target", cols.target());
        }
        UserException e = check(config.reference(), reference, inReference);
        if (e == null) {
            e = check(config.analysis(), analysis, inAnalysis);
        }
        if (e == null && config.targets() != null && targets != null) {
            e = check(config.targets().input(), targets, inTargets);
        }
        return e;
    }

    private static void add(List<String[]> out, String key, String column) {
        if (column != null) {
            out.add(new String[] {key, column});
        }
    }

    private static UserException check(InputSpec spec, StructType schema, List<String[]> columns) {
        if (spec.isTable() || schema == null) {
            return null;
        }
        List<String> names = List.of(schema.fieldNames());
        for (String[] kc : columns) {
            String why = names.contains(kc[1]) ? null : whyNot(spec.format(), spec.options(), kc[1]);
            if (why != null) {
                return new UserException("configuration key '"
                        + kc[0]
                        + "': column '"
                        + kc[1]
                        + "' is not in the "
                        + spec.key()
                        + " data ('"
                        + spec.path()
                        + "', "
                        + spec.format()
                        + "): "
                        + why);
            }
        }
        return null;
    }
}
