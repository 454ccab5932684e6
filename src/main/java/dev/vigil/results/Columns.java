package dev.vigil.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table schema from a column list in SQL DDL ({@code name TYPE [NOT NULL], ...}), read here
 * rather than by Spark's parser so that no session setting (e.g. {@code spark.sql.timestampType})
 * can change an output table's types.
 */
final class Columns {
    private Columns() {}

    private static final Map<String, DataType> TYPES = Map.of(
            "STRING", DataTypes.StringType,
            "INT", DataTypes.IntegerType,
            "BIGINT", DataTypes.LongType,
            "DOUBLE", DataTypes.DoubleType,
            "BOOLEAN", DataTypes.BooleanType,
            "TIMESTAMP", DataTypes.TimestampType,
            "BINARY", DataTypes.BinaryType);

    /** The DDL of some of a schema's columns, in that order. */
    static String ddl(StructType schema, List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            StructField f = schema.apply(n);
            String type = TYPES.entrySet().stream()
                    .filter(e -> e.getValue().equals(f.dataType()))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseThrow();
            out.add(n + " " + type + (f.nullable() ? "" : " NOT NULL"));
        }
        return String.join(", ", out);
    }

    static StructType of(String ddl) {
        StructType schema = new StructType();
        for (String column : ddl.split(",")) {
            String[] words = column.strip().split("\\s+");
            boolean notNull = words.length == 4 && (words[2] + " " + words[3]).equalsIgnoreCase("NOT NULL");
            DataType type = words.length >= 2 ? TYPES.get(words[1].toUpperCase(Locale.ROOT)) : null;
            if (type == null || (words.length != 2 && !notNull)) {
                throw new IllegalArgumentException("not a column definition: '" + column.strip() + "'");
            }
            schema = schema.add(words[0], type, !notNull);
        }
        return schema;
    }
}
