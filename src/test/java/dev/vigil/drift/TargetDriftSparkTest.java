package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.generate.SyntheticData;
import dev.vigil.results.ResultRow;
import dev.vigil.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label shift: the target named in {@code univariate_drift.columns} (NannyML accepts any column),
 * joined from the targets table, measured as the categorical column it is in classification. The
 * generated data's second half changes how often the loan is repaid.
 */
class TargetDriftSparkTest extends SparkTestBase {
    @TempDir
    static Path dir;

    @Test
    void theTargetsDriftIsMeasuredLikeAnyCategoricalColumn() {
        SyntheticData.write(session(), dir.toString(), new SyntheticData.Options(20_000, 20_000, 4, 5, 0.5, "parquet"));
        List<ResultRow> rows = compute(
                """
        monitor: label_shift
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        targets: {path: %s, format: parquet, join_on: id}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba, target: repaid}
        chunking: {size: 2000}
        calculators:
          univariate_drift: {columns: [repaid, num_0], categorical_methods: [chi2, jensen_shannon]}
        """.formatted(dir.resolve("reference"), dir.resolve("analysis"), dir.resolve("analysis_targets")));
        List<ResultRow> target = rows.stream()
                .filter(r -> "repaid".equals(r.columnName()) && r.period().equals("analysis"))
                .toList();
        assertThat(target).extracting(ResultRow::metric).containsOnly("chi2", "jensen_shannon");
        assertThat(target).hasSize(2 * 10).allMatch(r -> r.value() != null);
        double before = mean(target, "jensen_shannon", 0, 5);
        double after = mean(target, "jensen_shannon", 5, 10);
        System.out.printf("label shift: mean jensen_shannon of the target %.4f before, %.4f after%n", before, after);
        assertThat(after).isGreaterThan(2 * before);
        assertThat(target.stream()
                        .filter(r -> r.metric().equals("chi2") && r.chunkIndex() >= 5 && r.alert())
                        .count())
                .as("chi2 alerts on the changed chunks")
                .isGreaterThanOrEqualTo(3);
    }

    private static double mean(List<ResultRow> rows, String metric, int from, int to) {
        return rows.stream()
                .filter(r -> r.metric().equals(metric) && r.chunkIndex() >= from && r.chunkIndex() < to)
                .mapToDouble(ResultRow::value)
                .average()
                .orElseThrow();
    }
}
