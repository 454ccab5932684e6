package dev.vigil.performance;

import dev.vigil.stats.MergeLawContract;
import dev.vigil.stats.Observation;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@link FoldScoreCounts} on both sides of its {@link FoldScoreCounts#CAPACITY} distinct scores:
 * exact, and on its grid beyond (a function of each score, so exact again). Rows without a score or
 * target are skipped.
 */
class FoldScoreCountsLawTest extends MergeLawContract<FoldScoreCounts, MergeLawContract.RowInput> {
    @Override
    protected FoldScoreCounts empty() {
        return new FoldScoreCounts();
    }

    @Override
    protected List<Regime> regimes() {
        return List.of(
                regime("exact", 3000)
                        .input(r -> row(r, Math.rint(r.nextDouble() * 500) / 500))
                        .reaching("exact", FoldScoreCounts::isExact),
                regime("grid", FoldScoreCounts.CAPACITY * 3 / 2).reaching("on the grid", s -> !s.isExact()));
    }

    @Override
    protected RowInput input(SplittableRandom r) {
        return row(r, r.nextDouble());
    }

    /** score, target (0/1), fold (0..9); a missing score or target now and then. */
    static RowInput row(SplittableRandom r, double score) {
        int u = r.nextInt(40);
        double s = u == 0 ? Double.NaN : score;
        double y = u == 1 ? Double.NaN : r.nextInt(2);
        return new RowInput(new double[] {s, y, r.nextInt(FoldScoreCounts.FOLDS)}, new String[0]);
    }

    @Override
    protected void feed(FoldScoreCounts s, List<RowInput> rows) {
        feedRows(s, rows);
    }

    @Override
    protected Observation observe(FoldScoreCounts s) {
        Object[] table = s.sorted().entrySet().stream()
                .map((Map.Entry<Double, long[]> e) -> new Object[] {e.getKey(), e.getValue()})
                .toArray();
        return new Observation().exact("exact", s.isExact()).exact("sorted", table);
    }
}
