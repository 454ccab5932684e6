package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.generate.SyntheticData;
import dev.vigil.results.ResultRow;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code consecutive_drift}: each chunk against the chunk before it. On generated data whose second
 * half shifts num_0 and cat_0 at once, it alerts at the change point only, where univariate drift
 * alerts on every chunk after it; its exact-path KS equals the statistic computed here on the two
 * chunks' raw values; the first reference chunk has no value and says why.
 */
class ConsecutiveDriftSparkTest extends SparkTestBase {
    @TempDir
    static Path dir;

    @Test
    void alertsWhereTheDataChangesAndMeasuresEachChunkAgainstThePreviousOne() {
        // 9,000 reference rows (the exact path), 10 analysis chunks of 900, shifted from chunk 5
        SyntheticData.Options o = new SyntheticData.Options(9_000, 9_000, 4, 8, 0.5, "parquet");
        SyntheticData.write(session(), dir.toString(), o);
        List<ResultRow> rows = compute("""
        monitor: consecutive
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba, target: repaid}
        chunking: {size: 900}
        calculators:
          univariate_drift: {columns: [num_0, cat_0], continuous_methods: [kolmogorov_smirnov], categorical_methods: [jensen_shannon]}
          consecutive_drift: {columns: [num_0, cat_0], continuous_methods: [kolmogorov_smirnov], categorical_methods: [jensen_shannon]}
        """.formatted(dir.resolve("reference"), dir.resolve("analysis")));
        List<ResultRow> consecutive = rows.stream()
                .filter(r -> r.calculator().equals(UnivariateDriftCalculator.CONSECUTIVE) && r.columnName() != null)
                .toList();
        assertThat(consecutive).isNotEmpty();

        // the first reference chunk has nothing before it
        assertThat(consecutive.stream().filter(r -> r.period().equals("reference") && r.chunkIndex() == 0))
                .hasSize(2)
                .allMatch(r -> r.value() == null && r.note().contains("no chunk before it"));

        for (String column : List.of("num_0", "cat_0")) {
            List<Integer> alerted = analysis(consecutive, column).stream()
                    .filter(ResultRow::alert)
                    .map(ResultRow::chunkIndex)
                    .toList();
            List<Integer> baseline = analysis(
                            rows.stream()
                                    .filter(r -> r.calculator().equals(UnivariateDriftCalculator.NAME))
                                    .toList(),
                            column)
                    .stream()
                    .filter(ResultRow::alert)
                    .map(ResultRow::chunkIndex)
                    .toList();
            System.out.printf("%s: consecutive alerts %s, univariate alerts %s%n", column, alerted, baseline);
            assertThat(alerted).as(column).containsExactly(5);
            assertThat(baseline).as(column).containsExactly(5, 6, 7, 8, 9);
        }

        // analysis chunk 3 against chunk 2, on the raw values
        double[] chunk2 = values(o, 2);
        double[] chunk3 = values(o, 3);
        double expected = new KolmogorovSmirnov()
                .measuredStatistic(ContinuousSample.exact(chunk2.length, chunk2, chunk3))
                .value();
        ResultRow ks = analysis(consecutive, "num_0").stream()
                .filter(r -> r.chunkIndex() == 3)
                .findFirst()
                .orElseThrow();
        assertThat(ks.value()).isCloseTo(expected, within(1e-12));
        assertThat(ks.approximate()).isFalse();
    }

    private static List<ResultRow> analysis(List<ResultRow> rows, String column) {
        return rows.stream()
                .filter(r -> r.period().equals("analysis") && column.equals(r.columnName()) && r.segment() == null)
                .toList();
    }

    /** num_0 of analysis chunk {@code i} (900 rows by id order), sorted. */
    private static double[] values(SyntheticData.Options o, int i) {
        long first = o.referenceRows() + 900L * i;
        return session()
                .read()
                .parquet(dir.resolve("analysis").toString())
                .where("id >= " + first + " AND id < " + (first + 900) + " AND num_0 IS NOT NULL")
                .select("num_0")
                .collectAsList()
                .stream()
                .mapToDouble((Row r) -> r.getDouble(0))
                .sorted()
                .toArray();
    }
}
