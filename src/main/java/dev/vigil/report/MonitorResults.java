package dev.vigil.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.vigil.report.ReportData.Chunk;
import dev.vigil.report.ReportData.Monitor;
import dev.vigil.report.ReportData.Output;
import dev.vigil.report.ReportData.Series;
import dev.vigil.results.SegmentAlerts;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * One monitor's whole-population results as the report's series over its chunks (reference chunks
 * first), with its latest run and the alerts sent per destination.
 */
final class MonitorResults {
    private MonitorResults() {}

    /** Calculators in the order the report shows them; any other after them, by name. */
    static final List<String> CALCULATOR_ORDER = List.of(
            "estimated_performance",
            "performance_gap",
            "realized_performance",
            "multivariate_drift",
            "univariate_drift",
            "data_quality");

    /** Reads one monitor's whole-population results, its latest run and its sent alerts. */
    static Monitor load(Output out, String monitor) {
        Column[] cols = ReportData.RESULT_COLUMNS.stream()
                .map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new);
        List<Row> rows = out.results()
                .where(col("monitor").equalTo(monitor).and(col("segment").isNull()))
                .select(cols)
                .collectAsList();
        // one small aggregation: every segment value with its alerts on analysis chunks
        Map<String, Long> perSegment = new HashMap<>();
        for (Row r : out.results()
                .where(col("monitor").equalTo(monitor).and(col("segment").isNotNull()))
                .groupBy("segment")
                .agg(sum(when(col("alert").and(col("period").equalTo("analysis")), 1L)
                                .otherwise(0L))
                        .as("alerts"))
                .collectAsList()) {
            perSegment.put(r.getString(0), r.getLong(1));
        }
        long otherSegments = perSegment.size();
        perSegment.values().removeIf(n -> n == 0);
        Map<String, Long> segmentAlerts = SegmentAlerts.mostFirst(perSegment);

        // the x axis: every (period, chunk key) of the monitor, reference first
        TreeMap<List<Object>, Chunk> axis = new TreeMap<>(MonitorResults::compareChunkKey);
        for (Row r : rows) {
            String period = r.getAs("period");
            String key = r.getAs("chunk_key");
            int index = r.<Integer>getAs("chunk_index");
            axis.computeIfAbsent(
                    List.of(period.equals("reference") ? 0 : 1, index, key),
                    k -> new Chunk(
                            period,
                            index,
                            key,
                            ReportData.text(r.getAs("chunk_start_date")),
                            ReportData.text(r.getAs("chunk_end_date")),
                            r.<Long>getAs("chunk_rows")));
        }
        List<Chunk> chunks = new ArrayList<>(axis.values());
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < chunks.size(); i++) {
            position.put(chunks.get(i).period() + "\u0000" + chunks.get(i).key(), i);
        }

        Map<List<String>, Series> series = new LinkedHashMap<>();
        int n = chunks.size();
        for (Row r : rows) {
            List<String> id = Arrays.asList(r.getAs("calculator"), r.getAs("metric"), r.getAs("column_name"));
            Series s = series.computeIfAbsent(
                    id,
                    k -> new Series(
                            k.get(0),
                            k.get(1),
                            k.get(2),
                            nan(n),
                            nan(n),
                            nan(n),
                            nan(n),
                            nan(n),
                            nan(n),
                            nan(n),
                            new boolean[n],
                            new boolean[n]));
            int i = position.get(r.<String>getAs("period") + "\u0000" + r.getAs("chunk_key"));
            s.present()[i] = true;
            s.value()[i] = num(r.getAs("value"));
            s.pValue()[i] = num(r.getAs("p_value"));
            s.realized()[i] = num(r.getAs("realized"));
            s.lowerBound()[i] = num(r.getAs("lower_confidence_bound"));
            s.upperBound()[i] = num(r.getAs("upper_confidence_bound"));
            s.lowerThreshold()[i] = num(r.getAs("lower_threshold"));
            s.upperThreshold()[i] = num(r.getAs("upper_threshold"));
            s.alert()[i] = Boolean.TRUE.equals(r.getAs("alert"));
        }
        List<Series> ordered = new ArrayList<>(series.values());
        ordered.sort(Comparator.comparingInt((Series s) -> calculatorRank(s.calculator()))
                .thenComparing(Series::calculator)
                .thenComparing(Series::metric)
                .thenComparing(Series::column, Comparator.nullsFirst(Comparator.naturalOrder())));

        Map<String, Object> latest = new LinkedHashMap<>();
        long runCount = 0;
        if (out.runs() != null && Arrays.asList(out.runs().columns()).containsAll(List.of("monitor", "started_at"))) {
            Dataset<Row> runs = out.runs().where(col("monitor").equalTo(monitor));
            runCount = runs.count();
            List<Row> last = runs.orderBy(col("started_at").desc()).limit(1).collectAsList();
            if (!last.isEmpty()) {
                Row r = last.get(0);
                for (String c : List.of(
                        "run_id",
                        "started_at",
                        "finished_at",
                        "status",
                        "error",
                        "rows_reference",
                        "rows_analysis",
                        "chunks",
                        "alerts",
                        "vigil_version")) {
                    if (Arrays.asList(r.schema().fieldNames()).contains(c)) {
                        Object v = r.getAs(c);
                        latest.put(c, v instanceof Timestamp ? ReportData.text(v) : v);
                    }
                }
            }
        }
        Map<String, Long> sent = new TreeMap<>();
        if (out.alerts() != null
                && Arrays.asList(out.alerts().columns()).containsAll(List.of("monitor", "destination"))) {
            for (Row r : out.alerts()
                    .where(col("monitor").equalTo(monitor))
                    .groupBy("destination")
                    .count()
                    .collectAsList()) {
                sent.put(r.getString(0), r.getLong(1));
            }
        }
        return new Monitor(
                monitor,
                chunks,
                ordered,
                otherSegments,
                segmentAlerts,
                latest,
                runCount,
                sent,
                otherSegments == 0 ? List.of() : segmentPerformance(out, monitor));
    }

    /**
     * One small aggregation: per performance calculator, metric (of the model, column null) and
     * segment value, the sums {@link UnderperformingSegments} ranks, each analysis chunk's segment
     * value against the whole population's on the same chunk (a left join on calculator, metric and
     * chunk key).
     */
    static List<UnderperformingSegments.Sums> segmentPerformance(Output out, String monitor) {
        Dataset<Row> perf = out.results()
                .where(col("monitor")
                        .equalTo(monitor)
                        .and(col("period").equalTo("analysis"))
                        .and(col("column_name").isNull())
                        .and(col("calculator").isin(UnderperformingSegments.SOURCES.toArray())));
        Dataset<Row> seg = perf.where(col("segment").isNotNull())
                .select(
                        col("calculator"),
                        col("metric"),
                        col("segment"),
                        col("chunk_key"),
                        col("value").as("v"),
                        col("sampling_error").as("se"),
                        col("alert"));
        Dataset<Row> whole = perf.where(col("segment").isNull())
                .select(
                        col("calculator").as("w_calculator"),
                        col("metric").as("w_metric"),
                        col("chunk_key").as("w_chunk_key"),
                        col("value").as("w"));
        Column both = finite(col("v")).and(finite(col("w")));
        Column error = both.and(finite(col("se"))).and(col("se").gt(0));
        List<UnderperformingSegments.Sums> sums = new ArrayList<>();
        for (Row r : seg.join(
                        whole,
                        col("calculator")
                                .equalTo(col("w_calculator"))
                                .and(col("metric").equalTo(col("w_metric")))
                                .and(col("chunk_key").equalTo(col("w_chunk_key"))),
                        "left")
                .groupBy("calculator", "metric", "segment")
                .agg(
                        sum(when(both, 1L).otherwise(0L)).as("chunks"),
                        sum(when(both, col("v").minus(col("w"))).otherwise(0.0)).as("difference"),
                        sum(when(error, 1L).otherwise(0L)).as("error_chunks"),
                        sum(when(error, col("se").multiply(col("se"))).otherwise(0.0))
                                .as("squared_errors"),
                        sum(when(col("alert"), 1L).otherwise(0L)).as("alerts"))
                .collectAsList()) {
            sums.add(new UnderperformingSegments.Sums(
                    r.getString(0),
                    r.getString(1),
                    r.getString(2),
                    r.getLong(3),
                    r.getDouble(4),
                    r.getLong(5),
                    r.getDouble(6),
                    r.getLong(7)));
        }
        return sums;
    }

    private static Column finite(Column c) {
        return c.isNotNull()
                .and(functions.not(functions.isnan(c)))
                .and(functions.abs(c).notEqual(Double.POSITIVE_INFINITY));
    }

    static int calculatorRank(String calculator) {
        int i = CALCULATOR_ORDER.indexOf(calculator);
        return i < 0 ? CALCULATOR_ORDER.size() : i;
    }

    @SuppressWarnings("unchecked")
    private static int compareChunkKey(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = ((Comparable<Object>) a.get(i)).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private static double num(Object v) {
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }
}
