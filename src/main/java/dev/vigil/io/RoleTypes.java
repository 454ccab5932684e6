package dev.vigil.io;

import dev.vigil.config.ProblemType;
import dev.vigil.internal.UserException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * The type contract of the column roles, in one place: the Spark types each role accepts. {@link
 * SchemaCheck} applies it to the reference, the analysis and the targets schemas before any row is
 * read; a column of another type is exit 2 naming the configuration key, the column, the dataset,
 * the type found and the types expected. Nested, array, map, struct and binary columns carry no
 * role.
 *
 * <p>Numbers are legal categories: a numeric column listed in {@code columns.categorical} is
 * categorical (its values compared as text); unlisted, a numeric feature is continuous (NannyML's
 * rule).
 */
public enum RoleTypes {
    CONTINUOUS("a numeric column (a continuous feature)", Kind.NUMBER),
    CATEGORICAL("a string, boolean or numeric column (a categorical feature)", Kind.STRING, Kind.BOOLEAN, Kind.NUMBER),
    SCORE("a numeric column (a predicted probability)", Kind.NUMBER),
    BINARY_LABEL(
            "the labels of binary_classification as 0/1 numbers or booleans (1 the positive class, as NannyML reads"
                    + " them): map a text label such as 'yes' to 1 before the monitor, or use problem_type:"
                    + " multiclass_classification",
            Kind.NUMBER,
            Kind.BOOLEAN),
    CLASS_LABEL(
            "a string, numeric or boolean column (the class labels of multiclass_classification)",
            Kind.STRING,
            Kind.NUMBER,
            Kind.BOOLEAN),
    REGRESSION_VALUE("a numeric column (the values of regression)", Kind.NUMBER),
    TIMESTAMP("a timestamp, date or timestamp string", Kind.TIMESTAMP, Kind.DATE, Kind.STRING),
    ID("a string or numeric column (the rows' ids)", Kind.STRING, Kind.NUMBER),
    SEGMENT(
            "a string, numeric, boolean, date or timestamp column (each value a segment)",
            Kind.STRING,
            Kind.NUMBER,
            Kind.BOOLEAN,
            Kind.DATE,
            Kind.TIMESTAMP);

    /** The families of Spark types the contract speaks of; anything else (nested, binary...) is OTHER. */
    enum Kind {
        NUMBER,
        STRING,
        BOOLEAN,
        DATE,
        TIMESTAMP,
        OTHER;

        static Kind of(DataType t) {
            if (t instanceof NumericType) {
                return NUMBER;
            }
            if (t instanceof StringType) {
                return STRING;
            }
            if (t instanceof BooleanType) {
                return BOOLEAN;
            }
            if (t instanceof DateType) {
                return DATE;
            }
            if (t instanceof TimestampType || t instanceof TimestampNTZType) {
                return TIMESTAMP;
            }
            return OTHER;
        }
    }

    private final String expected;
    private final Set<Kind> accepted;

    RoleTypes(String expected, Kind first, Kind... rest) {
        this.expected = expected;
        this.accepted = EnumSet.of(first, rest);
    }

    /** The role of the prediction and the target for this problem type. */
    public static RoleTypes label(ProblemType problemType) {
        return switch (problemType) {
            case BINARY_CLASSIFICATION -> BINARY_LABEL;
            case MULTICLASS_CLASSIFICATION -> CLASS_LABEL;
            case REGRESSION -> REGRESSION_VALUE;
        };
    }

    public boolean accepts(DataType t) {
        return accepted.contains(Kind.of(t));
    }

    /** What a column of this role must be, as an error message says it. */
    public String expected() {
        return expected;
    }

    /**
     * Refuses {@code column} in {@code schema} (the {@code dataset} data) unless its type is one this
     * role accepts; a null column or schema, or a column the schema lacks, is left to the other checks.
     */
    public void require(String key, String column, StructType schema, String dataset) {
        if (column == null || schema == null || !List.of(schema.fieldNames()).contains(column)) {
            return;
        }
        DataType t = schema.apply(column).dataType();
        if (!accepts(t)) {
            throw wrongType(key, column, dataset, t, expected + nestedNote(t));
        }
    }

    /** Whether two types are of the same family (both numbers, both strings...). */
    static boolean sameKind(DataType a, DataType b) {
        return Kind.of(a) == Kind.of(b);
    }

    /** Whether the type is a nested, array, map, struct or binary one (a role cannot hold it). */
    public static boolean nested(DataType t) {
        return t instanceof ArrayType || t instanceof MapType || t instanceof StructType || t instanceof BinaryType;
    }

    static String nestedNote(DataType t) {
        return nested(t) ? " (a nested, array, map, struct or binary column cannot carry a role)" : "";
    }

    static UserException wrongType(String key, String column, String dataset, DataType t, String expected) {
        return new UserException("configuration key '" + key + "': column '" + column + "' in the " + dataset
                + " data has type " + t.simpleString() + "; expected " + expected);
    }
}
