package dev.vigil.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.special.Gamma;

/**
 * NannyML 0.13.1's univariate drift statistics as plain Java over counts and sorted values
 * (docs/nannyml-univariate-drift.md has the rules, each checked against NannyML's outputs).
 */
public final class DriftMath {
  private DriftMath() {}

  /** NannyML's bin count for KS and Wasserstein on the binned path. */
  public static final int DEFAULT_N_BINS = 10_000;

  /**
   * Below this many reference values KS and Wasserstein take the exact path ({@code
   * calculation_method: auto}).
   */
  public static final int EXACT_BELOW = 10_000;

  // ---- bin edges ----

  /**
   * numpy's {@code linspace(lo, hi, bins + 1)}: {@code e_i = i·step + lo}, last edge exactly {@code
   * hi}.
   */
  public static double[] linspace(double lo, double hi, int bins) {
    return dev.vigil.stats.Histogram.edges(lo, hi, bins);
  }

  /**
   * numpy's {@code histogram_bin_edges(x, bins='doane')} from the moments of x, as {lo, hi, bins}:
   * width {@code (max − min) / (1 + log2 n + log2(1 + |g1|/σ_g1))}, {@code σ_g1 =
   * √(6(n−2)/((n+1)(n+3)))}; one bin when n ≤ 2 or the values are constant (then the range is
   * {@code v ± 0.5}).
   */
  public static double[] doaneBins(
      long n, double min, double max, double populationStd, double skewness) {
    double lo = min;
    double hi = max;
    if (lo == hi) {
      lo -= 0.5;
      hi += 0.5;
    }
    double width = 0;
    if (n > 2 && populationStd > 0) {
      double sg1 = Math.sqrt(6.0 * (n - 2) / ((n + 1.0) * (n + 3)));
      width = (max - min) / (1.0 + log2(n) + log2(1.0 + Math.abs(skewness) / sg1));
    }
    int bins = width != 0 ? (int) Math.ceil((hi - lo) / width) : 1;
    return new double[] {lo, hi, bins};
  }

  /**
   * The KS bins of the binned path {lo, hi, bins}: {@code linspace(min, max, nBins)}, no widening.
   */
  public static double[] ksBins(double min, double max, int nBins) {
    return new double[] {min, max, nBins};
  }

  /** The Wasserstein bins of the binned path: as KS, but a constant column gets {@code v ± 0.5}. */
  public static double[] wassersteinBins(double min, double max, int nBins) {
    return min == max ? new double[] {min - 0.5, max + 0.5, nBins} : new double[] {min, max, nBins};
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  // ---- distributions over bins ----

  /** counts / total. */
  public static double[] proportions(long[] counts, long total) {
    double[] p = new double[counts.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (double) counts[i] / total;
    }
    return p;
  }

  /**
   * The reference and chunk proportions with NannyML's leftover bin: when the chunk proportions
   * over the reference bins sum to less than 1 (values outside the reference range, or unseen
   * categories), one more bin holds the rest for the chunk and 0 for the reference. Returns {p, q}.
   */
  public static double[][] withLeftover(double[] p, double[] q) {
    double sum = 0;
    for (double v : q) {
      sum += v;
    }
    double left = 1 - sum;
    if (left > 0) {
      double[] p2 = Arrays.copyOf(p, p.length + 1);
      double[] q2 = Arrays.copyOf(q, q.length + 1);
      q2[q.length] = left;
      return new double[][] {p2, q2};
    }
    return new double[][] {p, q};
  }

  /**
   * scipy's {@code jensenshannon(p, q, base=2)}: both renormalised, {@code sqrt((KL(p‖m) + KL(q‖m))
   * / 2)}.
   */
  public static double jensenShannon(double[] p, double[] q) {
    double sp = 0;
    double sq = 0;
    for (int i = 0; i < p.length; i++) {
      sp += p[i];
      sq += q[i];
    }
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double a = p[i] / sp;
      double b = q[i] / sq;
      double m = (a + b) / 2;
      sum += relEntr(a, m) + relEntr(b, m);
    }
    return Math.sqrt(sum / Math.log(2) / 2);
  }

  private static double relEntr(double a, double b) {
    return a > 0 && b > 0 ? a * Math.log(a / b) : 0.0;
  }

  /** Hellinger distance {@code √Σ(√p − √q)² / √2} (no renormalisation). */
  public static double hellinger(double[] p, double[] q) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double d = Math.sqrt(p[i]) - Math.sqrt(q[i]);
      sum += d * d;
    }
    return Math.sqrt(sum) / Math.sqrt(2);
  }

  /** Smoothing of empty bins in PSI (Vigil's own: NannyML 0.13.1 has no PSI). */
  public static final double PSI_EPSILON = 1e-4;

  /**
   * Population stability index {@code Σ (q − p)·ln(q/p)}, empty bins counted as {@link
   * #PSI_EPSILON}.
   */
  public static double psi(double[] p, double[] q) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double a = Math.max(p[i], PSI_EPSILON);
      double b = Math.max(q[i], PSI_EPSILON);
      sum += (b - a) * Math.log(b / a);
    }
    return sum;
  }

  /** L-infinity: {@code max |p_c − q_c|} over aligned categories. */
  public static double lInfinity(double[] p, double[] q) {
    double max = 0;
    for (int i = 0; i < p.length; i++) {
      max = Math.max(max, Math.abs(p[i] - q[i]));
    }
    return max;
  }

  // ---- KS and Wasserstein ----

  /**
   * KS statistic on the binned path: the reference and chunk CDFs compared at the right bin edges;
   * chunk values below the first edge shift the chunk CDF, those above the last are not counted.
   */
  public static double ksBinned(
      long[] reference, long referenceN, long[] chunk, long below, long chunkN) {
    double ref = 0;
    double cum = 0;
    double shift = (double) below / chunkN;
    double max = 0;
    for (int j = 0; j < reference.length; j++) {
      ref += (double) reference[j] / referenceN;
      cum += (double) chunk[j] / chunkN;
      max = Math.max(max, Math.abs(ref - (shift + cum)));
    }
    return max;
  }

  /**
   * Wasserstein distance on the binned path, as NannyML computes it: {@code Σ|RefCDF − ChunkCDF|·Δ}
   * over the bins, the chunk CDF shifted by {@code (below + 1)/n} when some values lie below the
   * reference (NannyML's off-by-one, kept for conformance), plus {@code Σ(lo − x)/n} for the values
   * below and {@code Σ(x − hi)/n} for those above the reference range.
   */
  public static double wassersteinBinned(
      double[] edges,
      long[] reference,
      long referenceN,
      long[] chunk,
      long below,
      double sumBelow,
      long above,
      double sumAbove,
      long chunkN) {
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
    double tails = (below * lo - sumBelow) / chunkN + (sumAbove - above * hi) / chunkN;
    return inside + tails;
  }

  /**
   * scipy's {@code ks_2samp} statistic: {@code max |F_a(z) − F_b(z)|} over both samples (sorted
   * inputs).
   */
  public static double ksExact(double[] a, double[] b) {
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

  /** scipy's {@code wasserstein_distance(a, b)}: {@code ∫|F_a − F_b|} (sorted inputs). */
  public static double wassersteinExact(double[] a, double[] b) {
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

  // ---- chi² ----

  /** A test statistic and its p-value. */
  public record Test(double statistic, double pValue) {}

  /**
   * scipy's {@code chi2_contingency} on the K×2 table (reference counts, chunk counts) over the
   * union of categories: Pearson's statistic, with Yates' correction when there is one degree of
   * freedom.
   */
  public static Test chi2(long[] reference, long[] chunk) {
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
      return new Test(0.0, 1.0);
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
    return new Test(stat, Gamma.regularizedGammaQ(dof / 2.0, stat / 2.0));
  }
}
