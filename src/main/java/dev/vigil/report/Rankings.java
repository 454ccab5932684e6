package dev.vigil.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * NannyML 0.13.1's two feature rankers ({@code nannyml/drift/ranker.py}), as plain Java over
 * per-chunk arrays.
 *
 * <ul>
 *   <li><b>Alert count</b>: per column, the number of alerting chunks of one drift metric; sorted
 *       by that number, descending, ties by column name, <i>descending</i> (what NannyML's code
 *       does: it sorts both keys with {@code ascending=False}); rank 1, 2, ... in that order.
 *   <li><b>Correlation</b>: the performance change of a chunk is |performance − mean of the
 *       reference chunks' performance|; per column, Pearson's r between the column's drift values
 *       and that change over the analysis chunks where both are present, with scipy's two-sided
 *       p-value; sorted by r, <i>descending</i> (signed, as NannyML: a feature whose drift moves
 *       against the performance change ranks last), r undefined (a constant series, fewer than two
 *       chunks) after every defined r, ties by column name ascending.
 * </ul>
 */
public final class Rankings {
    private Rankings() {}

    /** One column's alert count and rank. */
    public record AlertCount(String column, long alerts, int rank) {}

    /** One column's correlation with the performance change; r and p are null where undefined. */
    public record Correlation(String column, Double r, Double p, boolean hasDrifted, int chunks, int rank) {}

    /** Pearson's r and scipy's two-sided p-value; {@code r} is NaN when undefined. */
    public record Pearson(double r, double p, int n) {}

    /** Alert counts per column, ranked as NannyML's {@code AlertCountRanker}. */
    public static List<AlertCount> alertCount(Map<String, Long> alertsPerColumn) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(alertsPerColumn.entrySet());
        entries.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                .reversed()
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()));
        List<AlertCount> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            out.add(new AlertCount(entries.get(i).getKey(), entries.get(i).getValue(), i + 1));
        }
        return out;
    }

    /** |value − referenceMean| per chunk (NaN stays NaN): NannyML's absolute performance change. */
    public static double[] performanceChange(double[] analysisPerformance, double[] referencePerformance) {
        double[] known = Arrays.stream(referencePerformance)
                .filter(v -> !Double.isNaN(v))
                .toArray();
        double sum = 0;
        for (double v : known) {
            sum += v;
        }
        double mean = known.length == 0 ? Double.NaN : sum / known.length;
        double[] out = new double[analysisPerformance.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.abs(analysisPerformance[i] - mean);
        }
        return out;
    }

    /**
     * Pearson's correlation over the positions where neither array is NaN, with the two-sided p-value
     * of the t-statistic r·√((n−2)/(1−r²)) on n−2 degrees of freedom (equal to scipy's {@code
     * pearsonr}). Fewer than two pairs or a constant side: r and p NaN. Two pairs: r = ±1, p = 1
     * (scipy's convention).
     */
    public static Pearson pearson(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("arrays differ in length: " + x.length + " and " + y.length);
        }
        int n = 0;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                n++;
                mx += x[i];
                my += y[i];
            }
        }
        if (n < 2) {
            return new Pearson(Double.NaN, Double.NaN, n);
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                double dx = x[i] - mx;
                double dy = y[i] - my;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }
        if (sxx == 0 || syy == 0) {
            return new Pearson(Double.NaN, Double.NaN, n);
        }
        double r = Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
        if (n == 2) {
            return new Pearson(r, 1.0, n);
        }
        if (Math.abs(r) == 1.0) {
            return new Pearson(r, 0.0, n);
        }
        double t = r * Math.sqrt((n - 2) / (1 - r * r));
        double p = 2 * new TDistribution(null, n - 2).cumulativeProbability(-Math.abs(t));
        return new Pearson(r, Math.min(1.0, p), n);
    }

    /**
     * One column's analysis drift values (aligned with the performance change) and whether any chunk
     * alerted.
     */
    public record DriftSeries(String column, double[] values, boolean hasDrifted) {}

    /**
     * NannyML's {@code CorrelationRanker} over columns whose values are aligned with {@code
     * performanceChange}.
     */
    public static List<Correlation> correlation(List<DriftSeries> columns, double[] performanceChange) {
        List<Correlation> unranked = new ArrayList<>();
        for (DriftSeries s : columns) {
            Pearson p = pearson(s.values(), performanceChange);
            unranked.add(new Correlation(
                    s.column(),
                    Double.isNaN(p.r()) ? null : p.r(),
                    Double.isNaN(p.p()) ? null : p.p(),
                    s.hasDrifted(),
                    p.n(),
                    0));
        }
        unranked.sort(Comparator.comparing(Correlation::r, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Correlation::column));
        List<Correlation> out = new ArrayList<>(unranked.size());
        for (int i = 0; i < unranked.size(); i++) {
            Correlation c = unranked.get(i);
            out.add(new Correlation(c.column(), c.r(), c.p(), c.hasDrifted(), c.chunks(), i + 1));
        }
        return out;
    }
}
