package dev.vigil.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Against NannyML's car-loan numbers (car_value, chunks of 5000; docs/nannyml-semantics.md §3). */
class SamplingErrorsTest {
    static final double STD = 20397.63995437557;

    @Test
    void meanAndSum() {
        assertThat(SamplingErrors.mean(STD, 5000)).isCloseTo(288.46619063881246, within(1e-9));
        assertThat(SamplingErrors.sum(STD, 5000)).isCloseTo(1442330.9531940625, within(1e-6));
    }

    @Test
    void stdFromTheFourthMoment() {
        assertThat(SamplingErrors.std(STD, 7.88643556164058e17, 5000)).isCloseTo(271.9917465860238, within(1e-6));
        assertThat(SamplingErrors.std(STD, Double.NaN, 5000)).isNaN();
        assertThat(SamplingErrors.std(STD, 1.0, 5000)).isNaN(); // negative P
    }

    @Test
    void medianFromTheKernelDensity() {
        assertThat(SamplingErrors.median(2.477616713569324e-05, 5000)).isCloseTo(285.39797028083086, within(1e-6));
        assertThat(SamplingErrors.median(Double.POSITIVE_INFINITY, 5000)).isZero();
        assertThat(SamplingErrors.scottBandwidth(STD, 50000) * SamplingErrors.scottBandwidth(STD, 50000))
                .isCloseTo(5489993.642627171, within(1e-3));
    }

    @Test
    void missingRate() {
        assertThat(SamplingErrors.rate(0.0, 5000)).isZero();
        assertThat(SamplingErrors.rate(0.2, 100)).isCloseTo(0.04, within(1e-15));
    }
}
