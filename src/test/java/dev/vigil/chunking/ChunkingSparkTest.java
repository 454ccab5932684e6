package dev.vigil.chunking;

import static org.apache.spark.sql.functions.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.calculators.ChunkInfo;
import dev.vigil.calculators.ChunkStates;
import dev.vigil.config.ChunkingConfig;
import dev.vigil.config.ChunkingConfig.Incomplete;
import dev.vigil.config.ChunkingConfig.Kind;
import dev.vigil.config.ChunkingConfig.PeriodUnit;
import dev.vigil.internal.UserException;
import dev.vigil.scan.Scanner;
import dev.vigil.stats.Moments;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StateSpec;
import dev.vigil.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * NannyML's chunk boundaries for size (keep/drop/append), number and period chunking; timestamp
 * order.
 */
class ChunkingSparkTest extends SparkTestBase {

    /** n rows, one per day from 2018-01-30 20:00, x = row number. */
    static Dataset<Row> rows(int n, int partitions) {
        return session()
                .range(0, n, 1, partitions)
                .select(
                        col("id"),
                        col("id").cast("double").as("x"),
                        timestamp_seconds(col("id").multiply(3600 * 24).plus(1517342400L))
                                .as("ts"));
    }

    static List<ChunkInfo> chunks(Dataset<Row> df, ChunkingConfig cfg, String ts) {
        Chunker chunker = new Chunker(cfg, ts);
        StateSpec moments = new Specs.MomentsOf("x");
        List<ChunkStates> groups =
                new Scanner(ts, List.of()).scan(chunker.assign(df, "test"), List.of(moments), "test");
        return chunker.describe(groups, "test");
    }

    static List<String> keys(List<ChunkInfo> cs) {
        return cs.stream().map(ChunkInfo::key).toList();
    }

    @Test
    void sizeKeepsTheIncompleteLastChunkByDefault() {
        List<ChunkInfo> cs = chunks(rows(23, 3), new ChunkingConfig(Kind.SIZE, 10, 0, null, Incomplete.KEEP), null);
        assertThat(keys(cs)).containsExactly("[0:9]", "[10:19]", "[20:22]");
        assertThat(cs.get(2).rows()).isEqualTo(3);
        assertThat(cs.get(2).index()).isEqualTo(2);
    }

    @Test
    void sizeDropsOrAppendsTheIncompleteChunk() {
        assertThat(keys(chunks(rows(23, 3), new ChunkingConfig(Kind.SIZE, 10, 0, null, Incomplete.DROP), null)))
                .containsExactly("[0:9]", "[10:19]");
        List<ChunkInfo> appended =
                chunks(rows(23, 3), new ChunkingConfig(Kind.SIZE, 10, 0, null, Incomplete.APPEND), "ts");
        assertThat(keys(appended)).containsExactly("[0:9]", "[10:22]");
        assertThat(appended.get(1).rows()).isEqualTo(13);
        assertThat(appended.get(1).endDate().toLocalDateTime().toString()).isEqualTo("2018-02-21T20:00");
    }

    @Test
    void appendWithoutAFullChunkIsAUserError() {
        assertThatThrownBy(
                        () -> chunks(rows(5, 1), new ChunkingConfig(Kind.SIZE, 10, 0, null, Incomplete.APPEND), null))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("chunking.incomplete");
    }

    @Test
    void numberUsesTheFloorSizeAndKeepsTheRest() {
        // NannyML: chunk size ⌊23/4⌋ = 5, so 4 chunks of 5 and a last chunk of 3
        List<ChunkInfo> cs = chunks(rows(23, 2), new ChunkingConfig(Kind.NUMBER, 0, 4, null, Incomplete.KEEP), null);
        assertThat(keys(cs)).containsExactly("[0:4]", "[5:9]", "[10:14]", "[15:19]", "[20:22]");
    }

    @Test
    void monthlyPeriodsLabelsAndBounds() {
        List<ChunkInfo> cs =
                chunks(rows(40, 3), new ChunkingConfig(Kind.PERIOD, 0, 0, PeriodUnit.MONTH, Incomplete.KEEP), "ts");
        assertThat(keys(cs)).containsExactly("2018-01", "2018-02", "2018-03");
        assertThat(cs.get(0).rows()).isEqualTo(2); // Jan 30, 31
        assertThat(cs.get(1).rows()).isEqualTo(28);
        assertThat(cs.get(1).startIndex()).isEqualTo(2);
        assertThat(cs.get(1).endIndex()).isEqualTo(29);
        assertThat(cs.get(1).startDate().toString()).isEqualTo("2018-02-01 00:00:00.0");
        assertThat(cs.get(1).endDate().toString()).isEqualTo("2018-02-28 23:59:59.999999");
    }

    @Test
    void rowsWithoutTimestampAreInNoPeriodChunk() {
        Dataset<Row> df = rows(40, 2)
                .withColumn("ts", when(col("id").mod(10).equalTo(0), lit(null)).otherwise(col("ts")));
        List<ChunkInfo> cs = chunks(df, new ChunkingConfig(Kind.PERIOD, 0, 0, PeriodUnit.MONTH, Incomplete.KEEP), "ts");
        assertThat(cs.stream().mapToLong(ChunkInfo::rows).sum()).isEqualTo(36);
    }

    @Test
    void unorderedInputIsChunkedInTimestampOrder() {
        // reversed input: the first size chunk must still hold the 10 earliest rows (x = 0..9)
        Dataset<Row> reversed = rows(30, 3).orderBy(col("id").desc()).repartition(3);
        Chunker chunker = new Chunker(new ChunkingConfig(Kind.SIZE, 10, 0, null, Incomplete.KEEP), "ts");
        StateSpec moments = new Specs.MomentsOf("x");
        List<ChunkStates> groups =
                new Scanner("ts", List.of()).scan(chunker.assign(reversed, "test"), List.of(moments), "test");
        List<ChunkInfo> cs = chunker.describe(groups, "test");
        assertThat(keys(cs)).containsExactly("[0:9]", "[10:19]", "[20:29]");
        ChunkStates first = groups.stream()
                .filter(g -> g.group() == cs.get(0).group())
                .findFirst()
                .orElseThrow();
        Moments m = first.state(moments);
        assertThat(m.min()).isEqualTo(0.0);
        assertThat(m.max()).isEqualTo(9.0);
    }

    @Test
    void multiFileTimeOrderedInputNeedsNoSort() {
        // several partitions each in time order, in scrambled partition order: runs give the positions
        Dataset<Row> df = rows(30, 3);
        Dataset<Row> scrambled =
                df.filter("id >= 20").union(df.filter("id < 10")).union(df.filter("id >= 10 and id < 20"));
        List<RowIndex.Run> runs = RowIndex.runs(scrambled, "ts");
        assertThat(RowIndex.inTimestampOrder(runs)).isTrue();
        RowIndex.Indexed indexed = RowIndex.add(scrambled, "ts", "test");
        assertThat(indexed.sorted()).isFalse();
        List<Row> byRow = indexed.frame()
                .select(col(Scanner.ROW), col("id"))
                .orderBy(Scanner.ROW)
                .collectAsList();
        for (int i = 0; i < 30; i++) {
            assertThat(byRow.get(i).getLong(0)).isEqualTo(i);
            assertThat(byRow.get(i).getLong(1)).isEqualTo(i);
        }
    }
}
