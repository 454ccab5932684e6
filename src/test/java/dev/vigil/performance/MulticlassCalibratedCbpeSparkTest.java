package dev.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.results.ResultRow;
import dev.vigil.testing.SparkTestBase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multiclass CBPE of average_precision and business_value on generated rows whose scores are
 * perfectly calibrated (each row's target is drawn from its own score vector, the prediction is the
 * highest score): on every analysis chunk the estimate agrees with the realized value within 3
 * sampling errors, and the estimate's sampling error is the realized one's. NannyML's per-prediction
 * business value error σ/√n is not that value's spread (a sum of k column means, each over about
 * n/k rows), so that estimate is held to 3 of the value's exact standard deviations given the scores
 * instead: {@code √(Σ_rows Var(value[y][ŷ]) / n_ŷ²)} with y drawn from the row's scores. The
 * business value is also checked against the generated rows themselves: realized equals the value
 * of their drawn targets, and the estimate is within half a standard deviation of the exact
 * expectation given the scores ({@code Σ_rows Σ_i P_i·value[i][ŷ]}, per prediction by column),
 * the gap CBPE's isotonic calibration of the reference leaves.
 */
class MulticlassCalibratedCbpeSparkTest extends SparkTestBase {
    static final String[] CLASSES = {"a", "b", "c"};
    static final int ROWS = 20_000;
    static final int CHUNK = 5_000;

    @TempDir
    static Path dir;

    static final double[][] BV = {{5, -1, -2}, {-1, 4, -1}, {-3, -1, 6}};

    /** The analysis rows' scores and predictions. */
    static final double[][] SCORES = new double[ROWS][];

    static final int[] PREDICTED = new int[ROWS];

    static final int[] TARGET = new int[ROWS];

    @BeforeAll
    static void data() throws IOException {
        Random random = new Random(2026);
        write(dir.resolve("reference.csv"), random);
        write(dir.resolve("analysis.csv"), random);
    }

    /**
     * Scores: a softmax of three normal logits (spread 1.5); target drawn from them. The last file
     * written keeps its scores, predictions and targets in {@link #SCORES}, {@link #PREDICTED} and
     * {@link #TARGET}.
     */
    static void write(Path file, Random random) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.println("id,y_true,y_pred,p_a,p_b,p_c");
            for (int i = 0; i < ROWS; i++) {
                double[] p = new double[3];
                double sum = 0;
                for (int c = 0; c < 3; c++) {
                    p[c] = Math.exp(1.5 * random.nextGaussian());
                    sum += p[c];
                }
                int best = 0;
                for (int c = 0; c < 3; c++) {
                    p[c] /= sum;
                    best = p[c] > p[best] ? c : best;
                }
                SCORES[i] = p;
                PREDICTED[i] = best;
                double u = random.nextDouble();
                int y = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
                TARGET[i] = y;
                out.println(i + "," + CLASSES[y] + "," + CLASSES[best] + "," + p[0] + "," + p[1] + "," + p[2]);
            }
        }
    }

    static Map<String, ResultRow> run(String normalization) {
        String metrics = "{metrics: [average_precision, business_value],"
                + " business_value_matrix: [[5, -1, -2], [-1, 4, -1], [-3, -1, 6]],"
                + " normalize_business_value: " + normalization + "}";
        String yaml = """
        monitor: calibrated_multiclass
        problem_type: multiclass_classification
        reference: {path: %s, format: csv}
        analysis: {path: %s, format: csv}
        columns: {id: id, prediction: y_pred, target: y_true, scores: {c: p_c, a: p_a, b: p_b}}
        chunking: {size: %d}
        calculators:
          realized_performance: %s
          estimated_performance: %s
        """.formatted(dir.resolve("reference.csv"), dir.resolve("analysis.csv"), CHUNK, metrics, metrics);
        Map<String, ResultRow> out = new HashMap<>();
        for (ResultRow r : compute(yaml)) {
            out.put(r.calculator() + "|" + r.metric() + "|" + r.period() + "|" + r.chunkIndex(), r);
        }
        return out;
    }

    /**
     * A chunk's business value from the generated rows: {realized from the drawn targets, its exact
     * expectation given the scores, the realized value's standard deviation around it}, as a total
     * or per prediction (each predicted column's rows weighing 1 / n_ŷ); a row's value[y][ŷ] has
     * variance Σ_i P_i v_i² − (Σ_i P_i v_i)² over its target y.
     */
    static double[] direct(int chunk, boolean perPrediction) {
        int from = chunk * CHUNK;
        long[] predicted = new long[3];
        for (int r = from; r < from + CHUNK; r++) {
            predicted[PREDICTED[r]]++;
        }
        double realized = 0;
        double expected = 0;
        double variance = 0;
        for (int r = from; r < from + CHUNK; r++) {
            int j = PREDICTED[r];
            double weight = perPrediction ? 1.0 / predicted[j] : 1;
            double mean = 0;
            double square = 0;
            for (int i = 0; i < 3; i++) {
                mean += SCORES[r][i] * BV[i][j];
                square += SCORES[r][i] * BV[i][j] * BV[i][j];
            }
            realized += weight * BV[TARGET[r]][j];
            expected += weight * mean;
            variance += weight * weight * (square - mean * mean);
        }
        return new double[] {realized, expected, Math.sqrt(variance)};
    }

    static void estimatesAgreeWithRealized(Map<String, ResultRow> out, String label) {
        double worst = 0;
        double closest = 0;
        for (String metric : List.of("average_precision", "business_value")) {
            for (int chunk = 0; chunk < ROWS / CHUNK; chunk++) {
                ResultRow realized = out.get("realized_performance|" + metric + "|analysis|" + chunk);
                ResultRow estimated = out.get("estimated_performance|" + metric + "|analysis|" + chunk);
                assertThat(realized.value()).as(metric + " chunk " + chunk).isNotNull();
                assertThat(estimated.value()).as(metric + " chunk " + chunk).isNotNull();
                assertThat(estimated.realized()).isEqualTo(realized.value());
                assertThat(estimated.samplingError()).isEqualTo(realized.samplingError());
                assertThat(estimated.samplingError()).isPositive();
                double spread = label.equals("per_prediction") && metric.equals("business_value")
                        ? direct(chunk, true)[2]
                        : estimated.samplingError();
                double errors = Math.abs(estimated.value() - realized.value()) / spread;
                assertThat(errors)
                        .as(
                                "%s %s chunk %d: estimated %s realized %s SE %s",
                                label, metric, chunk, estimated.value(), realized.value(), estimated.samplingError())
                        .isLessThan(3);
                worst = Math.max(worst, errors);
                if (metric.equals("business_value")) {
                    double[] d = direct(chunk, label.equals("per_prediction"));
                    assertThat(realized.value()).isCloseTo(d[0], within(1e-9 * Math.abs(d[0])));
                    double off = Math.abs(estimated.value() - d[1]) / d[2];
                    assertThat(off)
                            .as(
                                    "%s chunk %d: estimated %s, exact expectation %s",
                                    label, chunk, estimated.value(), d[1])
                            .isLessThan(0.5);
                    closest = Math.max(closest, off);
                }
            }
        }
        System.out.printf(
                "calibrated multiclass CBPE (%s): largest |estimated - realized| = %.3f spreads, largest |estimated -"
                        + " exact expectation| = %.3f std%n",
                label, worst, closest);
    }

    @Test
    void estimatesAgreeWithRealizedWithinThreeSamplingErrors() {
        estimatesAgreeWithRealized(run("null"), "total");
    }

    @Test
    void perPredictionBusinessValueToo() {
        estimatesAgreeWithRealized(run("per_prediction"), "per_prediction");
    }
}
