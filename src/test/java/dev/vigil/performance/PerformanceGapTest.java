package dev.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.calculators.Measurement;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerformanceGapTest {
    /** An estimate row: value, sampling error and realized value. */
    static Measurement estimate(int chunk, Double value, Double se, Double realized) {
        return new Measurement(
                EstimatedPerformanceCalculator.NAME,
                "roc_auc",
                null,
                "region=eu",
                chunk,
                value,
                null,
                se,
                realized,
                null,
                null,
                0.7,
                1.0,
                false);
    }

    @Test
    void oneGapRowPerEstimateWithARealizedValue() {
        List<Measurement> estimates = List.of(
                estimate(0, 0.80, 0.01, 0.79), // inside ± 0.03
                estimate(1, 0.80, 0.01, 0.76), // 0.04 below: alerts
                estimate(2, 0.80, 0.01, null), // no targets: no row
                estimate(3, null, 0.01, 0.75), // no estimate: no row
                estimate(4, 0.80, null, 0.10)); // no sampling error: no thresholds, no alert
        List<Measurement> out = PerformanceGap.appended(estimates, 3.0);
        assertThat(out).startsWith(estimates.toArray(Measurement[]::new)).hasSize(5 + 3);
        List<Measurement> gaps = out.subList(5, 8);
        assertThat(gaps)
                .extracting(Measurement::calculator, Measurement::metric, Measurement::segment, Measurement::chunkIndex)
                .containsExactly(
                        tuple(PerformanceGap.NAME, "roc_auc", "region=eu", 0),
                        tuple(PerformanceGap.NAME, "roc_auc", "region=eu", 1),
                        tuple(PerformanceGap.NAME, "roc_auc", "region=eu", 4));
        Measurement inside = gaps.get(0);
        assertThat(inside.value()).isCloseTo(-0.01, offset(1e-12));
        assertThat(inside.lowerThreshold()).isCloseTo(-0.03, offset(1e-12));
        assertThat(inside.upperThreshold()).isCloseTo(0.03, offset(1e-12));
        assertThat(inside.samplingError()).isEqualTo(0.01);
        assertThat(inside.realized()).isNull();
        assertThat(inside.alert()).isFalse();
        assertThat(gaps.get(1).alert()).isTrue();
        assertThat(gaps.get(2).lowerThreshold()).isNull();
        assertThat(gaps.get(2).upperThreshold()).isNull();
        assertThat(gaps.get(2).alert()).isFalse();
    }

    @Test
    void theMultipleIsConfiguredAndNullMeansNoRows() {
        List<Measurement> estimates = List.of(estimate(0, 0.80, 0.01, 0.76));
        assertThat(PerformanceGap.appended(estimates, 5.0).get(1).alert()).isFalse();
        assertThat(PerformanceGap.appended(estimates, 3.0).get(1).alert()).isTrue();
        assertThat(PerformanceGap.appended(estimates, null)).isEqualTo(estimates);
    }
}
