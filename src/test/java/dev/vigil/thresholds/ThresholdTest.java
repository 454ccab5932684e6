package dev.vigil.thresholds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.thresholds.Bounds.AlertRule;
import dev.vigil.thresholds.Bounds.LimitMode;
import org.junit.jupiter.api.Test;

class ThresholdTest {
    @Test
    void standardDeviationUsesPopulationStdAndIgnoresNaN() {
        Bounds b = new Threshold.StandardDeviation(3.0, 3.0).bounds(new double[] {1, 2, 3, Double.NaN});
        double sd = Math.sqrt(2.0 / 3);
        assertThat(b.lower()).isCloseTo(2 - 3 * sd, within(1e-12));
        assertThat(b.upper()).isCloseTo(2 + 3 * sd, within(1e-12));
        assertThat(new Threshold.StandardDeviation(null, 2.0)
                        .bounds(new double[] {1, 3})
                        .lower())
                .isNull();
    }

    @Test
    void limitsClipOrDropAtOrBeyondTheLimit() {
        Bounds b = new Bounds(-0.1, 1.2);
        assertThat(b.clip(0.0, 1.0, LimitMode.CLIP)).isEqualTo(new Bounds(0.0, 1.0));
        assertThat(b.clip(0.0, 1.0, LimitMode.DROP)).isEqualTo(new Bounds(null, null));
        assertThat(new Bounds(0.0, 0.5).clip(0.0, null, LimitMode.DROP)).isEqualTo(new Bounds(null, 0.5));
        assertThat(new Bounds(0.1, 0.5).clip(0.0, 1.0, LimitMode.CLIP)).isEqualTo(new Bounds(0.1, 0.5));
    }

    @Test
    void twoAlertRules() {
        Bounds equal = new Bounds(5000.0, 5000.0);
        assertThat(equal.alert(5000, AlertRule.STRICTLY_INSIDE)).isTrue(); // NannyML's summary stats
        assertThat(equal.alert(5000, AlertRule.OUTSIDE)).isFalse(); // NannyML's data-quality checks
        assertThat(new Bounds(null, 0.0).alert(0.0002, AlertRule.OUTSIDE)).isTrue();
        assertThat(new Bounds(1.0, 2.0).alert(Double.NaN, AlertRule.STRICTLY_INSIDE))
                .isTrue();
        assertThat(new Bounds(1.0, 2.0).alert(Double.NaN, AlertRule.OUTSIDE)).isFalse();
        assertThat(Bounds.NONE.alert(1e300, AlertRule.STRICTLY_INSIDE)).isFalse();
    }
}
