package dev.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The merge law of the performance calculators' own states (parts merged, through serialisation,
 * equal the whole; the empty state is the identity): CBPE's fold counts and multiclass
 * expectations.
 */
class PerformanceStatesTest {
    static final int ROWS = 200;

    @SuppressWarnings("unchecked")
    static <S> S roundTrip(S s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (S) in.readObject();
        }
    }

    /** Rows of (score, target, fold), scores on 20 values so that groups repeat. */
    static double[][] foldRows() {
        Random r = new Random(3);
        double[][] rows = new double[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            double s = r.nextInt(20) / 20.0;
            rows[i] = new double[] {i % 17 == 0 ? Double.NaN : s, r.nextDouble() < s ? 1 : 0, i % 10};
        }
        return rows;
    }

    static FoldScoreCounts folds(double[][] rows, int from, int to) {
        FoldScoreCounts s = new FoldScoreCounts();
        for (int i = from; i < to; i++) {
            s.addRow(rows[i], new String[0]);
        }
        return s;
    }

    @Test
    void foldCountsMergeLaw() throws Exception {
        double[][] rows = foldRows();
        var whole = folds(rows, 0, ROWS).sorted();
        for (int cut : new int[] {0, 1, 77, ROWS}) {
            FoldScoreCounts merged = roundTrip(folds(rows, 0, cut)).merge(roundTrip(folds(rows, cut, ROWS)));
            assertThat(merged.sorted().keySet()).isEqualTo(whole.keySet());
            whole.forEach((s, c) -> assertThat(merged.sorted().get(s)).containsExactly(c));
        }
    }

    static final List<String> CLASSES = List.of("a", "b", "c");

    static MulticlassExpected expected(double[][] scores, String[] predicted, int from, int to) {
        // no calibrator: each class score as its probability
        List<Isotonic> none = Arrays.asList(new Isotonic[CLASSES.size()]);
        MulticlassExpected e =
                new MulticlassExpected(new MulticlassExpected.Calibration(CLASSES, none), CLASSES.size());
        for (int i = from; i < to; i++) {
            e.addRow(scores[i], new String[] {predicted[i]});
        }
        return e;
    }

    @Test
    void multiclassExpectationsMergeLaw() throws Exception {
        Random r = new Random(5);
        double[][] scores = new double[ROWS][];
        String[] predicted = new String[ROWS];
        for (int i = 0; i < ROWS; i++) {
            double a = r.nextInt(10) / 10.0;
            double b = r.nextInt(10) / 10.0;
            scores[i] = new double[] {a, b, i % 23 == 0 ? Double.NaN : r.nextInt(10) / 10.0};
            predicted[i] = i % 31 == 0 ? null : CLASSES.get(r.nextInt(3));
        }
        MulticlassExpected whole = expected(scores, predicted, 0, ROWS);
        for (int cut : new int[] {0, 1, 101, ROWS}) {
            MulticlassExpected merged = roundTrip(expected(scores, predicted, 0, cut))
                    .merge(roundTrip(expected(scores, predicted, cut, ROWS)));
            assertThat(merged.rows()).isEqualTo(whole.rows());
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    assertThat(merged.count(i, j)).isCloseTo(whole.count(i, j), within(1e-9));
                }
                Cbpe.Groups g = merged.scoreGroups(i);
                Cbpe.Groups w = whole.scoreGroups(i);
                assertThat(g.scores()).containsExactly(w.scores());
                assertThat(g.n1()).containsExactly(w.n1());
                assertThat(g.p()).containsExactly(w.p(), within(1e-12));
            }
        }
    }
}
