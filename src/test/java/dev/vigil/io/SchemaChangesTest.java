package dev.vigil.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.MonitorConfig;
import dev.vigil.config.ResolvedColumns;
import dev.vigil.internal.UserException;
import dev.vigil.quality.SchemaChange;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@link SchemaCheck#changes} and what {@link SchemaCheck#check} does with a changed defaulted or
 * listed feature, on schemas alone (no Spark session, no rows).
 */
class SchemaChangesTest {
    static final StructType ROLES = new StructType()
            .add("id", DataTypes.LongType)
            .add("timestamp", DataTypes.TimestampType)
            .add("y_pred_proba", DataTypes.DoubleType)
            .add("y_pred", DataTypes.IntegerType)
            .add("target", DataTypes.IntegerType);

    static final StructType REFERENCE = ROLES.add("x", DataTypes.DoubleType)
            .add("c", DataTypes.StringType)
            .add("n", DataTypes.IntegerType)
            .add("z", DataTypes.DoubleType)
            .add("when", DataTypes.DateType);

    static MonitorConfig config(String features) {
        return new ConfigLoader(k -> null).parse("""
                        monitor: m
                        problem_type: binary_classification
                        reference: {path: "/r", format: parquet}
                        analysis: {path: "/a", format: parquet}
                        columns:
                          timestamp: timestamp
                          id: id
                          prediction: y_pred
                          scores: y_pred_proba
                          target: target
                        %s
                        chunking: {size: 10}
                        """.formatted(features), "t", List.of());
    }

    static StructType without(StructType schema, String column) {
        return new StructType(Arrays.stream(schema.fields())
                .filter(f -> !f.name().equals(column))
                .toArray(StructField[]::new));
    }

    static List<String> described(List<SchemaChange> changes) {
        return changes.stream()
                .map(c -> c.column() + ": " + c.note() + (c.kind().alerts() ? " (alert)" : ""))
                .toList();
    }

    @Test
    void anUnchangedSchemaHasNoChange() {
        assertThat(SchemaCheck.changes(config(""), REFERENCE, REFERENCE, Set.of()))
                .isEmpty();
    }

    @Test
    void missingRetypedAndAddedColumnsInSchemaOrder() {
        // z dropped; c now numbers, x now text, n widened to double (the same family); extra added;
        // the date column was never a feature, so its change says nothing
        StructType analysis = ROLES.add("x", DataTypes.StringType)
                .add("c", DataTypes.LongType)
                .add("n", DataTypes.DoubleType)
                .add("when", DataTypes.StringType)
                .add("extra", DataTypes.BooleanType);
        assertThat(described(SchemaCheck.changes(config(""), REFERENCE, analysis, Set.of())))
                .containsExactly(
                        "x: type changed from double to string (alert)",
                        "c: type changed from string to bigint (alert)",
                        "z: missing from the analysis (alert)",
                        "extra: added in the analysis");
    }

    @Test
    void roleColumnsAreNeverChanges() {
        // the analysis without its target (targets may come later) and with an id the reference lacks
        StructType reference = without(REFERENCE, "id");
        StructType analysis = without(REFERENCE, "target");
        assertThat(SchemaCheck.changes(config(""), reference, analysis, Set.of()))
                .isEmpty();
    }

    @Test
    void listedFeaturesAreTheReferenceFeatures() {
        // only x and c are features: z missing is no change; an added column still is
        StructType analysis = ROLES.add("x", DataTypes.DoubleType)
                .add("c", DataTypes.StringType)
                .add("n", DataTypes.IntegerType)
                .add("when", DataTypes.DateType)
                .add("extra", DataTypes.DoubleType)
                .add("date", DataTypes.DateType);
        // date comes from the analysis's folders (date=2024-01-05/...): the layout, not an added column
        assertThat(described(SchemaCheck.changes(config("  features: [x, c]"), REFERENCE, analysis, Set.of("date"))))
                .containsExactly("extra: added in the analysis");
    }

    @Test
    void aDefaultedFeatureMissingOrUnreadableIsLeftOutAndAListedOneIsRefused() {
        StructType analysis = ROLES.add("x", DataTypes.StringType)
                .add("c", DataTypes.LongType)
                .add("n", DataTypes.DoubleType)
                .add("when", DataTypes.DateType);
        ResolvedColumns defaulted = SchemaCheck.check(config(""), REFERENCE, analysis, null);
        // x (continuous, now text) and z (missing) left out; c (categorical) reads numbers as categories
        assertThat(defaulted.features()).containsExactly("c", "n");
        assertThat(defaulted.continuous()).containsExactly("n");
        assertThat(defaulted.categorical()).containsExactly("c");
        assertThatThrownBy(() -> SchemaCheck.check(config("  features: [x, c]"), REFERENCE, analysis, null))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("column 'x' is numeric in the reference but string in the analysis data");
        assertThatThrownBy(() -> SchemaCheck.check(config("  features: [c, z]"), REFERENCE, analysis, null))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("columns.features")
                .hasMessageContaining("'z'")
                .hasMessageContaining("analysis");
    }
}
