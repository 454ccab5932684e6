package dev.vigil.drift;

import dev.vigil.thresholds.MetricRule;
import dev.vigil.thresholds.Threshold;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Gamma;

/**
 * NannyML's {@code chi2}: scipy's {@code chi2_contingency} on the K×2 table (reference counts,
 * chunk counts) over the union of categories, Pearson's statistic with Yates' correction when there
 * is one degree of freedom, and its p-value {@code Q(dof/2, stat/2)}; it alerts on its p-value (p
 * &lt; α, NannyML's 0.05 by default, with the configured correction) and has no thresholds (NannyML
 * only warns about a configured one; Vigil refuses it).
 */
public final class Chi2 extends DriftMethod {
    public Chi2() {
        super("chi2", null, Kind.CATEGORICAL);
    }

    @Override
    public Statistic categorical(CategorySample s) {
        long[][] ab = s.unionCounts();
        return test(ab[0], ab[1]);
    }

    @Override
    public MetricRule rule(Threshold override) {
        return NO_THRESHOLDS;
    }

    @Override
    public boolean alertsOnPValue() {
        return true;
    }

    /** The statistic and p-value of the reference and chunk counts over aligned categories. */
    public static Statistic test(long[] reference, long[] chunk) {
        List<long[]> rows = new ArrayList<>();
        for (int i = 0; i < reference.length; i++) {
            if (reference[i] + chunk[i] > 0) {
                rows.add(new long[] {reference[i], chunk[i]});
            }
        }
        int k = rows.size();
        int dof = k - 1;
        double col0 = 0;
        double col1 = 0;
        for (long[] r : rows) {
            col0 += r[0];
            col1 += r[1];
        }
        double total = col0 + col1;
        if (dof <= 0 || col0 == 0 || col1 == 0) {
            return new Statistic(0.0, 1.0);
        }
        double stat = 0;
        for (long[] r : rows) {
            double rowSum = r[0] + r[1];
            double[] expected = {rowSum * col0 / total, rowSum * col1 / total};
            for (int c = 0; c < 2; c++) {
                double diff = r[c] - expected[c];
                if (dof == 1) {
                    diff = Math.signum(diff) * Math.max(0, Math.abs(diff) - 0.5);
                }
                stat += diff * diff / expected[c];
            }
        }
        return new Statistic(stat, Gamma.regularizedGammaQ(dof / 2.0, stat / 2.0));
    }
}
