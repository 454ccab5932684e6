package dev.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class CbpeTest {
    @Test
    void pavaPoolsViolatorsByWeight() {
        double[] y = {0.1, 0.5, 0.3, 0.3, 0.9};
        double[] w = {1, 1, 1, 2, 1};
        Isotonic.pava(y, w);
        // 0.5, 0.3, 0.3 (weights 1, 1, 2) pool to (0.5 + 0.3 + 0.6) / 4 = 0.35
        assertThat(y).containsExactly(new double[] {0.1, 0.35, 0.35, 0.35, 0.9}, within(1e-15));
    }

    @Test
    void isotonicFromGroupsClipsAndInterpolates() {
        TreeMap<Double, long[]> g = new TreeMap<>();
        g.put(0.2, new long[] {0, 2}); // 0.0
        g.put(0.4, new long[] {2, 2}); // 1.0 ...
        g.put(0.6, new long[] {1, 2}); // ... 0.5 violates: pooled to 0.75
        g.put(0.8, new long[] {2, 2}); // 1.0
        Isotonic iso = Isotonic.fit(g);
        assertThat(iso.predict(0.0)).isEqualTo(0.0);
        assertThat(iso.predict(0.4)).isEqualTo(0.75);
        assertThat(iso.predict(0.3)).isCloseTo(0.375, within(1e-15));
        assertThat(iso.predict(0.7)).isCloseTo(0.875, within(1e-15));
        assertThat(iso.predict(2.0)).isEqualTo(1.0);
    }

    /** Row-level NannyML curve for rows given in descending score order. */
    static double rowLevelRocAuc(double[] p) {
        int n = p.length;
        double[] tps = new double[n + 1];
        double[] fps = new double[n + 1];
        for (int i = 0; i < n; i++) {
            tps[i + 1] = tps[i] + p[i];
            fps[i + 1] = (i + 1) - tps[i + 1];
        }
        double area = 0;
        for (int i = 1; i <= n; i++) {
            double t1 = Math.rint(tps[i] * 1e5) / 1e5 / (Math.rint(tps[n] * 1e5) / 1e5);
            double t0 = Math.rint(tps[i - 1] * 1e5) / 1e5 / (Math.rint(tps[n] * 1e5) / 1e5);
            double f1 = Math.rint(fps[i] * 1e5) / 1e5 / (Math.rint(fps[n] * 1e5) / 1e5);
            double f0 = Math.rint(fps[i - 1] * 1e5) / 1e5 / (Math.rint(fps[n] * 1e5) / 1e5);
            area += (f1 - f0) * (t1 + t0) / 2;
        }
        return area;
    }

    @Test
    void groupedEstimatesEqualTheRowLevelCurveAndSums() {
        Random r = new Random(4);
        TreeMap<Double, long[]> byScore = new TreeMap<>();
        for (int i = 0; i < 3000; i++) {
            double s = Math.round(r.nextDouble() * 100) / 100.0;
            byScore.computeIfAbsent(s, k -> new long[2])[s > 0.5 ? 1 : 0]++;
        }
        DoubleUnaryOperator cal = s -> s * s;
        int n = 3000;
        double[] p = new double[n];
        int i = 0;
        double tp = 0;
        double fn = 0;
        for (var e : byScore.descendingMap().entrySet()) {
            for (int k = 0; k < e.getValue()[0] + e.getValue()[1]; k++) {
                p[i++] = cal.applyAsDouble(e.getKey());
            }
            tp += e.getValue()[1] * cal.applyAsDouble(e.getKey());
            fn += e.getValue()[0] * cal.applyAsDouble(e.getKey());
        }
        assertThat(Cbpe.rocAuc(Cbpe.Groups.of(byScore, cal))).isCloseTo(rowLevelRocAuc(p), within(1e-12));
        Cbpe.Expected e = Cbpe.expected(Cbpe.Groups.of(byScore, cal));
        assertThat(e.n()).isEqualTo(n);
        assertThat(e.tp()).isCloseTo(tp, within(1e-9));
        assertThat(e.fn()).isCloseTo(fn, within(1e-9));
        assertThat(estimate("recall", e)).isCloseTo(tp / (tp + fn), within(1e-12));
        // NannyML's estimate is 0, not NaN, on an empty denominator
        assertThat(estimate("precision", new Cbpe.Expected(0, 0, 1, 1, 2))).isZero();
        assertThat(estimate("accuracy", new Cbpe.Expected(0, 0, 0, 0, 0))).isNaN();
    }

    /** A binary metric's CBPE estimate from an expected confusion matrix. */
    static double estimate(String metric, Cbpe.Expected e) {
        return StateTables.binary(metric).estimate(new Cbpe.Chunk(null, e, true));
    }

    static double cell(String cell, Cbpe.Expected e, String normalization) {
        return StateTables.binary("confusion_matrix", cell, StateTables.settings(normalization))
                .estimate(new Cbpe.Chunk(null, e, true));
    }

    @Test
    void normalisedExpectedConfusionCells() {
        Cbpe.Expected e = new Cbpe.Expected(3, 1, 2, 4, 10);
        assertThat(cell("true_positive", e, null)).isEqualTo(3);
        assertThat(cell("true_positive", e, "all")).isCloseTo(0.3, within(1e-15));
        assertThat(cell("true_positive", e, "true")).isCloseTo(3.0 / 5, within(1e-15));
        assertThat(cell("false_positive", e, "true")).isCloseTo(1.0 / 5, within(1e-15));
        assertThat(cell("false_positive", e, "pred")).isCloseTo(1.0 / 4, within(1e-15));
        assertThat(cell("true_negative", e, "pred")).isCloseTo(4.0 / 6, within(1e-15));
        assertThat(cell("false_negative", e, "pred")).isCloseTo(2.0 / 6, within(1e-15));
    }

    @Test
    void averagePrecisionOfAPerfectlySeparatedChunkIsOne() {
        TreeMap<Double, long[]> byScore = new TreeMap<>();
        byScore.put(0.9, new long[] {0, 5});
        byScore.put(0.1, new long[] {5, 0});
        DoubleUnaryOperator cal = s -> s > 0.5 ? 1 : 0;
        assertThat(Cbpe.averagePrecision(Cbpe.Groups.of(byScore, cal))).isCloseTo(1.0, within(1e-12));
        assertThat(Cbpe.rocAuc(Cbpe.Groups.of(byScore, cal))).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void eceOfEqualCountBins() {
        // 20 rows (10 bins of 2): value 0.5 with half positives is calibrated; value 0.9 with none is
        // off by 0.9
        TreeMap<Double, double[]> g = new TreeMap<>();
        g.put(0.5, new double[] {10, 5});
        g.put(0.9, new double[] {10, 0});
        assertThat(Cbpe.ece(g)).isCloseTo(0.45, within(1e-12));
    }

    @Test
    void calibrationDecision() {
        TreeMap<Double, long[]> folds = new TreeMap<>();
        Random r = new Random(9);
        for (int i = 0; i < 20_000; i++) {
            double s = Math.round(r.nextDouble() * 100) / 100.0;
            boolean y = r.nextDouble() < s * s; // the score overstates the probability
            int f = i % 10;
            folds.computeIfAbsent(s, k -> new long[20])[2 * f + (y ? 1 : 0)]++;
        }
        Cbpe.Decision d = Cbpe.decide(folds, 0.8);
        assertThat(d.calibrate()).isTrue();
        assertThat(d.eceBefore()).isGreaterThan(0.1);
        assertThat(d.eceAfter()).isLessThan(0.02);
        assertThat(Cbpe.decide(folds, 0.9995).calibrate()).isFalse();
        TreeMap<Double, long[]> oneClass = new TreeMap<>();
        oneClass.put(0.3, new long[] {0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThat(Cbpe.decide(oneClass, Double.NaN).calibrate()).isFalse();
    }
}
