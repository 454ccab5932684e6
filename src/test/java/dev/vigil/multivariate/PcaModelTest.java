package dev.vigil.multivariate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

class PcaModelTest {
    static final String[] LEVELS = {"a", "b", "c", "d"};

    /** Rows: 3 numbers (some missing) and 1 category (some missing, skewed). */
    static List<Object[]> rows(int n, long seed) {
        Random r = new Random(seed);
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = r.nextGaussian();
            double y = 2 * x + r.nextGaussian() * 0.5;
            double z = r.nextDouble() < 0.1 ? Double.NaN : r.nextGaussian() * 10 + 3;
            String c = r.nextDouble() < 0.05 ? null : LEVELS[Math.min(3, (int) Math.abs(r.nextGaussian() * 1.5 + x))];
            out.add(new Object[] {new double[] {x, r.nextDouble() < 0.03 ? Double.NaN : y, z}, new String[] {c}});
        }
        return out;
    }

    static PcaEncoding encoding(List<Object[]> rows) {
        double[] sum = new double[3];
        long[] n = new long[3];
        Map<String, Long> counts = new HashMap<>();
        long missing = 0;
        for (Object[] row : rows) {
            double[] v = (double[]) row[0];
            for (int j = 0; j < 3; j++) {
                if (!Double.isNaN(v[j])) {
                    sum[j] += v[j];
                    n[j]++;
                }
            }
            String c = ((String[]) row[1])[0];
            if (c == null) {
                missing++;
            } else {
                counts.merge(c, 1L, Long::sum);
            }
        }
        return PcaEncoding.fit(
                new double[] {sum[0] / n[0], sum[1] / n[1], sum[2] / n[2]},
                List.of(counts),
                new long[] {missing},
                rows.size());
    }

    static CoMoments comoments(PcaEncoding e, List<Object[]> rows) {
        CoMoments m = new CoMoments(e, 4);
        rows.forEach(r -> m.addRow((double[]) r[0], (String[]) r[1]));
        return m;
    }

    @Test
    void encodingImputesThenCountsFrequencies() {
        Map<String, Long> counts = Map.of("x", 3L, "y", 3L, "z", 1L);
        PcaEncoding e = PcaEncoding.fit(new double[] {10}, List.of(counts), new long[] {1}, 8);
        // tie between x and y: the smallest value is the mode and takes the missing row, so f(x) = 4/8
        double[] out = new double[2];
        e.center(new double[] {Double.NaN}, new String[] {null}, out);
        double mean = (4.0 / 8) * (4.0 / 8) + (3.0 / 8) * (3.0 / 8) + (1.0 / 8) * (1.0 / 8);
        assertThat(out[0]).isZero();
        assertThat(out[1]).isCloseTo(4.0 / 8 - mean, within(1e-15));
        e.center(new double[] {12}, new String[] {"never seen"}, out);
        assertThat(out[0]).isEqualTo(2);
        assertThat(out[1]).isCloseTo(-mean, within(1e-15));
        assertThat(e.encodedMean()).containsExactly(10, mean);
    }

    @Test
    void coMomentsMerge() {
        List<Object[]> rows = rows(2000, 1);
        PcaEncoding e = encoding(rows);
        CoMoments whole = comoments(e, rows);
        CoMoments a = comoments(e, rows.subList(0, 777));
        a.merge(comoments(e, rows.subList(777, 2000)));
        assertThat(a.n()).isEqualTo(2000);
        double[][] m = whole.matrix();
        double[][] merged = a.matrix();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(merged[i][j]).isCloseTo(m[i][j], within(1e-9 * Math.abs(m[i][j]) + 1e-12));
            }
        }
    }

    /**
     * The fit from sums equals a row-wise one: impute, encode, scale the whole matrix, SVD, project
     * each row.
     */
    @Test
    void fitFromSumsEqualsTheRowWisePipeline() {
        List<Object[]> rows = rows(5000, 2);
        PcaEncoding e = encoding(rows);
        CoMoments m = comoments(e, rows);
        PcaModel model = PcaModel.fit(e, m.n(), m.matrix(), 0.65);

        // row-wise: the matrix of imputed, frequency-encoded values, scaled by hand
        int n = rows.size();
        double[][] x = new double[n][4];
        double[] colMean = new double[3];
        int[] colN = new int[3];
        Map<String, Integer> freq = new HashMap<>();
        for (Object[] r : rows) {
            double[] v = (double[]) r[0];
            for (int j = 0; j < 3; j++) {
                if (!Double.isNaN(v[j])) {
                    colMean[j] += v[j];
                    colN[j]++;
                }
            }
        }
        for (int j = 0; j < 3; j++) {
            colMean[j] /= colN[j];
        }
        String mode = null;
        Map<String, Integer> raw = new HashMap<>();
        rows.forEach(r -> {
            String c = ((String[]) r[1])[0];
            if (c != null) {
                raw.merge(c, 1, Integer::sum);
            }
        });
        for (String c : raw.keySet()) {
            if (mode == null
                    || raw.get(c) > raw.get(mode)
                    || raw.get(c).equals(raw.get(mode)) && c.compareTo(mode) < 0) {
                mode = c;
            }
        }
        for (Object[] r : rows) {
            String c = ((String[]) r[1])[0];
            freq.merge(c == null ? mode : c, 1, Integer::sum);
        }
        for (int i = 0; i < n; i++) {
            double[] v = (double[]) rows.get(i)[0];
            for (int j = 0; j < 3; j++) {
                x[i][j] = Double.isNaN(v[j]) ? colMean[j] : v[j];
            }
            String c = ((String[]) rows.get(i)[1])[0];
            x[i][3] = (double) freq.get(c == null ? mode : c) / n;
        }
        for (int j = 0; j < 4; j++) {
            double mu = 0;
            for (double[] row : x) {
                mu += row[j];
            }
            mu /= n;
            double ss = 0;
            for (double[] row : x) {
                ss += (row[j] - mu) * (row[j] - mu);
            }
            double sd = Math.sqrt(ss / n);
            for (double[] row : x) {
                row[j] = (row[j] - mu) / sd;
            }
        }
        RealMatrix z = new Array2DRowRealMatrix(x, false);
        SingularValueDecomposition svd = new SingularValueDecomposition(z);
        double[] s = svd.getSingularValues();
        double total = 0;
        for (double v : s) {
            total += v * v;
        }
        double cumulative = 0;
        int k = 0;
        while (k < s.length && cumulative <= 0.65) {
            cumulative += s[k] * s[k] / total;
            k++;
        }
        assertThat(model.components()).isEqualTo(k);
        RealMatrix v = svd.getV().getSubMatrix(0, 3, 0, k - 1);
        RealMatrix residual = z.subtract(z.multiply(v).multiply(v.transpose()));
        double[] centred = new double[4];
        double[] work = new double[4];
        for (int i = 0; i < n; i += 97) {
            double expected = residual.getRowVector(i).getNorm();
            e.center((double[]) rows.get(i)[0], (String[]) rows.get(i)[1], centred);
            assertThat(model.error(centred, work)).isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
        }
    }

    @Test
    void componentsAreTheFirstCumulativeRatioStrictlyAboveTheFraction() {
        double[] ratio = {0.25, 0.5, 0.125, 0.125};
        assertThat(PcaModel.components(ratio, 0.75)).isEqualTo(3); // 0.75 is not > 0.75
        assertThat(PcaModel.components(ratio, 0.7)).isEqualTo(2);
        assertThat(PcaModel.components(ratio, 0.1)).isEqualTo(1);
        assertThat(PcaModel.components(ratio, 0.999)).isEqualTo(4);
        assertThat(PcaModel.components(ratio, 2)).isEqualTo(2);
    }

    @Test
    void aConstantColumnIsLeftUnscaled() {
        // column 1 constant: no variance, scale 1; the model still fits and errors are finite
        Map<String, Long> counts = Map.of("only", 10L);
        PcaEncoding e = PcaEncoding.fit(new double[] {0}, List.of(counts), new long[] {0}, 10);
        CoMoments m = new CoMoments(e, 2);
        for (int i = 0; i < 10; i++) {
            m.addRow(new double[] {i - 4.5}, new String[] {"only"});
        }
        PcaModel model = PcaModel.fit(e, m.n(), m.matrix(), 0.65);
        double[] centred = new double[2];
        e.center(new double[] {1}, new String[] {"new"}, centred);
        assertThat(centred[1]).isEqualTo(-1.0);
        assertThat(model.error(centred, new double[2])).isFinite();
    }
}
