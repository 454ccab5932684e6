package dev.vigil.internal;

/** Spark SQL text helpers for the calculators' derived-column expressions. */
public final class Sql {
    private Sql() {}

    /** A column name as a quoted identifier: {@code `name`}, backticks doubled. */
    public static String quote(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    /** A string literal for Spark SQL: {@code 'text'}, quotes and backslashes escaped. */
    public static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
