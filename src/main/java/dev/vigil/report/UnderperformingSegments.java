package dev.vigil.report;

import dev.vigil.performance.PerformanceMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Segment values ranked by how their performance compares with the whole population's, worst
 * first, as plain Java over per-segment sums (which {@link MonitorResults} computes in one Spark
 * aggregation of the results, and {@link #sum} in Java from per-chunk points).
 *
 * <p>Per performance metric with a direction ({@link PerformanceMetrics#higherIsBetter}) and
 * segment value: the relative performance is the mean, over the analysis chunks where both have a
 * value, of (segment value − whole population value) of the same calculator; in units of sampling
 * error it is that mean divided by its sampling error √(Σ σᵢ²) / n, σᵢ the segment's sampling error
 * on chunk i (null unless every chunk used has one). The source is realized performance where the
 * segment has a realized value on some analysis chunk, else estimated performance. Worst first: by
 * the relative performance oriented by the metric's direction (for a loss, a higher value is worse),
 * ties by the oriented value in sampling errors, then by segment; a segment value without any chunk
 * to compare (relative null, chunks 0) ranks last.
 */
public final class UnderperformingSegments {
    private UnderperformingSegments() {}

    public static final String RANKER = "underperforming_segments";

    /** The realized source, preferred. */
    static final String REALIZED = "realized_performance";

    /** The estimated source, used where a segment has no realized value. */
    static final String ESTIMATED = "estimated_performance";

    /** The calculators whose rows are ranked, preferred first. */
    static final List<String> SOURCES = List.of(REALIZED, ESTIMATED);

    /**
     * One segment value's series of one calculator and metric over the analysis chunks: the chunks
     * where it and the whole population have a value, the sum of their differences there, the
     * chunks among them with a sampling error and the sum of its squares, and the segment's
     * alerting analysis chunks.
     */
    public record Sums(
            String calculator,
            String metric,
            String segment,
            long chunks,
            double difference,
            long errorChunks,
            double squaredErrors,
            long alerts) {}

    /**
     * One analysis chunk of a segment value's series: its value, the whole population's on the same
     * chunk (NaN when none), its sampling error (NaN when none) and whether it alerts.
     */
    public record Point(
            String calculator,
            String metric,
            String segment,
            double value,
            double whole,
            double samplingError,
            boolean alert) {}

    /** One ranked segment value of one metric. */
    public record Ranked(
            String metric,
            String segment,
            String source,
            boolean higherIsBetter,
            Double relative,
            Double inSamplingErrors,
            long alerts,
            int chunks,
            int rank) {}

    /** The sums of each calculator × metric × segment (the plain-Java form of the Spark aggregation). */
    public static List<Sums> sum(List<Point> points) {
        Map<List<String>, Sums> out = new LinkedHashMap<>();
        for (Point p : points) {
            boolean both = finite(p.value()) && finite(p.whole());
            boolean error = both && finite(p.samplingError()) && p.samplingError() > 0;
            out.merge(
                    List.of(p.calculator(), p.metric(), p.segment()),
                    new Sums(
                            p.calculator(),
                            p.metric(),
                            p.segment(),
                            both ? 1 : 0,
                            both ? p.value() - p.whole() : 0,
                            error ? 1 : 0,
                            error ? p.samplingError() * p.samplingError() : 0,
                            p.alert() ? 1 : 0),
                    (a, b) -> new Sums(
                            a.calculator(),
                            a.metric(),
                            a.segment(),
                            a.chunks() + b.chunks(),
                            a.difference() + b.difference(),
                            a.errorChunks() + b.errorChunks(),
                            a.squaredErrors() + b.squaredErrors(),
                            a.alerts() + b.alerts()));
        }
        return new ArrayList<>(out.values());
    }

    /**
     * The ranking of each metric (by metric name), worst segment value first; metrics without a
     * direction (confusion-matrix cells) and calculators other than the two sources are left out.
     */
    public static Map<String, List<Ranked>> rank(List<Sums> sums) {
        // metric -> segment -> calculator -> sums
        Map<String, Map<String, Map<String, Sums>>> by = new TreeMap<>();
        for (Sums s : sums) {
            if (SOURCES.contains(s.calculator())
                    && PerformanceMetrics.higherIsBetter(s.metric()).isPresent()) {
                by.computeIfAbsent(s.metric(), k -> new TreeMap<>())
                        .computeIfAbsent(s.segment(), k -> new LinkedHashMap<>())
                        .put(s.calculator(), s);
            }
        }
        Map<String, List<Ranked>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Map<String, Sums>>> m : by.entrySet()) {
            boolean higher = PerformanceMetrics.higherIsBetter(m.getKey()).orElseThrow();
            List<Ranked> unranked = new ArrayList<>();
            for (Map.Entry<String, Map<String, Sums>> seg : m.getValue().entrySet()) {
                Sums chosen = chosen(seg.getValue());
                Double relative = chosen.chunks() > 0 ? chosen.difference() / chosen.chunks() : null;
                Double z = null;
                if (relative != null && chosen.errorChunks() == chosen.chunks() && chosen.squaredErrors() > 0) {
                    z = relative / (Math.sqrt(chosen.squaredErrors()) / chosen.chunks());
                }
                unranked.add(new Ranked(
                        m.getKey(),
                        seg.getKey(),
                        chosen.calculator(),
                        higher,
                        relative,
                        z,
                        chosen.alerts(),
                        (int) chosen.chunks(),
                        0));
            }
            double sign = higher ? 1 : -1;
            unranked.sort(Comparator.comparing(
                            (Ranked r) -> r.relative() == null ? null : sign * r.relative(),
                            Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(
                            r -> r.inSamplingErrors() == null ? null : sign * r.inSamplingErrors(),
                            Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(Ranked::segment));
            List<Ranked> ranked = new ArrayList<>();
            for (int i = 0; i < unranked.size(); i++) {
                Ranked r = unranked.get(i);
                ranked.add(new Ranked(
                        r.metric(),
                        r.segment(),
                        r.source(),
                        r.higherIsBetter(),
                        r.relative(),
                        r.inSamplingErrors(),
                        r.alerts(),
                        r.chunks(),
                        i + 1));
            }
            out.put(m.getKey(), ranked);
        }
        return out;
    }

    /**
     * Realized where it has a chunk to compare, else estimated where that has one, else the first
     * source there is (ranked last).
     */
    private static Sums chosen(Map<String, Sums> bySource) {
        for (String source : SOURCES) {
            Sums s = bySource.get(source);
            if (s != null && s.chunks() > 0) {
                return s;
            }
        }
        return SOURCES.stream()
                .map(bySource::get)
                .filter(s -> s != null)
                .findFirst()
                .orElseThrow();
    }

    private static boolean finite(double v) {
        return !Double.isNaN(v) && !Double.isInfinite(v);
    }
}
