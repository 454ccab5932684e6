package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.drift.DriftMethod.Statistic;
import dev.vigil.stats.Histogram;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * The binned path of every method with an exact one stays within its stated bound of the exact
 * statistic, on generated samples of several shapes (shifted, wider, discrete, values outside the
 * reference's range, a constant reference), and marks itself approximate; the exact path does not.
 */
class BinnedBoundsTest {
    private static final List<ExactPathMethod> METHODS = DriftMethods.ALL.stream()
            .filter(m -> m instanceof ExactPathMethod)
            .map(m -> (ExactPathMethod) m)
            .toList();

    record Shape(String name, DoubleSupplier reference, DoubleSupplier chunk) {}

    private static List<Shape> shapes(Random r) {
        return List.of(
                new Shape("same normal", r::nextGaussian, r::nextGaussian),
                new Shape("shifted", r::nextGaussian, () -> 0.7 + r.nextGaussian()),
                new Shape("wider, beyond the range", r::nextGaussian, () -> 3 * r.nextGaussian()),
                new Shape("discrete", () -> r.nextInt(5), () -> r.nextInt(7) - 1),
                new Shape("skewed", () -> Math.exp(r.nextGaussian()), () -> Math.exp(0.3 + r.nextGaussian())),
                new Shape("constant reference", () -> 2.0, () -> 2.0 + 0.3 * r.nextGaussian()));
    }

    @Test
    void everyBinnedValueIsWithinItsBoundOfTheExactOne() {
        Random r = new Random(7);
        double[] worstRatio = new double[METHODS.size()];
        int cases = 0;
        for (int bins : new int[] {10, 100, 10_000}) {
            for (Shape shape : shapes(r)) {
                for (int n : new int[] {50, 2_000}) {
                    double[] ref = sample(shape.reference(), 3 * n);
                    double[] chunk = sample(shape.chunk(), n);
                    for (int k = 0; k < METHODS.size(); k++) {
                        ExactPathMethod m = METHODS.get(k);
                        double[] b = m.input().bins(moments(ref), bins);
                        ContinuousSample binned =
                                ContinuousSample.binned(ref.length, histogram(b, ref), histogram(b, chunk));
                        ContinuousSample exact = ContinuousSample.exact(ref.length, ref, chunk);
                        Statistic approx = m.measuredStatistic(binned);
                        Statistic precise = m.measuredStatistic(exact);
                        String what = m.key() + " " + shape.name() + " n=" + n + " bins=" + bins;
                        assertThat(precise.approximate()).as(what).isFalse();
                        assertThat(approx.approximate()).as(what).isTrue();
                        double gap = Math.abs(approx.value() - precise.value());
                        assertThat(gap).as(what).isLessThanOrEqualTo(approx.errorBound() + 1e-12);
                        if (approx.errorBound() > 0) {
                            worstRatio[k] = Math.max(worstRatio[k], gap / approx.errorBound());
                        }
                        cases++;
                    }
                }
            }
        }
        for (int k = 0; k < METHODS.size(); k++) {
            System.out.printf(
                    "%s: largest |binned − exact| / bound = %.3f%n",
                    METHODS.get(k).key(), worstRatio[k]);
        }
        assertThat(cases).isEqualTo(3 * 6 * 2 * METHODS.size());
    }

    @Test
    void theKsBoundShrinksWithTheBinsAndTheBinnedStatisticNeverExceedsTheExactOne() {
        Random r = new Random(11);
        double[] ref = sample(r::nextGaussian, 20_000);
        double[] chunk = sample(() -> 0.2 + r.nextGaussian(), 5_000);
        KolmogorovSmirnov ks = new KolmogorovSmirnov();
        double exact = ks.measuredStatistic(ContinuousSample.exact(ref.length, ref, chunk))
                .value();
        double previous = Double.POSITIVE_INFINITY;
        for (int bins : new int[] {10, 100, 1_000, 10_000}) {
            double[] b = ContinuousInput.KS_HISTOGRAM.bins(moments(ref), bins);
            Statistic s =
                    ks.measuredStatistic(ContinuousSample.binned(ref.length, histogram(b, ref), histogram(b, chunk)));
            assertThat(s.value()).isLessThanOrEqualTo(exact + 1e-12);
            assertThat(s.errorBound()).isLessThan(previous);
            previous = s.errorBound();
        }
        // 10,000 bins on 20,000 normal values: no bin holds more than a few tenths of a percent
        assertThat(previous).isLessThan(0.005);
    }

    private static double[] sample(DoubleSupplier g, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = g.getAsDouble();
        }
        Arrays.sort(x);
        return x;
    }

    private static dev.vigil.stats.Moments moments(double[] xs) {
        dev.vigil.stats.Moments m = new dev.vigil.stats.Moments();
        for (double x : xs) {
            m.add(x);
        }
        return m;
    }

    private static Histogram histogram(double[] bins, double[] xs) {
        return Histogram.of(bins[0], bins[1], (int) bins[2], xs);
    }
}
