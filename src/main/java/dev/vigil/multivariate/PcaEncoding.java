package dev.vigil.multivariate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * NannyML's preprocessing before the PCA, fitted on the reference: missing continuous values → the
 * reference mean, missing categories → the reference mode (most frequent; ties → the smallest
 * value), then categories → their relative frequency in the imputed reference (so the mode's
 * frequency counts the imputed rows; a category unseen in the reference → 0). {@link #center} gives
 * a row's encoded values minus their reference means, the input of both the co-moment matrix and
 * the reconstruction error.
 */
public final class PcaEncoding implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] means;
    private final List<Map<String, Double>> frequencies;
    private final double[] modeFrequency;
    private final double[] encodedMean;

    private PcaEncoding(
            double[] means, List<Map<String, Double>> frequencies, double[] modeFrequency, double[] encodedMean) {
        this.means = means;
        this.frequencies = frequencies;
        this.modeFrequency = modeFrequency;
        this.encodedMean = encodedMean;
    }

    /**
     * @param means reference mean of each continuous column (over its non-missing values)
     * @param categoryCounts reference counts of each categorical column's values (missing values not
     *     included)
     * @param missing reference missing values of each categorical column
     * @param rows reference rows
     */
    public static PcaEncoding fit(double[] means, List<Map<String, Long>> categoryCounts, long[] missing, long rows) {
        int nc = means.length;
        int ns = categoryCounts.size();
        double[] encodedMean = new double[nc + ns];
        System.arraycopy(means, 0, encodedMean, 0, nc);
        List<Map<String, Double>> frequencies = new ArrayList<>();
        double[] modeFrequency = new double[ns];
        for (int j = 0; j < ns; j++) {
            Map<String, Long> counts = categoryCounts.get(j);
            String mode = null;
            long best = -1;
            for (var e : counts.entrySet()) {
                if (e.getValue() > best || (e.getValue() == best && e.getKey().compareTo(mode) < 0)) {
                    mode = e.getKey();
                    best = e.getValue();
                }
            }
            Map<String, Double> f = new HashMap<>();
            double meanOfEncoded = 0;
            for (var e : counts.entrySet()) {
                long c = e.getValue() + (e.getKey().equals(mode) ? missing[j] : 0);
                double freq = (double) c / rows;
                f.put(e.getKey(), freq);
                meanOfEncoded += freq * c / rows;
            }
            frequencies.add(f);
            modeFrequency[j] = mode == null ? 0 : f.get(mode);
            encodedMean[nc + j] = meanOfEncoded;
        }
        return new PcaEncoding(means.clone(), List.copyOf(frequencies), modeFrequency, encodedMean);
    }

    /** Number of encoded columns: continuous, then categorical. */
    public int width() {
        return encodedMean.length;
    }

    /** The reference mean of each encoded column (the scaler's mean). */
    public double[] encodedMean() {
        return encodedMean.clone();
    }

    /** The row's encoded values minus their reference means, into {@code out}. */
    public void center(double[] numbers, String[] strings, double[] out) {
        int nc = means.length;
        for (int j = 0; j < nc; j++) {
            double x = numbers[j];
            out[j] = Double.isNaN(x) ? 0 : x - means[j];
        }
        for (int j = 0; j < strings.length; j++) {
            String s = strings[j];
            double f = s == null ? modeFrequency[j] : frequencies.get(j).getOrDefault(s, 0.0);
            out[nc + j] = f - encodedMean[nc + j];
        }
    }
}
