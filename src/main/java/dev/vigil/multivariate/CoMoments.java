package dev.vigil.multivariate;

import dev.vigil.stats.ColumnState;
import dev.vigil.stats.RowState;

/**
 * Rows and the sums {@code Σ v_a·v_b} (upper triangle, packed) of the centred encoded rows of a
 * chunk; merged by addition. Centring on the reference means from the first pass keeps the sums
 * exact to rounding.
 */
public final class CoMoments implements RowState {
    private static final long serialVersionUID = 1L;
    private final int d;
    private final double[] sums;
    private long n;

    /** The row's encoding and a buffer for its centred values (not kept with the state). */
    private final transient PcaEncoding encoding;

    private final transient double[] v;

    CoMoments(PcaEncoding encoding, int d) {
        this.encoding = encoding;
        this.d = d;
        this.v = new double[d];
        this.sums = new double[d * (d + 1) / 2];
    }

    /** A state over given centred rows (tests). */
    static CoMoments of(double[][] centred) {
        CoMoments m = new CoMoments(null, centred.length == 0 ? 0 : centred[0].length);
        for (double[] row : centred) {
            m.addCentred(row);
        }
        return m;
    }

    @Override
    public void addRow(double[] numbers, String[] strings) {
        if (encoding == null) {
            return; // a segment without reference rows: nothing to compare with
        }
        encoding.center(numbers, strings, v);
        addCentred(v);
    }

    private void addCentred(double[] x) {
        int k = 0;
        for (int a = 0; a < d; a++) {
            double xa = x[a];
            if (xa == 0) {
                k += d - a;
                continue;
            }
            for (int b = a; b < d; b++) {
                sums[k++] += xa * x[b];
            }
        }
        n++;
    }

    @Override
    public CoMoments merge(ColumnState o) {
        CoMoments b = (CoMoments) o;
        n += b.n;
        for (int i = 0; i < sums.length; i++) {
            sums[i] += b.sums[i];
        }
        return this;
    }

    public long n() {
        return n;
    }

    /** {@code Σ v_a·v_b} as a full symmetric d×d matrix. */
    public double[][] matrix() {
        double[][] m = new double[d][d];
        int k = 0;
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                m[a][b] = sums[k];
                m[b][a] = sums[k];
                k++;
            }
        }
        return m;
    }
}
