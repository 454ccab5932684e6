package dev.vigil.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One Delta table under {@code output.path}, declared once in {@link OutputTables}: its name, what
 * one row is, its schema, the columns that identify a row (the MERGE key of a merged table), how it
 * is written, the sort order of {@code vigil export}, and the columns a new table is partitioned by
 * (none: unpartitioned).
 */
public record OutputTable(
        String name,
        String description,
        StructType schema,
        List<String> key,
        Write write,
        List<String> exportOrder,
        List<String> partitionBy) {

    /** How Vigil writes a table. */
    public enum Write {
        /** MERGEd on the key: an unchanged row is left as it is, a changed one updated in place. */
        MERGE,
        /** Rows appended, never rewritten. */
        APPEND,
        /** A monitor's (or a source's) rows replaced in one commit ({@code replaceWhere}). */
        REPLACE
    }

    public OutputTable {
        key = List.copyOf(key);
        exportOrder = List.copyOf(exportOrder);
        partitionBy = List.copyOf(partitionBy);
        for (String c : concat(key, exportOrder, partitionBy)) {
            schema.apply(c); // every named column is the table's (fails at class load otherwise)
        }
    }

    /** A table MERGEd on its key; its columns, key, export order and partitioning follow. */
    static OutputTable merged(String name, String description) {
        return declared(name, description, Write.MERGE);
    }

    /** A table rows are appended to. */
    static OutputTable appended(String name, String description) {
        return declared(name, description, Write.APPEND);
    }

    /** A table whose rows of a monitor (or a source) are replaced in one commit. */
    static OutputTable replaced(String name, String description) {
        return declared(name, description, Write.REPLACE);
    }

    private static OutputTable declared(String name, String description, Write write) {
        return new OutputTable(name, description, new StructType(), List.of(), write, List.of(), List.of());
    }

    /** The columns, in SQL DDL ({@code name TYPE [NOT NULL], ...}). */
    OutputTable columns(String ddl) {
        return new OutputTable(name, description, Columns.of(ddl), key, write, exportOrder, partitionBy);
    }

    /** The columns that identify a row (a MERGE's key). */
    OutputTable key(String... columns) {
        return new OutputTable(name, description, schema, List.of(columns), write, exportOrder, partitionBy);
    }

    /** The sort order of {@code vigil export}. */
    OutputTable exportOrder(String... columns) {
        return new OutputTable(name, description, schema, key, write, List.of(columns), partitionBy);
    }

    /** The columns a new table is partitioned by. */
    OutputTable partitionedBy(String... columns) {
        return new OutputTable(name, description, schema, key, write, exportOrder, List.of(columns));
    }

    /**
     * Whether {@code vigil export} writes it: every column is text, a number, a boolean or a time
     * (the binary blobs of the stored profiles and chunk states are not).
     */
    public boolean exportable() {
        return Arrays.stream(schema.fields()).noneMatch(f -> f.dataType() instanceof BinaryType);
    }

    /** The table's directory under an output directory. */
    public String path(String output) {
        return output.replaceAll("/+$", "") + "/" + name;
    }

    /** The column names, in order. */
    public List<String> columns() {
        return Arrays.stream(schema.fields()).map(StructField::name).toList();
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        out.addAll(c);
        return out;
    }
}
