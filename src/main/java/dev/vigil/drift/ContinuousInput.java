package dev.vigil.drift;

import dev.vigil.stats.Moments;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the calculator provides a drift method with on a continuous column: a histogram on bins
 * fitted on each segment's reference (the chunk's values outside the reference range counted apart,
 * below and above), and for the inputs with an exact path the sorted values when the reference is
 * small ({@code calculation_method}). Methods reading the same input share one histogram; the
 * exact-path histograms share one, named {@value #SHARED}, when their bins coincide.
 */
public enum ContinuousInput {
    /** numpy's Doane bins of the reference (also the distributions table's bins). */
    DOANE_HISTOGRAM("doane", false) {
        @Override
        double[] bins(Moments m, int nBins) {
            return DriftMath.doaneBins(m.n(), m.min(), m.max(), m.populationStd(), m.skewness());
        }
    },
    /** {@code n_bins} equal-width bins on the reference's [min, max] (NannyML's KS), exact path. */
    KS_HISTOGRAM("ks", true) {
        @Override
        double[] bins(Moments m, int nBins) {
            return DriftMath.ksBins(m.min(), m.max(), nBins);
        }
    },
    /** As {@link #KS_HISTOGRAM}, a constant reference widened to v ± 0.5 (NannyML's Wasserstein). */
    WASSERSTEIN_HISTOGRAM("wasserstein", true) {
        @Override
        double[] bins(Moments m, int nBins) {
            return DriftMath.wassersteinBins(m.min(), m.max(), nBins);
        }
    };

    /** The purpose of the one histogram the exact-path inputs share when their bins coincide. */
    public static final String SHARED = "cdf";

    /** Its histogram's purpose (the state's name among a column's histograms). */
    public final String purpose;

    /** Whether it has an exact path on the sorted values. */
    public final boolean exactPath;

    ContinuousInput(String purpose, boolean exactPath) {
        this.purpose = purpose;
        this.exactPath = exactPath;
    }

    /** Its bins {lo, hi, bins} on a segment's reference moments. */
    abstract double[] bins(Moments reference, int nBins);

    /** The purposes its histogram may have, the shared one first. */
    List<String> purposes() {
        return exactPath ? List.of(SHARED, purpose) : List.of(purpose);
    }

    /** Every histogram purpose, in the order the calculator asks for them. */
    static List<String> allPurposes() {
        List<String> out = new ArrayList<>(List.of(DOANE_HISTOGRAM.purpose, SHARED));
        for (ContinuousInput in : values()) {
            if (in != DOANE_HISTOGRAM) {
                out.add(in.purpose);
            }
        }
        return out;
    }

    /** The inputs with an exact path, in declaration order. */
    static List<ContinuousInput> exactInputs() {
        return Arrays.stream(values()).filter(in -> in.exactPath).toList();
    }
}
