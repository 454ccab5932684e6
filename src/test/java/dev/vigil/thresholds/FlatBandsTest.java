package dev.vigil.thresholds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.thresholds.Bounds.AlertRule;
import dev.vigil.thresholds.Bounds.LimitMode;
import dev.vigil.thresholds.FlatBands.Decision;
import org.junit.jupiter.api.Test;

class FlatBandsTest {
    /** NannyML's summary-statistic rule on the given reference chunk values. */
    private static final MetricRule SUMMARY = new MetricRule(
            Threshold.DEFAULT, null, null, LimitMode.CLIP, AlertRule.STRICTLY_INSIDE, MetricRule.Nans.SKIPPED);

    @Test
    void aFlatBandIsTwoSidedAndEqualUpToRounding() {
        assertThat(FlatBands.flat(5000.0, 5000.0)).isTrue();
        assertThat(FlatBands.flat(0.1 + 0.2, 0.3)).isTrue(); // rounding
        assertThat(FlatBands.flat(1e12, 1e12 + 100)).isTrue(); // 1e-10 relative
        assertThat(FlatBands.flat(1e12, 1e12 + 10_000)).isFalse();
        assertThat(FlatBands.flat(4999.0, 5000.8)).isFalse();
        assertThat(FlatBands.flat(null, 0.0)).isFalse(); // one-sided: drift distances
        assertThat(FlatBands.flat(0.0, null)).isFalse();
    }

    @Test
    void rowCountsOfEqualChunksNoLongerAlertOnTheirOwnValue() {
        Bounds b = SUMMARY.bounds(new double[] {5000, 5000, 5000, 5000});
        assertThat(b).isEqualTo(new Bounds(5000.0, 5000.0));
        // NannyML: a value equal to a threshold alerts, so every chunk does
        assertThat(SUMMARY.alert(b, 5000)).isTrue();
        Decision nannyml = FlatBands.NANNYML.decide(5000.0, null, b.lower(), b.upper(), true);
        assertThat(nannyml).isEqualTo(new Decision(5000.0, 5000.0, true));
        // Vigil: no sampling error, so the band stays [c, c]; only another value alerts
        assertThat(FlatBands.VIGIL.decide(5000.0, null, b.lower(), b.upper(), true))
                .isEqualTo(new Decision(5000.0, 5000.0, false));
        assertThat(FlatBands.VIGIL.decide(4999.0, null, b.lower(), b.upper(), true))
                .isEqualTo(new Decision(5000.0, 5000.0, true));
        assertThat(FlatBands.VIGIL
                        .decide(5000.0 + 1e-7, null, b.lower(), b.upper(), true)
                        .alert())
                .as("within rounding")
                .isFalse();
    }

    @Test
    void aMetricWithASamplingErrorGetsThreeOfThemEachSide() {
        // the median of an integer column: 16 on every reference chunk, sampling error 0.125
        Decision at = FlatBands.VIGIL.decide(16.0, 0.125, 16.0, 16.0, true);
        assertThat(at).isEqualTo(new Decision(15.625, 16.375, false));
        assertThat(FlatBands.VIGIL.decide(16.375, 0.125, 16.0, 16.0, true).alert())
                .as("on the widened bound")
                .isFalse();
        assertThat(FlatBands.VIGIL.decide(16.5, 0.125, 16.0, 16.0, true)).isEqualTo(new Decision(15.625, 16.375, true));
        assertThat(FlatBands.VIGIL.decide(15.5, 0.125, 16.0, 16.0, true).alert())
                .isTrue();
        // a NaN sampling error is none
        assertThat(FlatBands.VIGIL.decide(16.0, Double.NaN, 16.0, 16.0, true))
                .isEqualTo(new Decision(16.0, 16.0, false));
    }

    @Test
    void aBandNarrowerThanOneSamplingErrorEachSideIsNearlyFlat() {
        // reference medians 59.9 … 60.1 (± 0.1), sampling error 0.25: the reference varies far less
        // than sampling predicts
        assertThat(FlatBands.narrow(59.9, 60.1, 0.25)).isTrue();
        assertThat(FlatBands.VIGIL.decide(60.5, 0.25, 59.9, 60.1, true)).isEqualTo(new Decision(59.25, 60.75, false));
        assertThat(FlatBands.VIGIL.decide(60.8, 0.25, 59.9, 60.1, true).alert()).isTrue();
        assertThat(FlatBands.NANNYML.decide(60.5, 0.25, 59.9, 60.1, true)).isEqualTo(new Decision(59.9, 60.1, true));
        // as wide as ± 1 sampling error: NannyML's band
        assertThat(FlatBands.narrow(59.75, 60.25, 0.25)).isFalse();
        assertThat(FlatBands.VIGIL.decide(60.5, 0.25, 59.75, 60.25, true)).isEqualTo(new Decision(59.75, 60.25, true));
        // without a sampling error, or a one-sided band, never
        assertThat(FlatBands.narrow(59.9, 60.1, null)).isFalse();
        assertThat(FlatBands.narrow(59.9, 60.1, Double.NaN)).isFalse();
        assertThat(FlatBands.narrow(59.9, 60.1, 0.0)).isFalse();
        assertThat(FlatBands.narrow(null, 60.1, 0.25)).isFalse();
    }

    @Test
    void bandsThatAreNotFlatAndMissingValuesKeepNannyMlsDecision() {
        Decision wide = FlatBands.VIGIL.decide(5000.0, 0.3, 4999.0, 5000.8, true);
        assertThat(wide).isEqualTo(new Decision(4999.0, 5000.8, true));
        assertThat(FlatBands.VIGIL.decide(3.0, null, null, 0.0, false)).isEqualTo(new Decision(null, 0.0, false));
        // a chunk without a value keeps NannyML's alert on a flat band too
        assertThat(FlatBands.VIGIL.decide(null, null, 5000.0, 5000.0, true).alert())
                .isTrue();
        assertThat(FlatBands.VIGIL.decide(null, null, 5000.0, 5000.0, false).alert())
                .isFalse();
    }

    @Test
    void anOutsideRuleMetricOnAFlatBandStillAlertsBeyondTheSamplingError() {
        // a rate that is 0 on every reference chunk (missing values): its sampling error is 0 there
        assertThat(FlatBands.VIGIL.decide(0.0, 0.0, 0.0, 0.0, false).alert()).isFalse();
        assertThat(FlatBands.VIGIL.decide(0.001, 0.0, 0.0, 0.0, true).alert()).isTrue();
    }
}
