package dev.vigil.drift;

import dev.vigil.stats.Histogram;
import dev.vigil.thresholds.MetricRule;
import dev.vigil.thresholds.Threshold;

/**
 * NannyML's {@code kolmogorov_smirnov}: {@code max |F_ref − F_chunk|}, exactly on the sorted values
 * (scipy's {@code ks_2samp} statistic) or at the right edges of the {@code n_bins} bins, with
 * scipy's two-sided p-value of that statistic ({@link KsPValue}; on the binned path, of the binned
 * statistic). It alerts as NannyML on the statistic against thresholds clipped to [0, 1], or, with
 * {@code kolmogorov_smirnov_alert: p_value}, on the p-value ({@link #onPValue}).
 */
public final class KolmogorovSmirnov extends ExactPathMethod {
    public static final String KEY = "kolmogorov_smirnov";

    private final boolean onPValue;

    /** NannyML's: alerts on the statistic against the reference chunks' thresholds. */
    public KolmogorovSmirnov() {
        this(false);
    }

    private KolmogorovSmirnov(boolean onPValue) {
        super(KEY, ContinuousInput.KS_HISTOGRAM, Kind.CONTINUOUS);
        this.onPValue = onPValue;
    }

    /** The same method alerting on its p-value (no thresholds). */
    public static KolmogorovSmirnov onPValue() {
        return new KolmogorovSmirnov(true);
    }

    @Override
    public boolean alertsOnPValue() {
        return onPValue;
    }

    @Override
    public MetricRule rule(Threshold override) {
        return onPValue ? NO_THRESHOLDS : upperOnly(1.0).overriddenBy(override);
    }

    @Override
    public Statistic continuousStatistic(ContinuousSample s) {
        double d = continuous(s);
        long chunkN = s.isExact() ? s.chunkValues().length : s.chunk().n();
        return new Statistic(d, KsPValue.of(d, s.referenceN(), chunkN));
    }

    /**
     * The binned path: the reference and chunk CDFs compared at the right bin edges; chunk values
     * below the first edge shift the chunk CDF, those above the last are not counted.
     */
    @Override
    protected double binned(ContinuousSample s) {
        long[] reference = s.reference().counts();
        long referenceN = s.referenceN();
        Histogram c = s.chunk();
        long[] chunk = c.counts();
        long chunkN = c.n();
        double ref = 0;
        double cum = 0;
        double shift = (double) c.below() / chunkN;
        double max = 0;
        for (int j = 0; j < reference.length; j++) {
            ref += (double) reference[j] / referenceN;
            cum += (double) chunk[j] / chunkN;
            max = Math.max(max, Math.abs(ref - (shift + cum)));
        }
        return max;
    }

    /**
     * The binned statistic compares the CDFs just below each right edge, so it never exceeds the exact
     * one; between two edges each CDF moves by at most its share of that bin, and below the first
     * edge the chunk's CDF by at most its share below: exact − binned ≤ max(below share, max over
     * bins of the larger of the two shares).
     */
    @Override
    protected double binnedBound(ContinuousSample s) {
        double[][] pq = s.binShares();
        double bound = (double) s.chunk().below() / s.chunk().n();
        for (int j = 0; j < pq[0].length; j++) {
            bound = Math.max(bound, Math.max(pq[0][j], pq[1][j]));
        }
        return bound;
    }

    /**
     * scipy's {@code ks_2samp} statistic: {@code max |F_a(z) − F_b(z)|} over both samples (sorted
     * inputs).
     */
    @Override
    protected double exact(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        double max = 0;
        while (i < a.length && j < b.length) {
            double z = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= z) {
                i++;
            }
            while (j < b.length && b[j] <= z) {
                j++;
            }
            max = Math.max(max, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return max;
    }
}
