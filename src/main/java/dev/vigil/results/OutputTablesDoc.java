package dev.vigil.results;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The list of output tables in docs/output-tables.md, generated from {@link OutputTables} (a test
 * checks that the page holds the current text between {@link #BEGIN} and {@link #END}).
 */
public final class OutputTablesDoc {
    private OutputTablesDoc() {}

    public static final String BEGIN =
            "<!-- output tables: generated from dev.vigil.results.OutputTables; do not edit by hand -->";
    public static final String END = "<!-- end of output tables -->";

    static final int WIDTH = 110;

    /** The list, one paragraph per table, between the markers. */
    public static String markdown() {
        StringBuilder sb = new StringBuilder(BEGIN).append("\n\n");
        for (OutputTable t : OutputTables.ALL) {
            StringBuilder line = new StringBuilder();
            line.append('`')
                    .append(t.name())
                    .append("` — ")
                    .append(t.description())
                    .append(". Columns: ")
                    .append(code(t.columns()))
                    .append(". Key: ")
                    .append(code(t.key()))
                    .append("; ")
                    .append(written(t.write()))
                    .append(t.partitionBy().isEmpty() ? "" : ", partitioned by " + code(t.partitionBy()))
                    .append(". ")
                    .append(
                            t.exportable()
                                    ? "`vigil export --table " + t.name() + "` sorts by " + code(t.exportOrder())
                                    : "Not exported (binary columns)")
                    .append(".");
            sb.append(wrapped(line.toString())).append("\n\n");
        }
        return sb.append(END).toString();
    }

    /** The docs' line width: words wrapped at {@link #WIDTH} characters. */
    static String wrapped(String text) {
        StringBuilder out = new StringBuilder();
        int width = 0;
        for (String word : text.split(" ")) {
            if (width > 0 && width + 1 + word.length() > WIDTH) {
                out.append('\n');
                width = 0;
            } else if (width > 0) {
                out.append(' ');
                width++;
            }
            out.append(word);
            width += word.length();
        }
        return out.toString();
    }

    private static String written(OutputTable.Write write) {
        return switch (write) {
            case MERGE -> "MERGEd on the key";
            case APPEND -> "appended";
            case REPLACE -> "a monitor's (or a source's) rows replaced in one commit";
        };
    }

    private static String code(List<String> names) {
        return names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
    }
}
