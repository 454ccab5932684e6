package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each correction on known inputs, against the counts its definition gives by hand. */
class PValueCorrectionTest {
    /** Benjamini and Hochberg (1995), section 4: fifteen p-values, q = 0.05. */
    static final double[] BH_1995 = {
        0.0201, 0.0001, 0.3240, 0.0004, 0.0019, 0.0095, 0.0278, 0.0298, 0.0344, 0.0459, 0.4262, 0.5719, 0.6528, 0.7590,
        1.000
    };

    static int count(boolean[] a) {
        int n = 0;
        for (boolean b : a) {
            n += b ? 1 : 0;
        }
        return n;
    }

    @Test
    void theFifteenPValuesOfBenjaminiAndHochberg() {
        // none: p < 0.05 -> 9; bonferroni: p < 0.05/15 = 0.00333 -> 0.0001, 0.0004, 0.0019
        assertThat(count(PValueCorrection.NONE.alerts(BH_1995, 0.05))).isEqualTo(9);
        boolean[] bonferroni = PValueCorrection.BONFERRONI.alerts(BH_1995, 0.05);
        assertThat(count(bonferroni)).isEqualTo(3);
        assertThat(bonferroni[1] && bonferroni[3] && bonferroni[4]).isTrue();
        // holm: 0.0001 < 0.05/15, 0.0004 < 0.05/14, 0.0019 < 0.05/13, then 0.0095 >= 0.05/12 stops
        assertThat(PValueCorrection.HOLM.alerts(BH_1995, 0.05)).isEqualTo(bonferroni);
        // BH: the largest k with p(k) < k * 0.05 / 15 is k = 4 (0.0095 < 0.0133; 0.0201 >= 0.0167 ...)
        boolean[] bh = PValueCorrection.BENJAMINI_HOCHBERG.alerts(BH_1995, 0.05);
        assertThat(count(bh)).isEqualTo(4);
        assertThat(bh[1] && bh[3] && bh[4] && bh[5]).isTrue();
    }

    @Test
    void holmRejectsMoreThanBonferroniAndBhMoreThanHolm() {
        double[] p = {0.01, 0.04, 0.03, 0.005};
        // bonferroni: < 0.0125 -> 0.005, 0.01
        assertThat(PValueCorrection.BONFERRONI.alerts(p, 0.05)).containsExactly(true, false, false, true);
        // holm: 0.005 < 0.0125, 0.01 < 0.0167, 0.03 >= 0.025 stops
        assertThat(PValueCorrection.HOLM.alerts(p, 0.05)).containsExactly(true, false, false, true);
        double[] q = {0.01, 0.015, 0.03, 0.005};
        // holm: 0.005 < 0.0125, 0.01 < 0.0167, 0.015 < 0.025, 0.03 < 0.05: all; bonferroni 2
        assertThat(PValueCorrection.HOLM.alerts(q, 0.05)).containsExactly(true, true, true, true);
        assertThat(count(PValueCorrection.BONFERRONI.alerts(q, 0.05))).isEqualTo(2);
        // BH steps up: p(4) = 0.049 < 4 * 0.05 / 4 takes all four; Holm none (0.04 >= 0.05 / 4)
        double[] r = {0.04, 0.045, 0.046, 0.049};
        assertThat(count(PValueCorrection.BENJAMINI_HOCHBERG.alerts(r, 0.05))).isEqualTo(4);
        assertThat(count(PValueCorrection.HOLM.alerts(r, 0.05))).isZero();
    }

    @Test
    void aNanIsNoTestAndOneTestIsThePlainTest() {
        double[] p = {Double.NaN, 0.02, Double.NaN};
        for (PValueCorrection c : PValueCorrection.values()) {
            assertThat(c.alerts(p, 0.05)).as(c.name()).containsExactly(false, true, false);
            // strict, as NannyML's p < alpha
            assertThat(c.alerts(new double[] {0.05}, 0.05)).as(c.name()).containsExactly(false);
        }
        assertThat(PValueCorrection.BONFERRONI.alerts(new double[0], 0.05)).isEmpty();
    }
}
