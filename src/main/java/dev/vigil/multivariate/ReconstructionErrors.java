package dev.vigil.multivariate;

import dev.vigil.stats.ColumnState;
import dev.vigil.stats.Moments;
import dev.vigil.stats.RowState;

/**
 * Moments (count, mean, variance) of a chunk's per-row reconstruction errors {@code ‖z − Pᵀ P z‖}
 * under a fitted {@link PcaModel}.
 */
public final class ReconstructionErrors implements RowState {
    private static final long serialVersionUID = 1L;
    private final transient PcaModel model;
    private final transient double[] centred;
    private final transient double[] work;
    private final Moments errors = new Moments();

    ReconstructionErrors(PcaModel model) {
        this.model = model;
        int d = model == null ? 0 : model.encoding().width();
        this.centred = new double[d];
        this.work = new double[model == null ? 0 : model.workSize()];
    }

    @Override
    public void addRow(double[] numbers, String[] strings) {
        if (model == null) {
            return;
        }
        model.encoding().center(numbers, strings, centred);
        errors.add(model.error(centred, work));
    }

    @Override
    public ReconstructionErrors merge(ColumnState o) {
        errors.merge(((ReconstructionErrors) o).errors);
        return this;
    }

    /** The errors' moments: n, mean, std (ddof 1). */
    public Moments errors() {
        return errors;
    }
}
