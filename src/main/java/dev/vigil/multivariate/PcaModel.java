package dev.vigil.multivariate;

import dev.vigil.internal.UserException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The fitted reconstruction model: encoding, standard scaling and the top-k principal directions of
 * the scaled reference. Fitted on the driver from the d×d co-moment matrix (no reference row leaves
 * the executors); a row's reconstruction error is the Euclidean distance between its scaled values
 * and their projection on the k directions (NannyML's {@code inverse_transform(transform(z))}):
 * {@code ‖z − Pᵀ P z‖}, {@code z_j = (v_j − μ_j) / σ_j} (σ_j = 1 for a near-constant column, as
 * scikit-learn's StandardScaler), P the k×d top eigenvectors of the scaled covariance {@code C_ab =
 * Σ(v_a−μ_a)(v_b−μ_b) / (n σ_a σ_b)}.
 */
public final class PcaModel implements Serializable {
    private static final long serialVersionUID = 1L;
    private final PcaEncoding encoding;
    private final double[] scale;

    /** k rows of d: the principal directions. */
    private final double[][] components;

    private final double[] explainedVarianceRatio;

    private PcaModel(PcaEncoding encoding, double[] scale, double[][] components, double[] ratio) {
        this.encoding = encoding;
        this.scale = scale;
        this.components = components;
        this.explainedVarianceRatio = ratio;
    }

    /**
     * @param comoments {@code Σ v_a·v_b} over the n reference rows of the centred encoded values
     * @param nComponents in (0, 1): the smallest k whose cumulative explained-variance ratio is
     *     strictly greater (scikit-learn's rule); ≥ 1: exactly that many components
     */
    public static PcaModel fit(PcaEncoding encoding, long n, double[][] comoments, double nComponents) {
        int d = comoments.length;
        double[] mean = encoding.encodedMean();
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double var = comoments[j][j] / n;
            // scikit-learn's StandardScaler leaves (near-)constant columns unscaled
            double eps = Math.ulp(1.0);
            double bound = n * eps * var + Math.pow(n * mean[j] * eps, 2);
            scale[j] = var <= bound ? 1.0 : Math.sqrt(var);
        }
        double[][] cov = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                cov[a][b] = comoments[a][b] / (n * scale[a] * scale[b]);
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> values[i]).reversed());
        double total = 0;
        for (double v : values) {
            total += v;
        }
        double[] ratio = new double[d];
        for (int i = 0; i < d; i++) {
            ratio[i] = values[order[i]] / total;
        }
        int k = components(ratio, nComponents);
        double[][] p = new double[k][];
        for (int i = 0; i < k; i++) {
            p[i] = eig.getEigenvector(order[i]).toArray();
        }
        return new PcaModel(encoding, scale, p, ratio);
    }

    /**
     * The number of components for {@code nComponents} given the explained-variance ratios
     * (descending).
     */
    static int components(double[] ratio, double nComponents) {
        int d = ratio.length;
        if (nComponents >= 1) {
            int k = (int) nComponents;
            if (k > d) {
                throw new UserException("configuration key 'calculators.multivariate_drift.n_components': "
                        + k
                        + " components asked for, but the selected columns give only "
                        + d
                        + "; expected at most "
                        + d
                        + " or a fraction in (0, 1)");
            }
            return k;
        }
        double cumulative = 0;
        int atOrBelow = 0;
        for (double r : ratio) {
            cumulative += r;
            if (cumulative <= nComponents) {
                atOrBelow++;
            } else {
                break;
            }
        }
        return Math.min(d, atOrBelow + 1);
    }

    public PcaEncoding encoding() {
        return encoding;
    }

    public int components() {
        return components.length;
    }

    public double[] explainedVarianceRatio() {
        return explainedVarianceRatio.clone();
    }

    /** Scratch space {@link #error} needs: the scaled row and its k coordinates. */
    public int workSize() {
        return scale.length + components.length;
    }

    /**
     * The reconstruction error of a centred encoded row; {@code work} is scratch space of {@link
     * #workSize()} (a shorter one is replaced by a new array, so a per-row caller should pass one of
     * that size).
     */
    public double error(double[] centred, double[] work) {
        int d = scale.length;
        int k = components.length;
        double[] w = work.length >= d + k ? work : new double[d + k];
        for (int j = 0; j < d; j++) {
            w[j] = centred[j] / scale[j];
        }
        for (int i = 0; i < k; i++) {
            double[] pi = components[i];
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += pi[j] * w[j];
            }
            w[d + i] = s;
        }
        double ss = 0;
        for (int j = 0; j < d; j++) {
            double r = w[j];
            for (int i = 0; i < k; i++) {
                r -= components[i][j] * w[d + i];
            }
            ss += r * r;
        }
        return Math.sqrt(ss);
    }
}
