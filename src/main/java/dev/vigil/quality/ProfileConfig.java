package dev.vigil.quality;

import dev.vigil.config.Key;
import dev.vigil.config.Schema;
import dev.vigil.config.Section;
import dev.vigil.internal.Errors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code calculators.profile}: which profile metrics ({@link ProfileMetrics}), which quantiles, on
 * which columns (null = the features).
 */
public record ProfileConfig(List<String> metrics, List<Double> quantiles, List<String> columns)
        implements Serializable {
    /** The metric names other than the quantiles. */
    static final List<String> METRIC_NAMES = ProfileMetrics.NAMES.stream()
            .filter(n -> !n.startsWith("quantile_"))
            .toList();

    static final Key<List<String>> METRICS = Key.names(
                    "metrics", METRIC_NAMES, "the profile metrics (the quantiles are set apart), among " + METRIC_NAMES)
            .withChoices(METRIC_NAMES);
    static final Key<List<Double>> QUANTILES = Key.of(
            "quantiles",
            "a list of numbers in [0, 1]",
            ProfileMetrics.DEFAULT_QUANTILES,
            "the quantiles measured on numeric columns, each a metric quantile_<q> (numpy's linear rule)",
            ProfileConfig::quantiles);
    static final Key<List<String>> COLUMNS =
            Key.names("columns", null, "the columns to profile (default: the features)");

    public static final Schema SCHEMA = Schema.of(
            "calculators.profile",
            "Lakehouse Monitoring's profile metrics per column and chunk: counts, nulls, NaNs, zeros, distinct"
                    + " values, min, max, mean, stddev, median, quantiles, string lengths, frequent items",
            METRICS,
            QUANTILES,
            COLUMNS);

    public static ProfileConfig parse(Section p) {
        SCHEMA.check(p);
        List<String> metrics = METRICS.read(p);
        for (String m : metrics) {
            if (!METRIC_NAMES.contains(m)) {
                throw Errors.unknownName(METRICS.in(p), m, METRIC_NAMES);
            }
        }
        return new ProfileConfig(List.copyOf(metrics), QUANTILES.read(p), COLUMNS.read(p));
    }

    private static List<Double> quantiles(Section s, String k) {
        List<Double> out = new ArrayList<>();
        for (String v : s.stringList(k)) {
            double q;
            try {
                q = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw Errors.badValue(s.key(k), v, "a list of numbers in [0, 1]");
            }
            if (!(q >= 0 && q <= 1)) {
                throw Errors.badValue(s.key(k), v, "a list of numbers in [0, 1]");
            }
            if (!out.contains(q)) {
                out.add(q);
            }
        }
        return List.copyOf(out);
    }
}
