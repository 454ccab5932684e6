package dev.vigil.multivariate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.results.ResultRow;
import dev.vigil.testing.NannyDatasets;
import dev.vigil.testing.OracleCsv;
import dev.vigil.testing.SharedData;
import dev.vigil.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * Reconstruction drift with monthly chunks (NannyML's period chunking, which the oracle files do
 * not cover) against a row-by-row recomputation of NannyML's pipeline from the car-loan CSV rows in
 * plain Java: impute, frequency-encode and scale the whole reference matrix, eigenvectors of ZᵀZ,
 * project every row, group rows by month.
 */
class ReconstructionChunkingsSparkTest extends SparkTestBase {
    static final List<String> CONTINUOUS = List.of("car_value", "debt_to_income_ratio", "loan_length", "driver_tenure");
    static final List<String> CATEGORICAL = List.of("salary_range", "repaid_loan_on_prev_car", "size_of_downpayment");

    @Test
    void monthlyChunksMatchARowWiseRecomputation() {
        String yaml = NannyDatasets.carLoan().replace("chunking: {size: 5000}", "chunking: {period: month}")
                + "calculators: {multivariate_drift: null}\n";
        Map<String, ResultRow> vigil = new HashMap<>();
        for (ResultRow r : compute(yaml)) {
            vigil.put(r.period() + "|" + r.chunkKey(), r);
        }

        List<Map<String, String>> ref = OracleCsv.read(SharedData.dataset("synthetic_car_loan_reference.csv"));
        List<Map<String, String>> ana = OracleCsv.read(SharedData.dataset("synthetic_car_loan_analysis.csv"));
        int d = CONTINUOUS.size() + CATEGORICAL.size();
        // fit: frequencies, means and scales of the encoded reference (no missing values in this data)
        List<Map<String, Double>> freq = new ArrayList<>();
        for (String c : CATEGORICAL) {
            Map<String, Double> f = new HashMap<>();
            ref.forEach(r -> f.merge(r.get(c), 1.0 / ref.size(), Double::sum));
            freq.add(f);
        }
        double[][] x = encode(ref, freq);
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            for (double[] row : x) {
                mean[j] += row[j] / x.length;
            }
            for (double[] row : x) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
            }
            sd[j] = Math.sqrt(sd[j]);
        }
        // principal directions: eigenvectors of ZᵀZ, summed here row by row
        double[][] z = scale(x, mean, sd);
        double[][] ztz = new double[d][d];
        for (double[] row : z) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    ztz[a][b] += row[a] * row[b];
                }
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(ztz, false));
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        double[] lambda = eig.getRealEigenvalues();
        Arrays.sort(order, (a, b) -> Double.compare(lambda[b], lambda[a]));
        double total = Arrays.stream(lambda).sum();
        int k = 0;
        for (double cumulative = 0; k < d && cumulative <= 0.65; k++) {
            cumulative += lambda[order[k]] / total;
        }
        RealMatrix v = new Array2DRowRealMatrix(d, k);
        for (int c = 0; c < k; c++) {
            v.setColumnVector(c, eig.getEigenvector(order[c]));
        }

        Map<String, double[]> refChunks = chunkErrors(ref, freq, mean, sd, v);
        Map<String, double[]> anaChunks = chunkErrors(ana, freq, mean, sd, v);
        double[] refValues = refChunks.values().stream().mapToDouble(e -> e[0]).toArray();
        double m = Arrays.stream(refValues).average().orElseThrow();
        double std =
                Math.sqrt(Arrays.stream(refValues).map(a -> (a - m) * (a - m)).sum() / refValues.length);
        List<String> bad = new ArrayList<>();
        int compared = 0;
        for (var period : List.of(Map.entry("reference", refChunks), Map.entry("analysis", anaChunks))) {
            for (var e : period.getValue().entrySet()) {
                ResultRow r = vigil.get(period.getKey() + "|" + e.getKey());
                compared++;
                if (r == null) {
                    bad.add(period.getKey() + " " + e.getKey() + ": missing");
                    continue;
                }
                double[] expected = e.getValue();
                close(bad, period.getKey() + " " + e.getKey() + " value", expected[0], r.value());
                close(bad, period.getKey() + " " + e.getKey() + " sampling_error", expected[1], r.samplingError());
                close(bad, period.getKey() + " " + e.getKey() + " upper", m + 3 * std, r.upperThreshold());
                boolean alert = !(m - 3 * std < expected[0] && expected[0] < m + 3 * std);
                if (alert != r.alert()) {
                    bad.add(period.getKey() + " " + e.getKey() + " alert: expected " + alert);
                }
            }
        }
        assertThat(compared).isGreaterThan(10);
        assertThat(vigil).hasSize(compared);
        assertThat(bad).as(bad.size() + " mismatches").isEmpty();
    }

    static void close(List<String> bad, String what, double expected, Double actual) {
        if (actual == null || Math.abs(expected - actual) > 1e-9 * Math.abs(expected)) {
            bad.add(what + ": expected " + expected + " got " + actual);
        }
    }

    static double[][] encode(List<Map<String, String>> rows, List<Map<String, Double>> freq) {
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            Map<String, String> r = rows.get(i);
            double[] row = new double[CONTINUOUS.size() + CATEGORICAL.size()];
            for (int j = 0; j < CONTINUOUS.size(); j++) {
                row[j] = Double.parseDouble(r.get(CONTINUOUS.get(j)));
            }
            for (int j = 0; j < CATEGORICAL.size(); j++) {
                row[CONTINUOUS.size() + j] = freq.get(j).getOrDefault(r.get(CATEGORICAL.get(j)), 0.0);
            }
            x[i] = row;
        }
        return x;
    }

    static double[][] scale(double[][] x, double[] mean, double[] sd) {
        double[][] z = new double[x.length][mean.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                z[i][j] = (x[i][j] - mean[j]) / sd[j];
            }
        }
        return z;
    }

    /** Month ("2018-01") → {mean error, std (ddof 1) / √rows}. */
    static Map<String, double[]> chunkErrors(
            List<Map<String, String>> rows, List<Map<String, Double>> freq, double[] mean, double[] sd, RealMatrix v) {
        RealMatrix z = new Array2DRowRealMatrix(scale(encode(rows, freq), mean, sd), false);
        RealMatrix residual = z.subtract(z.multiply(v).multiply(v.transpose()));
        Map<String, List<Double>> byMonth = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byMonth.computeIfAbsent(rows.get(i).get("timestamp").substring(0, 7), x -> new ArrayList<>())
                    .add(residual.getRowVector(i).getNorm());
        }
        Map<String, double[]> out = new TreeMap<>();
        byMonth.forEach((month, errors) -> {
            double mu =
                    errors.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double ss = errors.stream().mapToDouble(e -> (e - mu) * (e - mu)).sum();
            out.put(month, new double[] {mu, Math.sqrt(ss / (errors.size() - 1)) / Math.sqrt(errors.size())});
        });
        return out;
    }
}
