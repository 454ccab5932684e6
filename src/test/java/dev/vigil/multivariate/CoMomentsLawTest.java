package dev.vigil.multivariate;

import dev.vigil.stats.MergeLawContract;
import dev.vigil.stats.Observation;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link CoMoments} of rows of three numbers and one category (some missing) under an encoding
 * fitted on a reference sample, and without one (a segment without reference rows: nothing is
 * counted).
 */
class CoMomentsLawTest extends MergeLawContract<CoMoments, MergeLawContract.RowInput> {
    static final int INPUTS = 1500;

    /**
     * Entry (a, b) sums at most {@link #INPUTS} products x_a·x_b, each computed alike in every order:
     * two orders differ by at most 2·γ_n·Σ|x_a·x_b| ≤ 2·γ_n·(Σx_a² + Σx_b²)/2, the diagonal entries'
     * mean ({@link #reorderedSumBound}, with the same margin for the diagonal's own rounding).
     */
    static final double PRODUCT_SUM_TOLERANCE = reorderedSumBound(INPUTS) * (1 + 1e-9);

    static final PcaEncoding ENCODING = PcaModelTest.encoding(PcaModelTest.rows(3000, 42));

    @Override
    protected CoMoments empty() {
        return new CoMoments(ENCODING, ENCODING.width());
    }

    @Override
    protected List<Regime> regimes() {
        return List.of(
                regime("encoded", INPUTS).reaching("counted", s -> s.n() > 0),
                regime("without an encoding", 300)
                        .empty(() -> new CoMoments(null, ENCODING.width()))
                        .reaching("empty", s -> s.n() == 0));
    }

    /** A row of {@link PcaModelTest#rows}'s kind. */
    @Override
    protected RowInput input(SplittableRandom r) {
        return row(r);
    }

    static RowInput row(SplittableRandom r) {
        double x = r.nextGaussian();
        double y = r.nextInt(30) == 0 ? Double.NaN : 2 * x + r.nextGaussian() * 0.5;
        double z = r.nextInt(10) == 0 ? Double.NaN : r.nextGaussian() * 10 + 3;
        String c = r.nextInt(20) == 0
                ? null
                : r.nextInt(50) == 0
                        ? "never seen"
                        : PcaModelTest.LEVELS[Math.min(3, (int) Math.abs(r.nextGaussian() * 1.5 + x))];
        return new RowInput(new double[] {x, y, z}, new String[] {c});
    }

    @Override
    protected void feed(CoMoments s, List<RowInput> rows) {
        feedRows(s, rows);
    }

    @Override
    protected Observation observe(CoMoments s) {
        double[][] m = s.matrix();
        Observation o = new Observation().exact("n", s.n()).exact("d", m.length);
        for (int a = 0; a < m.length; a++) {
            for (int b = 0; b < m.length; b++) {
                o.approx(
                        "sum " + a + "," + b,
                        m[a][b],
                        PRODUCT_SUM_TOLERANCE * (Math.abs(m[a][a]) + Math.abs(m[b][b])) / 2);
            }
        }
        return o;
    }
}
