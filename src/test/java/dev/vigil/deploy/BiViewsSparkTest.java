package dev.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sql/views.sql creates its views over the tables of a real Vigil run (with Spark substituting
 * ${output} after {@code SET output = ...}, as the file says), and the views answer from the
 * results table: the newest value per metric, the current alerts, and the
 * Lakehouse-Monitoring-shaped drift view with one row per column × window (× slice) whose distances
 * are the results' values.
 */
class BiViewsSparkTest extends SparkTestBase {
    static final Path ROOT = Path.of(System.getProperty("user.dir"));
    static Path output;
    static List<String> statements;

    @BeforeAll
    static void createViews() throws Exception {
        output = VigilOutputFixture.output();
        statements = SqlFiles.statements(Files.readString(ROOT.resolve("sql/views.sql")), "sql/views.sql");
        statements.forEach(s -> SqlFiles.assertPlaceholders(s, Set.of("results", "distributions")));
        spark.sql("CREATE DATABASE IF NOT EXISTS vigil_bi");
        spark.sql("USE vigil_bi");
        spark.sql("SET output = " + output);
        try {
            for (String s : statements) {
                spark.sql(s);
            }
        } finally {
            spark.conf().unset("output");
            spark.sql("USE default");
        }
    }

    @AfterAll
    static void dropViews() {
        spark.sql("DROP DATABASE IF EXISTS vigil_bi CASCADE");
    }

    static Dataset<Row> results() {
        return spark.read().format("delta").load(output.resolve("results").toString());
    }

    @Test
    void theFileCreatesFourViews() {
        assertThat(statements).hasSize(4).allMatch(s -> s.startsWith("CREATE OR REPLACE VIEW "));
        assertThat(spark.catalog().tableExists("vigil_bi.vigil_latest_values")).isTrue();
        assertThat(spark.catalog().tableExists("vigil_bi.vigil_current_alerts")).isTrue();
        assertThat(spark.catalog().tableExists("vigil_bi.vigil_drift_metrics")).isTrue();
        assertThat(spark.catalog().tableExists("vigil_bi.vigil_profile_metrics"))
                .isTrue();
    }

    /** consecutive_drift's rows are CONSECUTIVE, each compared with the window before it. */
    @Test
    void consecutiveDriftRowsAreConsecutiveWithThePreviousWindow() {
        Dataset<Row> consecutive = spark.table("vigil_bi.vigil_drift_metrics")
                .where("drift_type = 'CONSECUTIVE' AND slice_key IS NULL AND column_name = 'num_0'")
                .orderBy("chunk_index");
        List<Row> rows = consecutive.collectAsList();
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0).isNullAt(rows.get(0).fieldIndex("window_cmp"))).isTrue();
        for (int i = 1; i < rows.size(); i++) {
            Row cmp = rows.get(i).getStruct(rows.get(i).fieldIndex("window_cmp"));
            Row before = rows.get(i - 1).getStruct(rows.get(i - 1).fieldIndex("window"));
            assertThat(cmp).isEqualTo(before);
            assertThat(rows.get(i).<Row>getAs("ks_test").<Double>getAs("statistic"))
                    .isNotNull();
        }
    }

    /**
     * The profile view: one row per column and window, its metrics as columns, the quantiles as an
     * array and the frequent items of a string column from the distributions table.
     */
    @Test
    void profileMetricsHaveTheLakehouseMonitoringShape() {
        Dataset<Row> whole = spark.table("vigil_bi.vigil_profile_metrics").where("slice_key IS NULL");
        Row num = whole.where("column_name = 'num_0' AND chunk_index = 0").first();
        assertThat(num.<Double>getAs("count")).isPositive();
        assertThat(num.<Double>getAs("min")).isLessThan(num.<Double>getAs("median"));
        assertThat(num.<Double>getAs("median")).isLessThan(num.<Double>getAs("max"));
        List<Double> quantiles = num.getList(num.fieldIndex("quantiles"));
        assertThat(quantiles).hasSize(5).isSorted();
        assertThat(num.isNullAt(num.fieldIndex("avg_length"))).isTrue();
        Row cat = whole.where("column_name = 'cat_1' AND chunk_index = 0").first();
        assertThat(cat.<Double>getAs("distinct_count")).isPositive();
        assertThat(cat.<Double>getAs("avg_length")).isPositive();
        List<Row> items = cat.getList(cat.fieldIndex("frequent_items"));
        assertThat(items).isNotEmpty().hasSizeLessThanOrEqualTo(10);
        long top = items.get(0).<Long>getAs("count");
        assertThat(items).allMatch(r -> r.<Long>getAs("count") <= top);
        assertThat(whole.count())
                .isEqualTo(whole.select("column_name", "chunk_index").distinct().count());
    }

    @Test
    void latestValuesHoldTheNewestAnalysisChunkOfEveryMetric() {
        results().where("period = 'analysis'").createOrReplaceTempView("deploy_results_analysis");
        Dataset<Row> latest = spark.table("vigil_bi.vigil_latest_values");
        long groups = spark.sql(
                        "SELECT count(*) FROM (SELECT DISTINCT monitor, calculator, metric, column_name, segment"
                                + " FROM deploy_results_analysis)")
                .first()
                .getLong(0);
        assertThat(latest.count()).isEqualTo(groups).isPositive();
        // each row is the chunk with the latest end date of its group, with the results' values
        long wrong = spark.sql("""
        SELECT count(*) FROM vigil_bi.vigil_latest_values l
        WHERE l.chunk_end_date <> (SELECT max(r.chunk_end_date) FROM deploy_results_analysis r
                                   WHERE r.monitor = l.monitor AND r.calculator = l.calculator AND r.metric = l.metric
                                     AND r.column_name <=> l.column_name AND r.segment <=> l.segment)
           OR NOT EXISTS (SELECT 1 FROM deploy_results_analysis r
                          WHERE r.monitor = l.monitor AND r.calculator = l.calculator AND r.metric = l.metric
                            AND r.column_name <=> l.column_name AND r.segment <=> l.segment
                            AND r.chunk_key = l.chunk_key AND r.value <=> l.value AND r.alert = l.alert)
        """).first().getLong(0);
        assertThat(wrong).isZero();
        int lastChunk = spark.sql("SELECT max(chunk_index) FROM deploy_results_analysis")
                .first()
                .getInt(0);
        assertThat(latest.where("chunk_index <> " + lastChunk).count()).isZero();

        Dataset<Row> alerts = spark.table("vigil_bi.vigil_current_alerts");
        assertThat(alerts.count()).isEqualTo(latest.where("alert").count()).isPositive();
        assertThat(alerts.where("calculator = 'univariate_drift' AND column_name = 'num_0' AND segment IS NULL")
                        .count())
                .as("num_0 drifts in the last chunk")
                .isPositive();
    }

    @Test
    void driftViewHasLakehouseMonitoringsDriftColumns() {
        Dataset<Row> drift = spark.table("vigil_bi.vigil_drift_metrics");
        StructType s = drift.schema();
        StructType window =
                new StructType().add("start", DataTypes.TimestampType).add("end", DataTypes.TimestampType);
        StructType test =
                new StructType().add("statistic", DataTypes.DoubleType).add("pvalue", DataTypes.DoubleType);
        assertThat(s.fieldNames())
                .startsWith(
                        "window",
                        "window_cmp",
                        "drift_type",
                        "granularity",
                        "model_id_col",
                        "slice_key",
                        "slice_value",
                        "column_name",
                        "chi_squared_test",
                        "ks_test",
                        "l_infinity_distance",
                        "js_distance",
                        "wasserstein_distance",
                        "population_stability_index");
        assertThat(sameShape(s.apply("window").dataType(), window)).isTrue();
        assertThat(sameShape(s.apply("window_cmp").dataType(), window)).isTrue();
        assertThat(sameShape(s.apply("ks_test").dataType(), test)).isTrue();
        assertThat(sameShape(s.apply("chi_squared_test").dataType(), test)).isTrue();
        for (String c :
                List.of("l_infinity_distance", "js_distance", "wasserstein_distance", "population_stability_index")) {
            assertThat(s.apply(c).dataType()).as(c).isEqualTo(DataTypes.DoubleType);
        }
        for (String c :
                List.of("drift_type", "granularity", "model_id_col", "slice_key", "slice_value", "column_name")) {
            assertThat(s.apply(c).dataType()).as(c).isEqualTo(DataTypes.StringType);
        }
        // LHM's usual query shape works
        assertThat(spark.sql(
                                "SELECT window.start, window.end, column_name, js_distance, ks_test.pvalue"
                                        + " FROM vigil_bi.vigil_drift_metrics WHERE slice_key IS NULL AND drift_type = 'BASELINE'")
                        .count())
                .isPositive();
    }

    @Test
    void driftViewHasOneRowPerColumnAndWindowWithTheResultsValues() {
        results()
                .where("calculator = 'univariate_drift' AND period = 'analysis'")
                .createOrReplaceTempView("deploy_drift");
        Dataset<Row> whole =
                spark.table("vigil_bi.vigil_drift_metrics").where("slice_key IS NULL AND drift_type = 'BASELINE'");
        long columnsTimesChunks = spark.sql(
                        "SELECT count(*) FROM (SELECT DISTINCT column_name, chunk_key FROM deploy_drift"
                                + " WHERE segment IS NULL AND column_name IS NOT NULL)")
                .first()
                .getLong(0);
        assertThat(whole.count()).isEqualTo(columnsTimesChunks).isGreaterThanOrEqualTo(6 * 6);
        assertThat(whole.groupBy("model_id_col", "column_name", "window")
                        .count()
                        .where("count > 1")
                        .count())
                .isZero();
        assertThat(whole.where("drift_type <> 'BASELINE' OR granularity <> 'rows' OR model_id_col <> 'deploy_demo'"
                                + " OR window_cmp IS NOT NULL")
                        .count())
                .isZero();

        // every method's value is the results table's value for that column, chunk and segment
        String[][] methods = {
            {"js_distance", "jensen_shannon", "value"},
            {"wasserstein_distance", "wasserstein", "value"},
            {"population_stability_index", "psi", "value"},
            {"l_infinity_distance", "l_infinity", "value"},
            {"hellinger_distance", "hellinger", "value"},
            {"ks_test.statistic", "kolmogorov_smirnov", "value"},
            {"ks_test.pvalue", "kolmogorov_smirnov", "p_value"},
            {"chi_squared_test.statistic", "chi2", "value"},
            {"chi_squared_test.pvalue", "chi2", "p_value"}
        };
        for (String[] m : methods) {
            Dataset<Row> compared = spark.sql("""
          SELECT v.%1$s AS view_value, r.%3$s AS results_value, v.window.start AS w_start, r.chunk_start_date
          FROM vigil_bi.vigil_drift_metrics v
          JOIN deploy_drift r ON v.drift_type = 'BASELINE' AND r.metric = '%2$s' AND r.column_name = v.column_name AND r.chunk_key = v.chunk_key
           AND r.segment <=> CASE WHEN v.slice_key IS NULL THEN NULL ELSE concat(v.slice_key, '=', v.slice_value) END
          """.formatted(m[0], m[1], m[2]));
            long expected = spark.sql("SELECT count(*) FROM deploy_drift WHERE metric = '" + m[1] + "'")
                    .first()
                    .getLong(0);
            assertThat(compared.count()).as(m[1] + " rows").isEqualTo(expected).isPositive();
            assertThat(compared.where("NOT (view_value <=> results_value) OR NOT (w_start <=> chunk_start_date)")
                            .count())
                    .as(m[0] + " equals results." + m[2] + " of " + m[1])
                    .isZero();
        }
        // methods a column does not have are null: KS only on continuous columns, chi2 only on
        // categorical ones
        assertThat(whole.where("column_name = 'cat_0'")
                        .where("ks_test IS NOT NULL OR chi_squared_test IS NULL")
                        .count())
                .isZero();
        assertThat(whole.where("column_name = 'num_0'")
                        .where("ks_test IS NULL OR chi_squared_test IS NOT NULL")
                        .count())
                .isZero();

        // segments are slices: region=north -> slice_key region, slice_value north; the cross
        // region,cat_0=north,low -> slice_key 'region,cat_0', slice_value 'north,low'; the predicate slice
        // slice=confident -> slice_key 'slice', slice_value 'confident'; one row per column x window x slice
        Dataset<Row> slices =
                spark.table("vigil_bi.vigil_drift_metrics").where("slice_key IS NOT NULL AND drift_type = 'BASELINE'");
        long segmentRows = spark.sql(
                        "SELECT count(*) FROM (SELECT DISTINCT column_name, chunk_key, segment FROM deploy_drift"
                                + " WHERE segment IS NOT NULL AND column_name IS NOT NULL)")
                .first()
                .getLong(0);
        assertThat(slices.count()).isEqualTo(segmentRows).isPositive();
        assertThat(slices.select("slice_key").distinct().collectAsList())
                .extracting(r -> r.getString(0))
                .containsExactlyInAnyOrder("region", "region,cat_0", "slice");
        assertThat(slices.where("slice_key = 'region'")
                        .select("slice_value")
                        .distinct()
                        .collectAsList())
                .extracting(r -> r.getString(0))
                .containsExactlyInAnyOrder("north", "south", "east", "west");
        List<String> pairs = new ArrayList<>();
        for (String region : List.of("north", "south", "east", "west")) {
            for (String level : List.of("low", "mid", "high")) {
                pairs.add(region + "," + level);
            }
        }
        assertThat(slices.where("slice_key = 'region,cat_0'")
                        .select("slice_value")
                        .distinct()
                        .collectAsList())
                .extracting(r -> r.getString(0))
                .containsExactlyInAnyOrderElementsOf(pairs);
        assertThat(slices.where("slice_key = 'slice'")
                        .select("slice_value")
                        .distinct()
                        .collectAsList())
                .extracting(r -> r.getString(0))
                .containsExactly("confident");
    }

    /** Struct field names and types, ignoring nullability. */
    static boolean sameShape(DataType actual, StructType expected) {
        if (!(actual instanceof StructType a) || a.fields().length != expected.fields().length) {
            return false;
        }
        for (int i = 0; i < a.fields().length; i++) {
            if (!a.fields()[i].name().equals(expected.fields()[i].name())
                    || !a.fields()[i].dataType().equals(expected.fields()[i].dataType())) {
                return false;
            }
        }
        return true;
    }
}
