package dev.vigil.results;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.config.OutputConfig;
import dev.vigil.internal.UserException;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DeltaTables} with catalog tables, in the shared session's (in-memory) catalog: every kind
 * of write and read by name (MERGE, append, replace, delete), the schema created when missing, a
 * table of an earlier version migrated by ALTER TABLE on its name, external tables at {@code
 * path/<table>}, the existing tables of a path output registered as they are, and a table
 * registered elsewhere than {@code output.path} refused. The metastore case is {@link
 * CatalogTablesSparkTest}.
 */
class DeltaTablesCatalogSparkTest extends SparkTestBase {
    @TempDir
    static Path dir;

    static final Timestamp NOW = Timestamp.valueOf("2024-03-01 10:00:00");

    @AfterAll
    static void dropSchemas() {
        for (String s : List.of("dt_managed", "dt_ops", "dt_old", "dt_ext", "dt_migrated", "dt_race")) {
            spark.sql("DROP SCHEMA IF EXISTS " + s + " CASCADE");
        }
    }

    static Row run(String id, String monitor) {
        return RowFactory.create(
                id, monitor, NOW, NOW, "succeeded", null, 10L, 20L, 2, 0L, "monitor: " + monitor, "0.1.0", null, null);
    }

    static Row result(String monitor, String column, double value) {
        return RowFactory.create(new ResultRow(
                        monitor,
                        "data_quality",
                        "mean",
                        column,
                        null,
                        "analysis",
                        0,
                        "[0:9]",
                        0,
                        9,
                        null,
                        null,
                        10,
                        true,
                        value,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        "run",
                        NOW)
                .values());
    }

    static Object[] fields(Row r) {
        Object[] out = new Object[r.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.get(i);
        }
        return out;
    }

    static Row rankingRow(String monitor, String column, int rank) {
        return RowFactory.create(
                monitor,
                "alert_count",
                "univariate_drift",
                "jensen_shannon",
                null,
                null,
                column,
                rank,
                1L,
                null,
                null,
                true,
                4,
                null,
                null,
                null);
    }

    @Test
    void theSchemaAndEveryTableAreCreatedAndMergedByName() {
        DeltaTables tables = new DeltaTables(spark, new OutputConfig(null, null, "dt_managed"));
        assertThat(spark.catalog().databaseExists("dt_managed")).isFalse();
        tables.prepare();
        for (OutputTable t : OutputTables.ALL) {
            assertThat(spark.catalog().tableExists("dt_managed." + t.name()))
                    .as(t.name())
                    .isTrue();
            assertThat(tables.read(t).schema()).as(t.name()).isEqualTo(t.schema());
        }
        assertThat(spark.sql("DESCRIBE DETAIL dt_managed.results")
                        .first()
                        .<Object>getAs("partitionColumns")
                        .toString())
                .contains("monitor");
        List<Row> rows = List.of(result("m", "a", 0.5));
        tables.merge(OutputTables.RESULTS, rows);
        tables.merge(OutputTables.RESULTS, rows);
        assertThat(spark.table("dt_managed.results").count()).isEqualTo(1);
        tables.merge(OutputTables.RESULTS, List.of(result("m", "a", 0.75)));
        assertThat(spark.table("dt_managed.results").first().<Double>getAs("value"))
                .isEqualTo(0.75);
        assertThat(tables.ofMonitor(OutputTables.RESULTS, "m").count()).isEqualTo(1);
        assertThat(tables.address(OutputTables.RESULTS)).isEqualTo("dt_managed.results");
    }

    @Test
    void appendReplaceAndDeleteByName() {
        DeltaTables tables = new DeltaTables(spark, new OutputConfig(null, null, "dt_ops"));
        assertThat(tables.exists(OutputTables.RUNS)).isFalse();
        assertThat(tables.ofMonitor(OutputTables.RUNS, "m")).isNull();
        tables.append(OutputTables.RUNS, List.of(run("r1", "m")));
        tables.append(OutputTables.RUNS, List.of(run("r2", "m"), run("r3", "n")));
        assertThat(spark.table("dt_ops.runs").count()).isEqualTo(3);

        tables.replace(
                OutputTables.RANKINGS, "monitor = 'a'", List.of(rankingRow("a", "x", 1), rankingRow("a", "y", 2)));
        tables.replace(OutputTables.RANKINGS, "monitor = 'b'", List.of(rankingRow("b", "x", 1)));
        tables.replace(OutputTables.RANKINGS, "monitor = 'a'", List.of(rankingRow("a", "z", 1)));
        assertThat(spark.table("dt_ops.rankings").orderBy("monitor").collectAsList())
                .extracting(r -> r.getString(0) + ":" + r.getString(6))
                .containsExactly("a:z", "b:x");

        tables.delete(OutputTables.RUNS, col("monitor").equalTo("m"));
        assertThat(spark.table("dt_ops.runs").collectAsList())
                .extracting(r -> r.<String>getAs("run_id"))
                .containsExactly("r3");
    }

    @Test
    void aTableOfAnEarlierVersionGetsItsNewColumnsByAlterTable() {
        spark.sql("CREATE SCHEMA dt_old");
        String older = DeltaTables.columnsDdl(OutputTables.RESULTS.schema())
                .replace(", `chunk_complete` BOOLEAN", "")
                .replace(", `note` STRING", "");
        spark.sql("CREATE TABLE dt_old.results (" + older + ") USING delta PARTITIONED BY (monitor)");
        DeltaTables tables = new DeltaTables(spark, new OutputConfig(null, null, "dt_old"));
        tables.merge(OutputTables.RESULTS, List.of(result("m", "a", 0.5)));
        assertThat(spark.table("dt_old.results").columns()).containsExactlyElementsOf(OutputTables.RESULTS.columns());
    }

    /**
     * A results table written before {@code note}, {@code approximate} and {@code error_bound}
     * existed (path table, an earlier run's rows): the next MERGE adds the columns by ALTER TABLE, in
     * the table's order; the old rows' are null, the new rows carry theirs.
     */
    @Test
    void aResultsTableWithoutNoteOrExactnessGetsTheColumns() {
        String path = dir.resolve("without_note").toString() + "/results";
        String older = DeltaTables.columnsDdl(OutputTables.RESULTS.schema())
                .replace(", `note` STRING", "")
                .replace(", `approximate` BOOLEAN, `error_bound` DOUBLE", "");
        assertThat(older)
                .doesNotContain("`note`")
                .doesNotContain("`approximate`")
                .doesNotContain("`error_bound`");
        spark.sql("CREATE TABLE delta.`" + path + "` (" + older + ") USING delta PARTITIONED BY (monitor)");
        StructType oldSchema = StructType.fromDDL(older);
        Object[] oldRow = fields(result("m", "old", 0.25));
        List<Object> withoutNew = new ArrayList<>(java.util.Arrays.asList(oldRow));
        for (String c : List.of("error_bound", "approximate", "note")) {
            withoutNew.remove(OutputTables.RESULTS.schema().fieldIndex(c));
        }
        spark.createDataFrame(List.of(RowFactory.create(withoutNew.toArray())), oldSchema)
                .write()
                .format("delta")
                .mode("append")
                .save(path);

        DeltaTables tables = new DeltaTables(spark, dir.resolve("without_note").toString());
        Object[] noted = fields(result("m", "new", 0.5));
        noted[OutputTables.RESULTS.schema().fieldIndex("note")] = "3 analysis rows without a parseable timestamp";
        noted[OutputTables.RESULTS.schema().fieldIndex("approximate")] = true;
        noted[OutputTables.RESULTS.schema().fieldIndex("error_bound")] = 0.001;
        tables.merge(OutputTables.RESULTS, List.of(RowFactory.create(noted)));

        Dataset<Row> after = spark.read().format("delta").load(path);
        assertThat(after.columns()).containsExactlyElementsOf(OutputTables.RESULTS.columns());
        assertThat(after.orderBy("column_name").collectAsList())
                .extracting(r -> r.getAs("column_name") + ":" + r.getAs("note") + ":" + r.getAs("approximate") + ":"
                        + r.getAs("error_bound"))
                .containsExactly("new:3 analysis rows without a parseable timestamp:true:0.001", "old:null:null:null");
    }

    @Test
    void externalTablesLiveUnderThePath() {
        String path = dir.resolve("ext").toString();
        DeltaTables tables = new DeltaTables(spark, new OutputConfig(path, null, "dt_ext"));
        tables.append(OutputTables.RUNS, List.of(run("r1", "m")));
        assertThat(DeltaRetry.hasCommits(spark, path + "/runs")).isTrue();
        assertThat(spark.read().format("delta").load(path + "/runs").count()).isEqualTo(1);
        assertThat(spark.sql("DESCRIBE DETAIL dt_ext.runs").first().<String>getAs("location"))
                .isEqualTo("file:" + path + "/runs");

        // the same schema configured with another path: refused before anything is written
        String other = dir.resolve("other").toString();
        DeltaTables moved = new DeltaTables(spark, new OutputConfig(other, null, "dt_ext"));
        assertThatThrownBy(() -> moved.append(OutputTables.RUNS, List.of(run("r2", "m"))))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("output.path: the table dt_ext.runs is registered at 'file:" + path + "/runs'")
                .hasMessageContaining("not at '" + other + "/runs'");
        assertThat(spark.table("dt_ext.runs").count()).isEqualTo(1);
    }

    @Test
    void thePathTablesOfEarlierRunsAreRegisteredAsTheyAre() {
        String path = dir.resolve("earlier").toString();
        new DeltaTables(spark, path).append(OutputTables.RUNS, List.of(run("r1", "m")));
        DeltaTables tables = new DeltaTables(spark, new OutputConfig(path, null, "dt_migrated"));
        tables.append(OutputTables.RUNS, List.of(run("r2", "m")));
        assertThat(spark.table("dt_migrated.runs").collectAsList())
                .extracting(r -> r.<String>getAs("run_id"))
                .containsExactlyInAnyOrder("r1", "r2");
    }

    /**
     * Two writers creating the same catalog tables at once (threads of this session; the metastore
     * test cannot have two JVMs): both succeed, each table is created once, both monitors' rows land.
     */
    @Test
    void concurrentCreatorsOfTheSameTablesBothSucceed() throws Exception {
        OutputConfig output = new OutputConfig(null, null, "dt_race");
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (String monitor : List.of("m1", "m2")) {
            threads.add(new Thread(() -> {
                try {
                    DeltaTables tables = new DeltaTables(spark, output);
                    tables.prepare();
                    tables.merge(OutputTables.RESULTS, List.of(result(monitor, "a", 0.5)));
                    tables.append(OutputTables.RUNS, List.of(run("r-" + monitor, monitor)));
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(300_000);
        }
        assertThat(failures).isEmpty();
        assertThat(spark.table("dt_race.results").collectAsList())
                .extracting(r -> r.<String>getAs("monitor"))
                .containsExactlyInAnyOrder("m1", "m2");
        assertThat(spark.table("dt_race.runs").count()).isEqualTo(2);
    }
}
