package dev.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ranking math on plain arrays: Pearson's r and its p-value, NannyML's alert count and
 * correlation orders.
 */
class RankingsTest {

    @Test
    void pearsonMatchesTheDefinitionAndTheClosedFormPValue() {
        // n = 4 gives 2 degrees of freedom, where Student's t has a closed-form CDF: p = 1 - |t| /
        // sqrt(t^2 + 2)
        double[] x = {0.1, 0.4, 0.35, 0.8};
        double[] y = {1.0, 2.5, 1.5, 4.0};
        Rankings.Pearson p = Rankings.pearson(x, y);
        double mx = (0.1 + 0.4 + 0.35 + 0.8) / 4;
        double my = (1.0 + 2.5 + 1.5 + 4.0) / 4;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < 4; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        double r = sxy / Math.sqrt(sxx * syy);
        double t = r * Math.sqrt(2 / (1 - r * r));
        assertThat(p.r()).isCloseTo(r, within(1e-12));
        assertThat(p.p()).isCloseTo(1 - Math.abs(t) / Math.sqrt(t * t + 2), within(1e-9));
        assertThat(p.n()).isEqualTo(4);
        // symmetric, and negating one side negates r and keeps p
        assertThat(Rankings.pearson(y, x).r()).isCloseTo(r, within(1e-12));
        double[] negY = {-1.0, -2.5, -1.5, -4.0};
        assertThat(Rankings.pearson(x, negY).r()).isCloseTo(-r, within(1e-12));
        assertThat(Rankings.pearson(x, negY).p()).isCloseTo(p.p(), within(1e-12));
    }

    @Test
    void pearsonPValueOnOneDegreeOfFreedomIsTheCauchyTail() {
        // n = 3: t with 1 degree of freedom is Cauchy, p = 1 - 2/pi * atan(|t|)
        double[] x = {1, 2, 4};
        double[] y = {1, 3, 2};
        Rankings.Pearson p = Rankings.pearson(x, y);
        double t = p.r() * Math.sqrt(1 / (1 - p.r() * p.r()));
        assertThat(p.p()).isCloseTo(1 - 2 / Math.PI * Math.atan(Math.abs(t)), within(1e-9));
    }

    @Test
    void pearsonDropsPairsWithNaNAndFollowsScipysEdgeCases() {
        double[] x = {1, Double.NaN, 2, 3, 4, 5};
        double[] y = {2, 100, 4, Double.NaN, 8, 11};
        Rankings.Pearson withNaN = Rankings.pearson(x, y);
        Rankings.Pearson clean = Rankings.pearson(new double[] {1, 2, 4, 5}, new double[] {2, 4, 8, 11});
        assertThat(withNaN.n()).isEqualTo(4);
        assertThat(withNaN.r()).isEqualTo(clean.r());
        assertThat(withNaN.p()).isEqualTo(clean.p());
        // a constant side: undefined
        assertThat(Rankings.pearson(new double[] {1, 2, 3}, new double[] {5, 5, 5})
                        .r())
                .isNaN();
        // fewer than two pairs: undefined; exactly two: r = ±1 with p = 1 (scipy)
        assertThat(Rankings.pearson(new double[] {1}, new double[] {2}).r()).isNaN();
        Rankings.Pearson two = Rankings.pearson(new double[] {1, 2}, new double[] {5, 3});
        assertThat(two.r()).isEqualTo(-1.0);
        assertThat(two.p()).isEqualTo(1.0);
        // a perfect line on more points: p = 0
        assertThat(Rankings.pearson(new double[] {1, 2, 3, 4}, new double[] {3, 5, 7, 9})
                        .p())
                .isZero();
    }

    @Test
    void performanceChangeIsTheDistanceFromTheReferenceMean() {
        double[] change = Rankings.performanceChange(
                new double[] {0.9, 0.7, Double.NaN}, new double[] {0.8, Double.NaN, 0.9, 1.0});
        assertThat(change[0]).isCloseTo(0.0, within(1e-12));
        assertThat(change[1]).isCloseTo(0.2, within(1e-12));
        assertThat(change[2]).isNaN();
    }

    @Test
    void alertCountRanksByAlertsThenByNameDescendingAsNannyMlsCode() {
        // NannyML's documented car-loan example: four features with 5 alerts come out in descending
        // name order
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("loan_length", 5L);
        counts.put("car_value", 0L);
        counts.put("salary_range", 5L);
        counts.put("y_pred_proba", 5L);
        counts.put("repaid_loan_on_prev_car", 5L);
        counts.put("driver_tenure", 2L);
        List<Rankings.AlertCount> ranked = Rankings.alertCount(counts);
        assertThat(ranked)
                .extracting(Rankings.AlertCount::column)
                .containsExactly(
                        "y_pred_proba",
                        "salary_range",
                        "repaid_loan_on_prev_car",
                        "loan_length",
                        "driver_tenure",
                        "car_value");
        assertThat(ranked).extracting(Rankings.AlertCount::rank).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(ranked.get(4).alerts()).isEqualTo(2L);
    }

    @Test
    void correlationRanksBySignedRDescendingWithUndefinedLast() {
        double[] change = {0.0, 0.01, 0.05, 0.10, 0.12};
        List<Rankings.DriftSeries> columns = List.of(
                new Rankings.DriftSeries("follows", new double[] {0.1, 0.12, 0.3, 0.5, 0.6}, true),
                new Rankings.DriftSeries("against", new double[] {0.6, 0.5, 0.3, 0.1, 0.1}, false),
                new Rankings.DriftSeries("flat", new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, false),
                new Rankings.DriftSeries("noise", new double[] {0.3, 0.1, 0.4, 0.1, 0.3}, false));
        List<Rankings.Correlation> ranked = Rankings.correlation(columns, change);
        assertThat(ranked)
                .extracting(Rankings.Correlation::column)
                .containsExactly("follows", "noise", "against", "flat");
        assertThat(ranked).extracting(Rankings.Correlation::rank).containsExactly(1, 2, 3, 4);
        assertThat(ranked.get(0).r()).isGreaterThan(0.95);
        assertThat(ranked.get(0).p()).isLessThan(0.05);
        assertThat(ranked.get(0).hasDrifted()).isTrue();
        assertThat(ranked.get(2).r()).isLessThan(-0.9);
        assertThat(ranked.get(3).r()).isNull();
        assertThat(ranked.get(3).p()).isNull();
        for (Rankings.Correlation c : ranked.subList(0, 3)) {
            Rankings.Pearson p = Rankings.pearson(
                    columns.stream()
                            .filter(s -> s.column().equals(c.column()))
                            .findFirst()
                            .orElseThrow()
                            .values(),
                    change);
            assertThat(c.r()).isEqualTo(p.r());
            assertThat(c.chunks()).isEqualTo(5);
        }
    }
}
