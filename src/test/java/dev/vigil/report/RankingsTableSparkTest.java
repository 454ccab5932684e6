package dev.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.cli.Main;
import dev.vigil.results.OutputTables;
import dev.vigil.testing.SparkTestBase;
import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rankings table on a real Delta table: per-monitor replacement, other monitors untouched,
 * no-op reruns.
 */
class RankingsTableSparkTest extends SparkTestBase {
    @TempDir
    Path dir;

    private static RankingsTable.Ranking ranking(String monitor, String... columns) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            rows.add(RowFactory.create(
                    monitor,
                    RankingsTable.ALERT_COUNT,
                    "univariate_drift",
                    "jensen_shannon",
                    null,
                    null,
                    columns[i],
                    i + 1,
                    (long) (columns.length - i),
                    null,
                    null,
                    true,
                    5,
                    null,
                    null,
                    null));
        }
        return new RankingsTable.Ranking(
                RankingsTable.ALERT_COUNT, "univariate_drift", "jensen_shannon", null, null, rows);
    }

    private long version(String path) {
        return DeltaTable.forPath(spark, path).history(1).collectAsList().get(0).<Long>getAs("version");
    }

    private List<String> columns(String path, String monitor) {
        return spark.read()
                .format("delta")
                .load(path)
                .where("monitor = '" + monitor + "'")
                .orderBy("rank")
                .select("column_name")
                .as(Encoders.STRING())
                .collectAsList();
    }

    @Test
    void replacesOnlyTheMonitorsRowsAndSkipsUnchangedOnes() {
        String out = dir.toString();
        String path = out + "/rankings";
        assertThat(RankingsTable.write(spark, out, "a", List.of(ranking("a", "x", "y", "z"))))
                .isTrue();
        assertThat(RankingsTable.write(spark, out, "b'q", List.of(ranking("b'q", "u", "v"))))
                .isTrue();
        long v = version(path);
        // the same rows again: nothing written
        assertThat(RankingsTable.write(spark, out, "a", List.of(ranking("a", "x", "y", "z"))))
                .isFalse();
        assertThat(version(path)).isEqualTo(v);
        // changed rows for a: a replaced (a row gone, the order changed), b untouched
        assertThat(RankingsTable.write(spark, out, "a", List.of(ranking("a", "z", "x"))))
                .isTrue();
        assertThat(columns(path, "a")).containsExactly("z", "x");
        assertThat(columns(path, "b\\'q")).containsExactly("u", "v");
        assertThat(spark.read().format("delta").load(path).schema().fieldNames())
                .containsExactly(OutputTables.RANKINGS.schema().fieldNames());
    }

    /**
     * A rankings table an earlier version wrote (without the underperforming_segments columns) gains
     * them by ALTER TABLE on the next report: the old rows of other monitors stay, null in them.
     */
    @Test
    void anOlderTableGainsTheNewColumns() {
        String out = dir.toString();
        String path = out + "/rankings";
        List<String> newColumns = List.of("relative_performance", "relative_in_sampling_errors", "higher_is_better");
        org.apache.spark.sql.types.StructType old = new org.apache.spark.sql.types.StructType(
                java.util.Arrays.stream(OutputTables.RANKINGS.schema().fields())
                        .filter(f -> !newColumns.contains(f.name()))
                        .toArray(org.apache.spark.sql.types.StructField[]::new));
        Row oldRow = RowFactory.create(
                "old",
                RankingsTable.ALERT_COUNT,
                "univariate_drift",
                "psi",
                null,
                null,
                "w",
                1,
                2L,
                null,
                null,
                true,
                5);
        spark.createDataFrame(List.of(oldRow), old).write().format("delta").save(path);
        List<Row> segments = RankingsTable.underperformingSegments(
                        "a",
                        List.of(
                                new UnderperformingSegments.Sums(
                                        "realized_performance", "roc_auc", "region=x", 2, -0.2, 2, 0.02, 1),
                                new UnderperformingSegments.Sums(
                                        "realized_performance", "roc_auc", "region=y", 2, 0.1, 2, 0.02, 0)))
                .get(0)
                .rows();
        assertThat(RankingsTable.write(
                        spark,
                        out,
                        "a",
                        List.of(new RankingsTable.Ranking(
                                UnderperformingSegments.RANKER,
                                RankingsTable.PERFORMANCE,
                                "roc_auc",
                                null,
                                "roc_auc",
                                segments))))
                .isTrue();
        org.apache.spark.sql.Dataset<Row> table = spark.read().format("delta").load(path);
        assertThat(table.schema().fieldNames())
                .containsExactly(OutputTables.RANKINGS.schema().fieldNames());
        Row kept = table.where("monitor = 'old'").collectAsList().get(0);
        assertThat(kept.<String>getAs("column_name")).isEqualTo("w");
        assertThat((Object) kept.getAs("relative_performance")).isNull();
        List<Row> a = table.where("monitor = 'a'").orderBy("rank").collectAsList();
        assertThat(a).extracting(r -> r.<String>getAs("column_name")).containsExactly("region=x", "region=y");
        assertThat(a.get(0).<Double>getAs("relative_performance")).isEqualTo(-0.1);
        // −0.1 / (√0.02 / 2)
        assertThat(a.get(0).<Double>getAs("relative_in_sampling_errors"))
                .isCloseTo(-0.1 / (Math.sqrt(0.02) / 2), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(a.get(0).<Boolean>getAs("higher_is_better")).isTrue();
        assertThat(a.get(0).<String>getAs("performance_calculator")).isEqualTo("realized_performance");
    }

    /** {@code vigil export --table rankings}: every row, by monitor, ranking and rank. */
    @Test
    void exportsAsCsvInRankOrder() throws Exception {
        String out = dir.toString();
        RankingsTable.write(spark, out, "b", List.of(ranking("b", "u", "v")));
        RankingsTable.write(spark, out, "a", List.of(ranking("a", "x", "y", "z")));
        Path csv = dir.resolve("rankings.csv");
        int code = Main.execute(
                new String[] {"export", "--output", out, "--table", "rankings", "--to", csv.toString()},
                new PrintStream(new ByteArrayOutputStream()),
                System.err);
        assertThat(code).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(String.join(",", OutputTables.RANKINGS.columns()));
        assertThat(lines.subList(1, lines.size()))
                .extracting(l -> l.split(",")[0] + ":" + l.split(",")[6])
                .containsExactly("a:x", "a:y", "a:z", "b:u", "b:v");
    }
}
