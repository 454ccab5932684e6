package dev.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The sketch path's bound against the exact computation, on data where both can run: for seven
 * shapes, one chunk just over the exact limit, one of 200,000 values, and a whole of 40 sketched
 * chunks merged (1,200,000 values), every profile quantile and the median from the relative-error
 * DDSketch is within its {@link Quantiles#quantileErrorBound} (α/(1 − α) × the larger
 * magnitude of the values interpolated, α = {@link Quantiles#RELATIVE_ERROR}) of numpy's value on
 * the raw values. Prints the largest |sketch − exact| / bound per shape, and the bound against the
 * data's interquartile range (large where the values sit far from zero: the bound is relative).
 */
class QuantilesSketchBoundTest {
    record Shape(String name, ToDoubleFunction<SplittableRandom> draw) {}

    static final List<Shape> SHAPES = List.of(
            new Shape("normal", QuantilesSketchBoundTest::gaussian),
            new Shape("normal(1e6, 1)", r -> 1e6 + gaussian(r)),
            new Shape("lognormal", r -> Math.exp(2 * gaussian(r))),
            new Shape("uniform [-1, 1]", r -> 2 * r.nextDouble() - 1),
            new Shape("bimodal", r -> (r.nextBoolean() ? -5 : 5) + gaussian(r)),
            new Shape("integers 0..9 (ties)", r -> r.nextInt(10)),
            new Shape("pareto (heavy tail)", r -> Math.pow(1 - r.nextDouble(), -1 / 1.2)));

    static final double[] QS = {0.05, 0.25, 0.5, 0.75, 0.95};

    static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** numpy's linear quantile of sorted values. */
    static double exact(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    @Test
    void everySketchedQuantileIsWithinItsBoundOfTheExactOne() throws Exception {
        System.out.printf(
                "DDSketch, relative error %s; chunk limit %d%n", Quantiles.RELATIVE_ERROR, Quantiles.CHUNK_CAPACITY);
        System.out.printf("%-22s %-28s %14s %14s%n", "shape", "state", "max err/bound", "max bound/IQR");
        double worst = 0;
        long seed = 1;
        for (Shape shape : SHAPES) {
            for (String state : List.of("one chunk, limit + 1", "one chunk, 200,000", "40 chunks merged")) {
                SplittableRandom r = new SplittableRandom(seed++);
                Quantiles q;
                double[] all;
                if (state.startsWith("40")) {
                    q = new Quantiles(Quantiles.WHOLE_CAPACITY);
                    all = new double[40 * 30_000];
                    for (int c = 0; c < 40; c++) {
                        Quantiles chunk = new Quantiles();
                        for (int i = 0; i < 30_000; i++) {
                            double x = shape.draw().applyAsDouble(r);
                            all[c * 30_000 + i] = x;
                            chunk.add(x);
                        }
                        assertThat(chunk.isExact()).isFalse();
                        q.merge(StatesTest.roundTrip(chunk));
                    }
                } else {
                    int n = state.endsWith("+ 1") ? Quantiles.CHUNK_CAPACITY + 1 : 200_000;
                    q = new Quantiles();
                    all = new double[n];
                    for (int i = 0; i < n; i++) {
                        all[i] = shape.draw().applyAsDouble(r);
                        q.add(all[i]);
                    }
                }
                assertThat(q.isExact()).isFalse();
                Arrays.sort(all);
                double iqr = exact(all, 0.75) - exact(all, 0.25);
                double ratio = 0;
                double width = 0;
                for (double p : QS) {
                    double bound = q.quantileErrorBound(p);
                    double err = Math.abs(q.quantile(p) - exact(all, p));
                    assertThat(err)
                            .as(
                                    "%s, %s: quantile %s = %s, exact %s, bound %s",
                                    shape.name(), state, p, q.quantile(p), exact(all, p), bound)
                            .isLessThanOrEqualTo(bound);
                    ratio = Math.max(ratio, bound == 0 ? 0 : err / bound);
                    width = Math.max(width, bound / iqr);
                }
                double medianErr = Math.abs(q.median() - exact(all, 0.5));
                assertThat(medianErr).isLessThanOrEqualTo(q.medianErrorBound());
                ratio = Math.max(ratio, medianErr / q.medianErrorBound());
                worst = Math.max(worst, ratio);
                System.out.printf("%-22s %-28s %14.3f %14.4f%n", shape.name(), state, ratio, width);
            }
        }
        System.out.printf("largest |sketch - exact| / bound: %.3f%n", worst);
        assertThat(worst).isLessThanOrEqualTo(1);
    }
}
