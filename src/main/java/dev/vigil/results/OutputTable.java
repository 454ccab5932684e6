package dev.vigil.results;

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
    MERGE("MERGEd on the key"),
    /** Rows appended, never rewritten. */
    APPEND("appended"),
    /** A monitor's (or a source's) rows replaced in one commit ({@code replaceWhere}). */
    REPLACE("a monitor's (or a source's) rows replaced in one commit");

    private final String text;

    Write(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  public OutputTable {
    key = List.copyOf(key);
    exportOrder = List.copyOf(exportOrder);
    partitionBy = List.copyOf(partitionBy);
    for (String c : concat(key, exportOrder, partitionBy)) {
      schema.apply(c); // every named column is the table's (fails at class load otherwise)
    }
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
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    out.addAll(c);
    return out;
  }
}
