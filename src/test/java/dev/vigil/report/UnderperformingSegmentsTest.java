package dev.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.report.UnderperformingSegments.Point;
import dev.vigil.report.UnderperformingSegments.Ranked;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The underperforming-segments ranking on hand-made result rows, without Spark. */
class UnderperformingSegmentsTest {
    private static final double NAN = Double.NaN;
    private static final String R = "realized_performance";
    private static final String E = "estimated_performance";

    /** Two analysis chunks of one segment's series: its values, the whole population's, σ. */
    private static List<Point> series(String calc, String metric, String segment, double[] v, double[] w, double se) {
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            out.add(new Point(calc, metric, segment, v[i], w[i], se, i == 0 && v[i] < w[i] - 0.05));
        }
        return out;
    }

    private static List<Point> rows() {
        double[] wholeAuc = {0.80, 0.80};
        double[] wholeEstAuc = {0.79, 0.79};
        List<Point> p = new ArrayList<>();
        // roc_auc, higher is better
        p.addAll(series(R, "roc_auc", "region=a", new double[] {0.70, 0.72}, wholeAuc, 0.02)); // −0.09
        p.addAll(series(R, "roc_auc", "region=b", new double[] {0.85, 0.83}, wholeAuc, 0.02)); // +0.04
        // c: no realized value on any chunk (no targets): its estimate is ranked
        p.addAll(series(R, "roc_auc", "region=c", new double[] {NAN, NAN}, wholeAuc, NAN));
        p.addAll(series(E, "roc_auc", "region=c", new double[] {0.75, 0.77}, wholeEstAuc, 0.01)); // −0.03
        // d: realized (−0.02) preferred over a worse estimate (−0.19)
        p.addAll(series(R, "roc_auc", "region=d", new double[] {0.79, 0.77}, wholeAuc, NAN));
        p.addAll(series(E, "roc_auc", "region=d", new double[] {0.60, 0.60}, wholeEstAuc, 0.01));
        // e: nothing to compare with (the whole population has no value): last, undefined
        p.addAll(series(R, "roc_auc", "region=e", new double[] {0.5, 0.5}, new double[] {NAN, NAN}, 0.02));
        // mae, lower is better: a's loss is higher, so a is worse
        p.addAll(series(R, "mae", "region=a", new double[] {1.4, 1.6}, new double[] {1.0, 1.0}, 0.1)); // +0.5
        p.addAll(series(R, "mae", "region=b", new double[] {0.7, 0.9}, new double[] {1.0, 1.0}, 0.1)); // −0.2
        // not ranked: a confusion-matrix cell, another calculator's metric
        p.addAll(series(R, "true_positive", "region=a", new double[] {1, 2}, new double[] {5, 5}, 1));
        p.addAll(series("univariate_drift", "jensen_shannon", "region=a", new double[] {1, 1}, new double[] {0, 0}, 1));
        return p;
    }

    static void print(Map<String, List<Ranked>> ranking) {
        ranking.forEach((metric, rows) -> rows.forEach(r -> System.out.printf(
                "underperforming %s #%d %s relative=%s z=%s source=%s chunks=%d alerts=%d%n",
                metric,
                r.rank(),
                r.segment(),
                r.relative(),
                r.inSamplingErrors(),
                r.source(),
                r.chunks(),
                r.alerts())));
    }

    @Test
    void worstFirstWhateverTheDirectionRealizedPreferredEstimatedAsFallback() {
        Map<String, List<Ranked>> ranking = UnderperformingSegments.rank(UnderperformingSegments.sum(rows()));
        print(ranking);
        assertThat(ranking).containsOnlyKeys("mae", "roc_auc");

        List<Ranked> auc = ranking.get("roc_auc");
        assertThat(auc)
                .extracting(Ranked::segment)
                .containsExactly("region=a", "region=c", "region=d", "region=b", "region=e");
        assertThat(auc).extracting(Ranked::rank).containsExactly(1, 2, 3, 4, 5);
        assertThat(auc).extracting(Ranked::source).containsExactly(R, E, R, R, R);
        assertThat(auc).allMatch(Ranked::higherIsBetter);
        Ranked a = auc.get(0);
        assertThat(a.relative()).isCloseTo(-0.09, within(1e-12));
        // −0.09 / (√(2 · 0.02²) / 2)
        assertThat(a.inSamplingErrors()).isCloseTo(-0.09 / (Math.sqrt(2 * 0.0004) / 2), within(1e-9));
        assertThat(a.inSamplingErrors()).isCloseTo(-6.3640, within(1e-4));
        assertThat(a.chunks()).isEqualTo(2);
        assertThat(a.alerts()).isEqualTo(1);
        assertThat(auc.get(1).relative()).isCloseTo(-0.03, within(1e-12));
        assertThat(auc.get(1).inSamplingErrors()).isCloseTo(-0.03 / (Math.sqrt(2 * 0.0001) / 2), within(1e-9));
        // d: the realized −0.02, not the estimate's −0.19; no sampling error: none in sampling errors
        assertThat(auc.get(2).relative()).isCloseTo(-0.02, within(1e-12));
        assertThat(auc.get(2).inSamplingErrors()).isNull();
        assertThat(auc.get(3).relative()).isCloseTo(0.04, within(1e-12));
        Ranked e = auc.get(4);
        assertThat(e.relative()).isNull();
        assertThat(e.inSamplingErrors()).isNull();
        assertThat(e.chunks()).isZero();

        // a loss: the higher one ranks first
        List<Ranked> mae = ranking.get("mae");
        assertThat(mae).extracting(Ranked::segment).containsExactly("region=a", "region=b");
        assertThat(mae).noneMatch(Ranked::higherIsBetter);
        assertThat(mae.get(0).relative()).isCloseTo(0.5, within(1e-12));
        assertThat(mae.get(0).inSamplingErrors()).isCloseTo(0.5 / (Math.sqrt(2 * 0.01) / 2), within(1e-9));
        assertThat(mae.get(1).relative()).isCloseTo(-0.2, within(1e-12));
    }

    @Test
    void theRankingsRowsStateTheirSourceAndTheMetricsDirection() {
        List<RankingsTable.Ranking> rankings =
                RankingsTable.underperformingSegments("m", UnderperformingSegments.sum(rows()));
        assertThat(rankings).extracting(RankingsTable.Ranking::ranker).containsOnly(UnderperformingSegments.RANKER);
        RankingsTable.Ranking auc = rankings.stream()
                .filter(r -> r.performanceMetric().equals("roc_auc"))
                .findFirst()
                .orElseThrow();
        assertThat(auc.driftCalculator()).isEqualTo(RankingsTable.PERFORMANCE);
        assertThat(auc.driftMetric()).isEqualTo("roc_auc");
        Row second = auc.rows().get(1);
        assertThat(RankingsTable.get(second, "column_name")).isEqualTo("region=c");
        assertThat(RankingsTable.get(second, "performance_calculator")).isEqualTo(E);
        assertThat(RankingsTable.get(second, "rank")).isEqualTo(2);
        assertThat((Double) RankingsTable.get(second, "relative_performance")).isCloseTo(-0.03, within(1e-12));
        assertThat(RankingsTable.get(second, "higher_is_better")).isEqualTo(true);
        assertThat(RankingsTable.get(second, "pearsonr_correlation")).isNull();
        assertThat(auc.rows().get(0).size())
                .isEqualTo(dev.vigil.results.OutputTables.RANKINGS.columns().size());
    }
}
