package dev.vigil.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The state specs the calculators use; one record per kind of state. */
public final class Specs {
    private Specs() {}

    /** Segment key inside fitted-parameter maps: the whole population is "". */
    public static String key(String segment) {
        return segment == null ? "" : segment;
    }

    /**
     * The moments of each continuous column and the category counts of each categorical one (the
     * first reference pass of the drift calculators).
     */
    public static List<StateSpec> momentsAndCategories(List<String> continuous, List<String> categorical) {
        List<StateSpec> out = new ArrayList<>();
        continuous.forEach(c -> out.add(new MomentsOf(c)));
        categorical.forEach(c -> out.add(new CategoriesOf(c)));
        return List.copyOf(out);
    }

    public record MomentsOf(String column) implements StateSpec {
        public Input input() {
            return Input.NUMERIC;
        }

        public ColumnState newState(String segment) {
            return new Moments();
        }
    }

    /**
     * A numeric column's values: exact up to {@link StateLimits#quantileValues()} per chunk and
     * {@link Quantiles#WHOLE_CAPACITY} merged, then the relative-error sketch ({@link RelativeSketch}).
     */
    public record QuantilesOf(String column) implements StateSpec {
        public Input input() {
            return Input.NUMERIC;
        }

        public ColumnState newState(String segment) {
            return newState(segment, StateLimits.DEFAULTS);
        }

        @Override
        public ColumnState newState(String segment, StateLimits limits) {
            return new Quantiles(limits.quantileValues());
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

    /** The present values of a string column, counted, and the smallest as an example. */
    public record TextSampleOf(String column) implements StateSpec {
        public Input input() {
            return Input.STRING;
        }

        public ColumnState newState(String segment) {
            return new TextSample();
        }
    }

    /** A numeric column's nulls, NaNs, zeros and values (the profile). */
    public record ValueKindsOf(String column) implements StateSpec {
        public Input input() {
            return Input.NUMERIC;
        }

        public ColumnState newState(String segment) {
            return new ValueKinds();
        }
    }

    /** A numeric column's distinct values (the profile). */
    public record DistinctOf(String column) implements StateSpec {
        public Input input() {
            return Input.NUMERIC;
        }

        public ColumnState newState(String segment) {
            return new DistinctValues();
        }
    }

    /** A string column's value lengths (the profile). */
    public record LengthsOf(String column) implements StateSpec {
        public Input input() {
            return Input.STRING;
        }

        public ColumnState newState(String segment) {
            return new StringLengths();
        }
    }

    public record ValueCountsOf(String column) implements StateSpec {
        public Input input() {
            return Input.NUMERIC;
        }

        public ColumnState newState(String segment) {
            return new ValueCounts();
        }
    }

    /**
     * A categorical column's counts, bounded ({@link StateLimits#categoryValues()} distinct values
     * per chunk, {@link CategoryCounts#WHOLE_CAPACITY} merged) unless {@code bounded} is false, for
     * columns whose values the configuration bounds (the confusion cells of the configured classes).
     */
    public record CategoriesOf(String column, boolean bounded) implements StateSpec {
        public CategoriesOf(String column) {
            this(column, true);
        }

        public Input input() {
            return Input.STRING;
        }

        public ColumnState newState(String segment) {
            return newState(segment, StateLimits.DEFAULTS);
        }

        @Override
        public ColumnState newState(String segment, StateLimits limits) {
            return new CategoryCounts(bounded ? limits.categoryValues() : Integer.MAX_VALUE);
        }

        public ColumnState newWholeState(String segment) {
            return bounded ? new CategoryCounts(CategoryCounts.WHOLE_CAPACITY) : new CategoryCounts(Integer.MAX_VALUE);
        }
    }

    /**
     * Unseen values against each segment's reference values ({@code nullSeen}: the reference had
     * missing values; {@code uncounted}: the segments whose reference had more distinct values than
     * its state keeps, so that what it saw is not known and nothing is counted).
     */
    public record UnseenOf(
            String column, Map<String, Set<String>> seen, Map<String, Boolean> nullSeen, Set<String> uncounted)
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
    public record OutOfRangeOf(String column, SegmentParams range) implements StateSpec {
        public Input input() {
            return Input.NUMERIC;
        }

        public ColumnState newState(String segment) {
            double[] r = range.get(segment, new double[] {Double.NaN, Double.NaN});
            return new OutOfRangeCount(r[0], r[1]);
        }
    }

    /** Gaussian kernel sums at each segment's {@code (point, bandwidth)}. */
    public record KernelDensityOf(String column, SegmentParams pointAndBandwidth) implements StateSpec {
        public Input input() {
            return Input.NUMERIC;
        }

        public ColumnState newState(String segment) {
            double[] p = pointAndBandwidth.get(segment, new double[] {Double.NaN, Double.NaN});
            return new KernelDensitySum(p[0], p[1]);
        }
    }

    /**
     * Counts on each segment's reference-fitted equal-width bins {lo, hi, bins}; {@code purpose}
     * tells two histograms of one column apart (e.g. Doane bins and the 10,000 bins of KS).
     */
    public record HistogramOf(String column, String purpose, SegmentParams bins) implements StateSpec {
        public Input input() {
            return Input.NUMERIC;
        }

        public ColumnState newState(String segment) {
            double[] b = bins.get(segment, null);
            return b != null ? new Histogram(b[0], b[1], (int) b[2]) : new Histogram(0, 1, 1);
        }
    }
}
