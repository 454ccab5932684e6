package dev.vigil.io;

import dev.vigil.internal.Sql;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The one way a column name — configured by the user, read from an input's schema, or Vigil's own —
 * becomes a Spark column: as a quoted identifier ({@link Sql#quote}: backticks, embedded backticks
 * doubled), so a dot, a space, a backtick or any other character Spark allows in a name is part of
 * the name, never a struct path or SQL syntax. Spark SQL text (derived-column expressions) quotes
 * with {@link Sql#quote} directly. Methods that take a name literally ({@code withColumn}, {@code
 * drop(String)}, {@code Column.as}, {@code StructType.apply}) need no quoting; {@code
 * ArchitectureTest} checks that no other code calls {@code col(...)} on a name that is not a
 * literal or a constant. The stored values (the {@code column_name} of the output tables, segment
 * labels) keep the name as it is.
 */
public final class ColumnNames {
    private ColumnNames() {}

    /** The column named exactly {@code name}, resolved against the plan it is used in. */
    public static Column column(String name) {
        return functions.col(Sql.quote(name));
    }

    /** The column named exactly {@code name} of {@code df} (for joins and self-references). */
    public static Column column(Dataset<Row> df, String name) {
        return df.col(Sql.quote(name));
    }

    /** {@code name} as a Spark SQL identifier. */
    public static String sql(String name) {
        return Sql.quote(name);
    }
}
