package dev.vigil.stats;

import java.util.Map;
import java.util.Set;

/** The state specs the calculators use; one record per kind of state. */
public final class Specs {
    private Specs() {}

    /** Segment key inside fitted-parameter maps: the whole population is "". */
    public static String key(String segment) {
        return segment == null ? "" : segment;
    }

    public record MomentsOf(String column) implements StateSpec {
        public Input input() {
            return Input.NUMERIC;
        }

        public ColumnState newState(String segment) {
            return new Moments();
        }
    }

    public record QuantilesOf(String column) implements StateSpec {
        public Input input() {
            return Input.NUMERIC;
        }

        public ColumnState newState(String segment) {
            return new Quantiles(Quantiles.CHUNK_CAPACITY);
        }

        public ColumnState newWholeState(String segment) {
            return new Quantiles(Quantiles.WHOLE_CAPACITY);
        }
    }

    public record NullsOf(String column, Input input) implements StateSpec {
        public ColumnState newState(String segment) {
            return new NullCount();
        }
    }

    public record ValueCountsOf(String column) implements StateSpec {
        public Input input() {
            return Input.NUMERIC;
        }

        public ColumnState newState(String segment) {
            return new dev.vigil.stats.ValueCounts();
        }
    }

    public record CategoriesOf(String column) implements StateSpec {
        public Input input() {
            return Input.STRING;
        }

        public ColumnState newState(String segment) {
            return new CategoryCounts();
        }
    }

    /**
     * Unseen values against each segment's reference values ({@code nullSeen}: the reference had
     * missing values).
     */
    public record UnseenOf(String column, Map<String, Set<String>> seen, Map<String, Boolean> nullSeen)
            implements StateSpec {
        public Input input() {
            return Input.STRING;
        }

        public ColumnState newState(String segment) {
            String k = key(segment);
            return new UnseenCount(seen.getOrDefault(k, Set.of()), nullSeen.getOrDefault(k, false));
        }
    }

    /** Values outside each segment's reference range {@code [min, max]}. */
    public record OutOfRangeOf(String column, Map<String, double[]> range) implements StateSpec {
        public Input input() {
            return Input.NUMERIC;
        }

        public ColumnState newState(String segment) {
            double[] r = range.getOrDefault(key(segment), new double[] {Double.NaN, Double.NaN});
            return new OutOfRangeCount(r[0], r[1]);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OutOfRangeOf other && column.equals(other.column) && deepEquals(range, other.range);
        }

        @Override
        public int hashCode() {
            return column.hashCode();
        }
    }

    /** Gaussian kernel sums at each segment's {@code (point, bandwidth)}. */
    public record KernelDensityOf(String column, Map<String, double[]> pointAndBandwidth) implements StateSpec {
        public Input input() {
            return Input.NUMERIC;
        }

        public ColumnState newState(String segment) {
            double[] p = pointAndBandwidth.getOrDefault(key(segment), new double[] {Double.NaN, Double.NaN});
            return new KernelDensitySum(p[0], p[1]);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KernelDensityOf other
                    && column.equals(other.column)
                    && deepEquals(pointAndBandwidth, other.pointAndBandwidth);
        }

        @Override
        public int hashCode() {
            return column.hashCode() * 31;
        }
    }

    /**
     * Counts on each segment's reference-fitted equal-width bins {lo, hi, bins}; {@code purpose}
     * tells two histograms of one column apart (e.g. Doane bins and the 10,000 bins of KS).
     */
    public record HistogramOf(String column, String purpose, Map<String, double[]> bins) implements StateSpec {
        public Input input() {
            return Input.NUMERIC;
        }

        public ColumnState newState(String segment) {
            double[] b = bins.get(key(segment));
            return b != null
                    ? new dev.vigil.stats.Histogram(b[0], b[1], (int) b[2])
                    : new dev.vigil.stats.Histogram(0, 1, 1);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HistogramOf other
                    && column.equals(other.column)
                    && purpose.equals(other.purpose)
                    && deepEquals(bins, other.bins);
        }

        @Override
        public int hashCode() {
            return column.hashCode() * 17 + purpose.hashCode();
        }
    }

    private static boolean deepEquals(Map<String, double[]> a, Map<String, double[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (var e : a.entrySet()) {
            if (!java.util.Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
