package dev.vigil.multivariate;

import dev.vigil.stats.MergeLawContract;
import dev.vigil.stats.MomentsLawTest;
import dev.vigil.stats.Observation;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link ReconstructionErrors} under a PCA model fitted on a reference sample (the errors' moments
 * compared as {@link MomentsLawTest} compares moments), and without a model (a segment without
 * reference rows: nothing is counted).
 */
class ReconstructionErrorsLawTest extends MergeLawContract<ReconstructionErrors, MergeLawContract.RowInput> {
    static final int INPUTS = 1500;
    static final PcaModel MODEL = model();

    static PcaModel model() {
        List<Object[]> reference = PcaModelTest.rows(3000, 42);
        PcaEncoding e = PcaModelTest.encoding(reference);
        CoMoments m = PcaModelTest.comoments(e, reference);
        return PcaModel.fit(e, m.n(), m.matrix(), 0.65);
    }

    @Override
    protected ReconstructionErrors empty() {
        return new ReconstructionErrors(MODEL);
    }

    @Override
    protected List<Regime> regimes() {
        return List.of(
                regime("with a model", INPUTS)
                        .reaching("counted", s -> s.errors().n() > 0),
                regime("without a model", 300)
                        .empty(() -> new ReconstructionErrors(null))
                        .reaching("empty", s -> s.errors().n() == 0));
    }

    @Override
    protected RowInput input(SplittableRandom r) {
        return CoMomentsLawTest.row(r);
    }

    @Override
    protected void feed(ReconstructionErrors s, List<RowInput> rows) {
        feedRows(s, rows);
    }

    @Override
    protected Observation observe(ReconstructionErrors s) {
        return MomentsLawTest.observe(s.errors(), INPUTS);
    }
}
