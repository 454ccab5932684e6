package dev.vigil.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.config.ProblemType;
import dev.vigil.internal.UserException;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The type contract of the column roles, without Spark: which types each role accepts. */
class RoleTypesTest {
    static final DataType ARRAY = DataTypes.createArrayType(DataTypes.DoubleType);
    static final DataType MAP = DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType);
    static final DataType STRUCT = new StructType().add("v", DataTypes.LongType);
    static final List<DataType> NESTED = List.of(ARRAY, MAP, STRUCT, DataTypes.BinaryType);

    @Test
    void noRoleAcceptsANestedOrBinaryColumn() {
        for (RoleTypes role : RoleTypes.values()) {
            for (DataType t : NESTED) {
                assertThat(role.accepts(t)).as(role + " " + t.simpleString()).isFalse();
            }
        }
    }

    @Test
    void eachRoleAcceptsItsTypes() {
        assertThat(RoleTypes.CONTINUOUS.accepts(DataTypes.createDecimalType(10, 2)))
                .isTrue();
        assertThat(RoleTypes.CONTINUOUS.accepts(DataTypes.StringType)).isFalse();
        assertThat(RoleTypes.CATEGORICAL.accepts(DataTypes.IntegerType))
                .as("numbers as categories")
                .isTrue();
        assertThat(RoleTypes.CATEGORICAL.accepts(DataTypes.BooleanType)).isTrue();
        assertThat(RoleTypes.CATEGORICAL.accepts(DataTypes.DateType)).isFalse();
        assertThat(RoleTypes.SCORE.accepts(DataTypes.FloatType)).isTrue();
        assertThat(RoleTypes.SCORE.accepts(DataTypes.StringType)).isFalse();
        assertThat(RoleTypes.TIMESTAMP.accepts(DataTypes.TimestampNTZType)).isTrue();
        assertThat(RoleTypes.TIMESTAMP.accepts(DataTypes.StringType)).isTrue();
        assertThat(RoleTypes.TIMESTAMP.accepts(DataTypes.LongType))
                .as("epoch numbers are not read as times")
                .isFalse();
        assertThat(RoleTypes.ID.accepts(DataTypes.StringType)).isTrue();
        assertThat(RoleTypes.ID.accepts(DataTypes.BooleanType)).isFalse();
        assertThat(RoleTypes.SEGMENT.accepts(DataTypes.DateType)).isTrue();
        // the targets join compares its columns as they are: the same family in both inputs
        assertThat(RoleTypes.sameKind(DataTypes.IntegerType, DataTypes.LongType))
                .isTrue();
        assertThat(RoleTypes.sameKind(DataTypes.StringType, DataTypes.LongType)).isFalse();
    }

    @Test
    void labelsFollowTheProblemType() {
        assertThat(RoleTypes.label(ProblemType.BINARY_CLASSIFICATION).accepts(DataTypes.BooleanType))
                .isTrue();
        assertThat(RoleTypes.label(ProblemType.BINARY_CLASSIFICATION).accepts(DataTypes.StringType))
                .isFalse();
        assertThat(RoleTypes.label(ProblemType.MULTICLASS_CLASSIFICATION).accepts(DataTypes.StringType))
                .isTrue();
        assertThat(RoleTypes.label(ProblemType.REGRESSION).accepts(DataTypes.StringType))
                .isFalse();
    }

    @Test
    void aWrongTypeNamesKeyColumnDatasetTypeFoundAndTypesExpected() {
        StructType schema = new StructType().add("s", DataTypes.createArrayType(DataTypes.StringType));
        assertThatThrownBy(() -> RoleTypes.SEGMENT.require("columns.segments", "s", schema, "analysis"))
                .isInstanceOf(UserException.class)
                .hasMessage("configuration key 'columns.segments': column 's' in the analysis data has type"
                        + " array<string>; expected a string, numeric, boolean, date or timestamp column (each value a"
                        + " segment) (a nested, array, map, struct or binary column cannot carry a role)");
        // a column the schema lacks, or no schema, is left to the other checks
        RoleTypes.SEGMENT.require("columns.segments", "other", schema, "analysis");
        RoleTypes.SEGMENT.require("columns.segments", "s", null, "targets");
    }
}
