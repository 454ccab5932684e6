package dev.vigil.drift;

import dev.vigil.stats.Histogram;
import java.util.Arrays;

/**
 * NannyML's {@code wasserstein}: {@code ∫|F_ref − F_chunk|}, exactly on the sorted values (scipy's
 * {@code wasserstein_distance}) or on the {@code n_bins} bins with NannyML's tail terms.
 */
public final class Wasserstein extends ExactPathMethod {
    public Wasserstein() {
        super("wasserstein", ContinuousInput.WASSERSTEIN_HISTOGRAM, Kind.CONTINUOUS);
    }

    /**
     * The binned path, as NannyML computes it: {@code Σ|RefCDF − ChunkCDF|·Δ} over the bins, the
     * chunk CDF shifted by {@code (below + 1)/n} when some values lie below the reference (NannyML's
     * off-by-one, kept for conformance), plus {@code Σ(lo − x)/n} for the values below and {@code Σ(x
     * − hi)/n} for those above the reference range.
     */
    @Override
    protected double binned(ContinuousSample s) {
        double[] edges = s.reference().edges();
        long[] reference = s.reference().counts();
        long referenceN = s.referenceN();
        Histogram c = s.chunk();
        long[] chunk = c.counts();
        long below = c.below();
        long above = c.above();
        long chunkN = c.n();
        double lo = edges[0];
        double hi = edges[edges.length - 1];
        double width = edges[1] - edges[0];
        double shift = below > 0 ? (below + 1.0) / chunkN : 0.0;
        double ref = 0;
        double cum = 0;
        double inside = 0;
        for (int j = 0; j < reference.length; j++) {
            ref += (double) reference[j] / referenceN;
            cum += (double) chunk[j] / chunkN;
            inside += Math.abs(ref - (shift + cum)) * width;
        }
        double tails = (below * lo - c.sumBelow()) / chunkN + (c.sumAbove() - above * hi) / chunkN;
        return inside + tails;
    }

    /**
     * Inside the reference range each bin's term is |F − G| at its right edge times the width, where
     * the exact integral has |F − G| over the bin, which differs from it by at most the larger of the
     * two shares of the bin; NannyML's shift adds 1/n to the chunk's CDF over the whole range when
     * values lie below it; the tails are exact: |binned − exact| ≤ width · Σ max(p_j, q_j) + (hi −
     * lo)/n when some values lie below.
     */
    @Override
    protected double binnedBound(ContinuousSample s) {
        double[] edges = s.reference().edges();
        double[][] pq = s.binShares();
        double sum = 0;
        for (int j = 0; j < pq[0].length; j++) {
            sum += Math.max(pq[0][j], pq[1][j]);
        }
        double range = edges[edges.length - 1] - edges[0];
        double shift = s.chunk().below() > 0 ? range / s.chunk().n() : 0.0;
        return (edges[1] - edges[0]) * sum + shift;
    }

    /** scipy's {@code wasserstein_distance(a, b)}: {@code ∫|F_a − F_b|} (sorted inputs). */
    @Override
    protected double exact(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        double sum = 0;
        int i = 0;
        int j = 0;
        for (int k = 0; k < all.length - 1; k++) {
            double z = all[k];
            while (i < a.length && a[i] <= z) {
                i++;
            }
            while (j < b.length && b[j] <= z) {
                j++;
            }
            sum += Math.abs((double) i / a.length - (double) j / b.length) * (all[k + 1] - z);
        }
        return sum;
    }
}
