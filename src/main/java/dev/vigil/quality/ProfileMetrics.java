package dev.vigil.quality;

import dev.vigil.quality.QualityColumn.Kind;
import dev.vigil.stats.CategoryCounts;
import dev.vigil.stats.DistinctValues;
import dev.vigil.stats.Moments;
import dev.vigil.stats.Quantiles;
import dev.vigil.stats.Specs;
import dev.vigil.stats.StringLengths;
import dev.vigil.stats.ValueKinds;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The profile metrics, one line each, named as Lakehouse Monitoring's profile metrics table's
 * columns: per column and chunk, counts of values, nulls, NaNs and zeros with their shares of the
 * chunk's rows, distinct values (exact to {@code columns.max_exact_categories}, then HLL),
 * min/max/avg/stddev, the median and the configured quantiles (exact to {@code
 * columns.max_exact_values}, then the relative-error sketch with its bound), and for strings
 * the lengths. The frequent items go to the distributions table ({@link DataQualityCalculator}).
 */
public final class ProfileMetrics {
    private ProfileMetrics() {}

    /** The tag a profile metric is stored under in a reference profile. */
    static final String REGISTRY = "profile";

    private static final Set<Kind> NUMERIC = Set.of(Kind.CONTINUOUS);
    private static final Set<Kind> STRING = Set.of(Kind.CATEGORICAL);
    private static final Set<Kind> BOTH = Set.of(Kind.CONTINUOUS, Kind.CATEGORICAL);

    /** Every metric but the quantiles, in the profile table's order. */
    public static final List<QualityMetric> ALL = registered();

    private static List<QualityMetric> registered() {
        List<QualityMetric> out = new ArrayList<>();
        out.addAll(both("count", k -> (double) k.values(), c -> (double) (c.rows() - c.nulls())));
        out.addAll(both("num_nulls", k -> (double) k.nulls(), c -> (double) c.nulls()));
        out.addAll(both("percent_null", k -> share(k.nulls(), k.rows()), c -> share(c.nulls(), c.rows())));
        out.addAll(List.of(
                new ProfileStat<ValueKinds>("num_nan", NUMERIC, Specs.ValueKindsOf::new, k -> (double) k.nans()),
                new ProfileStat<ValueKinds>(
                        "percent_nan", NUMERIC, Specs.ValueKindsOf::new, k -> share(k.nans(), k.rows())),
                new ProfileStat<ValueKinds>("num_zeros", NUMERIC, Specs.ValueKindsOf::new, k -> (double) k.zeros()),
                new ProfileStat<ValueKinds>(
                        "percent_zeros", NUMERIC, Specs.ValueKindsOf::new, k -> share(k.zeros(), k.rows())),
                new ProfileStat<DistinctValues>(
                        "distinct_count",
                        NUMERIC,
                        Specs.DistinctOf::new,
                        (d, c) -> d.count(),
                        (d, c) -> d.errorBound()),
                new ProfileStat<CategoryCounts>(
                        "distinct_count",
                        STRING,
                        Specs.CategoriesOf::new,
                        (d, c) -> d.distinct(),
                        (d, c) -> d.distinctErrorBound()),
                new ProfileStat<DistinctValues>(
                        "percent_distinct",
                        NUMERIC,
                        Specs.DistinctOf::new,
                        (d, c) -> share(d.count(), d.values()),
                        (d, c) -> d.values() == 0 ? Double.NaN : d.errorBound() / d.values()),
                new ProfileStat<CategoryCounts>(
                        "percent_distinct",
                        STRING,
                        Specs.CategoriesOf::new,
                        (d, c) -> share(d.distinct(), d.rows() - d.nulls()),
                        (d, c) -> d.rows() == d.nulls() ? Double.NaN : d.distinctErrorBound() / (d.rows() - d.nulls())),
                moments("min", Moments::min),
                moments("max", Moments::max),
                moments("avg", Moments::mean),
                moments("stddev", Moments::std).needing(2),
                new ProfileStat<Quantiles>(
                        "median",
                        NUMERIC,
                        Specs.QuantilesOf::new,
                        (q, c) -> q.median(),
                        (q, c) -> q.medianErrorBound()),
                lengths("min_length", Moments::min),
                lengths("avg_length", Moments::mean),
                lengths("max_length", Moments::max)));
        return List.copyOf(out);
    }

    /** The quantiles measured by default, as Lakehouse Monitoring's. */
    public static final List<Double> DEFAULT_QUANTILES = List.of(0.05, 0.25, 0.5, 0.75, 0.95);

    /** The metric names, the quantiles' by default, for the configuration. */
    public static final List<String> NAMES = names();

    private static List<String> names() {
        List<String> out = new ArrayList<>();
        for (QualityMetric m : ALL) {
            if (!out.contains(m.name())) {
                out.add(m.name());
            }
        }
        DEFAULT_QUANTILES.forEach(q -> out.add(quantileName(q)));
        return List.copyOf(out);
    }

    /** {@code quantile_<q>}, q as written in the configuration without trailing zeros. */
    public static String quantileName(double q) {
        return "quantile_" + BigDecimal.valueOf(q).stripTrailingZeros().toPlainString();
    }

    /** The {@code q}-quantile of a numeric column (numpy's linear rule). */
    static QualityMetric quantile(double q) {
        return new ProfileStat<Quantiles>(
                quantileName(q),
                NUMERIC,
                Specs.QuantilesOf::new,
                (s, c) -> s.quantile(q),
                (s, c) -> s.quantileErrorBound(q));
    }

    /** Every metric with that name (numeric and string variants), quantiles included. */
    static List<QualityMetric> named(String name) {
        List<QualityMetric> out =
                new ArrayList<>(ALL.stream().filter(m -> m.name().equals(name)).toList());
        if (out.isEmpty() && name.startsWith("quantile_")) {
            try {
                double q = Double.parseDouble(name.substring("quantile_".length()));
                if (q >= 0 && q <= 1) {
                    out.add(quantile(q));
                }
            } catch (NumberFormatException e) {
                // not a quantile name
            }
        }
        return out;
    }

    /** The registered metric of that name applying to that kind, for a stored profile. */
    static Optional<QualityMetric> named(String name, Kind kind) {
        return named(name).stream().filter(m -> m.appliesTo(kind)).findFirst();
    }

    private static double share(double count, double of) {
        return of == 0 ? Double.NaN : count / of;
    }

    private interface KindsReading extends java.io.Serializable {
        double of(ValueKinds k);
    }

    private interface CountsReading extends java.io.Serializable {
        double of(CategoryCounts c);
    }

    private interface MomentsReading extends java.io.Serializable {
        double of(Moments m);
    }

    /** The metric on numeric columns from their value kinds, on string columns from their counts. */
    private static List<QualityMetric> both(String name, KindsReading numeric, CountsReading string) {
        return List.of(
                new ProfileStat<ValueKinds>(name, NUMERIC, Specs.ValueKindsOf::new, numeric::of),
                new ProfileStat<CategoryCounts>(name, STRING, Specs.CategoriesOf::new, string::of));
    }

    private static ProfileStat<Moments> moments(String name, MomentsReading of) {
        return new ProfileStat<Moments>(name, NUMERIC, Specs.MomentsOf::new, m -> m.n() == 0 ? Double.NaN : of.of(m));
    }

    private static QualityMetric lengths(String name, MomentsReading of) {
        return new ProfileStat<StringLengths>(
                name, STRING, Specs.LengthsOf::new, l -> l.moments().n() == 0 ? Double.NaN : of.of(l.moments()));
    }
}
