package dev.vigil.io;

import static org.apache.spark.sql.functions.*;

import dev.vigil.config.ColumnsConfig;
import dev.vigil.config.MonitorConfig;
import dev.vigil.config.ProblemType;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.NumericType;

/**
 * Row-level rules for the model's own columns, as narrow projections evaluated by the scans that
 * read them (no Spark job of their own):
 *
 * <ul>
 *   <li>NaN and ±Inf in the target, the prediction and the scores are missing values (null), as
 *       NannyML treats NaN (rows without a target or score are left out of the performance
 *       metrics).
 *   <li>Classification scores are probabilities: a value outside [0, 1] fails the run (exit 2)
 *       quoting it.
 *   <li>Binary classification: a numeric target or prediction other than 0 and 1 fails the run
 *       (exit 2) quoting it.
 *   <li>Multiclass: a predicted or true class the score mapping does not name fails the run (exit
 *       2) quoting it (a true class outside it would count as a mistake on every row).
 * </ul>
 *
 * Features are left as they are: the scan treats their NaN and ±Inf as missing (and logs the
 * infinite ones).
 */
public final class InputChecks {
    private InputChecks() {}

    public static Dataset<Row> apply(MonitorConfig config, Dataset<Row> df, String what) {
        if (df == null) {
            return null;
        }
        ColumnsConfig cols = config.columns();
        List<String> names = List.of(df.columns());
        Dataset<Row> out = df;
        boolean binary = config.problemType() == ProblemType.BINARY_CLASSIFICATION;
        for (String c : Arrays.asList(cols.target(), cols.prediction())) {
            if (c == null || !names.contains(c)) {
                continue;
            }
            DataType t = df.schema().apply(c).dataType();
            Column v = isFloating(t) ? finiteOrNull(ColumnNames.column(c)) : ColumnNames.column(c);
            boolean numericLabel = binary && t instanceof NumericType;
            if (numericLabel) {
                // a cast to int reads them: 2 would be a third class, 0.7 a 0; refused quoting the value
                String key = c.equals(cols.target()) ? "columns.target" : "columns.prediction";
                v = when(
                                v.isNotNull().and(not(v.isin(0, 1))),
                                JobErrors.failInJob(concat(
                                        lit("configuration key '" + key + "': column '" + c + "' has the value "),
                                        v.cast("string"),
                                        lit(" in the "
                                                + what
                                                + " data; expected the labels of binary_classification as 0 or 1"
                                                + " (1 the positive class)"))))
                        .otherwise(v);
            }
            if (numericLabel || isFloating(t)) {
                out = out.withColumn(c, v);
            }
        }
        if (config.problemType().isClassification()) {
            for (var e : cols.scores().entrySet()) {
                String c = e.getValue();
                if (!names.contains(c)) {
                    continue;
                }
                String key = e.getKey().isEmpty() ? "columns.scores" : "columns.scores." + e.getKey();
                Column s = ColumnNames.column(c);
                Column checked = when(
                                s.lt(0).or(s.gt(1)),
                                JobErrors.failInJob(concat(
                                        lit("configuration key '" + key + "': column '" + c + "' has the value "),
                                        s.cast("string"),
                                        lit(" in the "
                                                + what
                                                + " data, outside [0, 1]; expected probabilities between 0 and 1"))))
                        .otherwise(s);
                if (isFloating(df.schema().apply(c).dataType())) {
                    checked = when(isnan(s).or(s.isin(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)), lit(null))
                            .otherwise(checked);
                }
                out = out.withColumn(c, checked);
            }
        }
        if (config.problemType() == ProblemType.MULTICLASS_CLASSIFICATION
                && !cols.scores().isEmpty()) {
            List<String> classes = List.copyOf(cols.scores().keySet());
            for (String c : Arrays.asList(cols.prediction(), cols.target())) {
                if (c == null || !names.contains(c)) {
                    continue;
                }
                boolean prediction = c.equals(cols.prediction());
                Column text = ColumnNames.column(c).cast("string");
                out = out.withColumn(
                        c,
                        when(
                                        text.isNotNull().and(not(text.isin(classes.toArray()))),
                                        JobErrors.failInJob(concat(
                                                lit("configuration key '"
                                                        + (prediction ? "columns.prediction" : "columns.target")
                                                        + "': column '"
                                                        + c
                                                        + (prediction
                                                                ? "' predicts the class '"
                                                                : "' has the class '")),
                                                text,
                                                lit("' in the "
                                                        + what
                                                        + " data, which columns.scores does not name; expected one of "
                                                        + classes
                                                        + " (add the class and its score column to columns.scores)"))))
                                .otherwise(ColumnNames.column(c)));
            }
        }
        return out;
    }

    private static Column finiteOrNull(Column c) {
        return when(isnan(c).or(c.isin(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)), lit(null))
                .otherwise(c);
    }

    private static boolean isFloating(DataType t) {
        return t instanceof DoubleType || t instanceof FloatType;
    }
}
