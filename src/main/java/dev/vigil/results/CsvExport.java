package dev.vigil.results;

import dev.vigil.config.OutputConfig;
import dev.vigil.internal.Errors;
import dev.vigil.io.ColumnNames;
import dev.vigil.io.FileLocations;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes one output table to one CSV file with a header, rows sorted by the table's export order,
 * streamed partition by partition (never the whole table on the driver). Nulls are empty fields;
 * timestamps ISO {@code yyyy-MM-dd HH:mm:ss[.f]}; doubles in Java's shortest round-trip form.
 */
public final class CsvExport {
    private CsvExport() {}

    /** @param to the CSV file: a local path or any Hadoop FileSystem URI ({@code s3a://...}) */
    public static long write(SparkSession spark, String output, OutputTable table, String to) throws IOException {
        return write(spark, OutputConfig.at(output), table, to);
    }

    /**
     * Writes the table of that output (a directory, or catalog tables) to {@code to} (a local path or
     * any Hadoop FileSystem URI); returns the rows written.
     */
    public static long write(SparkSession spark, OutputConfig output, OutputTable table, String to) throws IOException {
        DeltaTables tables = new DeltaTables(spark, output);
        if (!tables.exists(table)) {
            throw Errors.unreadable(
                    "table",
                    tables.address(table),
                    tables.inCatalog()
                            ? "no such table; expected the schema of a 'vigil run' (output.schema)"
                            : "not a Delta table; expected the output directory of a 'vigil run' (--output)");
        }
        Dataset<Row> df = tables.read(table)
                .orderBy(table.exportOrder().stream()
                        .map(c -> ColumnNames.column(c).asc_nulls_first())
                        .toArray(Column[]::new));
        long n = 0;
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(
                FileLocations.create(spark.sparkContext().hadoopConfiguration(), to, "CSV file"),
                StandardCharsets.UTF_8))) {
            w.write(String.join(",", df.columns()));
            w.newLine();
            Iterator<Row> it = df.toLocalIterator();
            while (it.hasNext()) {
                Row r = it.next();
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < r.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    sb.append(field(r.get(i)));
                }
                w.write(sb.toString());
                w.newLine();
                n++;
            }
        }
        return n;
    }

    static String field(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
