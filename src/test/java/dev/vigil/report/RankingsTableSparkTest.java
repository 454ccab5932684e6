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
