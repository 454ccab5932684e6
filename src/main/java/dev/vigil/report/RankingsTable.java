package dev.vigil.report;

import static org.apache.spark.sql.functions.expr;

import dev.vigil.internal.Sql;
import dev.vigil.io.ColumnNames;
import dev.vigil.results.DeltaTables;
import dev.vigil.results.OutputTables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * NannyML's feature rankings computed from a monitor's results, and the {@code rankings} Delta
 * table that holds them ({@link OutputTables#RANKINGS}). Drift metrics ranked: every univariate
 * drift method and data quality metric that has columns; performance series for the correlation
 * ranking: every realized and estimated performance metric of the whole model (column null) but the
 * confusion-matrix cells. Both rankers use the analysis chunks of the whole population; the
 * reference mean of the correlation ranker uses the reference chunks' values of the same
 * performance series. A third ranker, {@link UnderperformingSegments#RANKER}, ranks segment values
 * by their performance relative to the whole population.
 */
public final class RankingsTable {
    private RankingsTable() {}

    public static final String ALERT_COUNT = "alert_count";
    public static final String CORRELATION = "correlation";

    static final List<String> DRIFT_CALCULATORS = List.of("univariate_drift", "data_quality");
    static final List<String> PERFORMANCE_CALCULATORS = List.of("realized_performance", "estimated_performance");

    /**
     * Confusion-matrix cells are counts, not a performance: NannyML's ranker takes no confusion
     * matrix either.
     */
    static boolean isConfusionCell(String metric) {
        return List.of("true_positive", "true_negative", "false_positive", "false_negative")
                        .contains(metric)
                || metric.matches("true_.+_pred_.+");
    }

    /**
     * One ranking: the drift metric, the performance series (null for alert count) and its ranked
     * rows.
     */
    public record Ranking(
            String ranker,
            String driftCalculator,
            String driftMetric,
            String performanceCalculator,
            String performanceMetric,
            List<Row> rows) {}

    /** Every ranking of one monitor, as {@code rankings} rows grouped by ranking. */
    public static List<Ranking> compute(ReportData.Monitor m) {
        List<ReportData.Chunk> chunks = m.chunks();
        List<Integer> analysis = new ArrayList<>();
        List<Integer> reference = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            (chunks.get(i).period().equals("analysis") ? analysis : reference).add(i);
        }
        Map<List<String>, List<ReportData.Series>> drift = new TreeMap<>(RankingsTable::compareLists);
        List<ReportData.Series> performance = new ArrayList<>();
        for (ReportData.Series s : m.series()) {
            if (DRIFT_CALCULATORS.contains(s.calculator()) && s.column() != null) {
                drift.computeIfAbsent(List.of(s.calculator(), s.metric()), k -> new ArrayList<>())
                        .add(s);
            } else if (PERFORMANCE_CALCULATORS.contains(s.calculator())
                    && s.column() == null
                    && !isConfusionCell(s.metric())) {
                performance.add(s);
            }
        }
        List<Ranking> out = new ArrayList<>();
        for (Map.Entry<List<String>, List<ReportData.Series>> e : drift.entrySet()) {
            String calc = e.getKey().get(0);
            String metric = e.getKey().get(1);
            Map<String, Long> counts = new LinkedHashMap<>();
            Map<String, double[]> values = new LinkedHashMap<>();
            for (ReportData.Series s : e.getValue()) {
                long n = 0;
                double[] v = new double[analysis.size()];
                for (int j = 0; j < analysis.size(); j++) {
                    int i = analysis.get(j);
                    n += s.present()[i] && s.alert()[i] ? 1 : 0;
                    v[j] = s.value()[i];
                }
                counts.put(s.column(), n);
                values.put(s.column(), v);
            }
            List<Row> rows = new ArrayList<>();
            for (Rankings.AlertCount a : Rankings.alertCount(counts)) {
                rows.add(RowFactory.create(
                        m.name(),
                        ALERT_COUNT,
                        calc,
                        metric,
                        null,
                        null,
                        a.column(),
                        a.rank(),
                        a.alerts(),
                        null,
                        null,
                        a.alerts() > 0,
                        analysis.size(),
                        null,
                        null,
                        null));
            }
            out.add(new Ranking(ALERT_COUNT, calc, metric, null, null, rows));

            for (ReportData.Series p : performance) {
                double[] ref = new double[reference.size()];
                for (int j = 0; j < ref.length; j++) {
                    ref[j] = p.value()[reference.get(j)];
                }
                double[] perf = new double[analysis.size()];
                for (int j = 0; j < perf.length; j++) {
                    perf[j] = p.value()[analysis.get(j)];
                }
                double[] change = Rankings.performanceChange(perf, ref);
                List<Rankings.DriftSeries> series = new ArrayList<>();
                for (Map.Entry<String, double[]> v : values.entrySet()) {
                    series.add(new Rankings.DriftSeries(v.getKey(), v.getValue(), counts.get(v.getKey()) > 0));
                }
                List<Row> corr = new ArrayList<>();
                for (Rankings.Correlation c : Rankings.correlation(series, change)) {
                    corr.add(RowFactory.create(
                            m.name(),
                            CORRELATION,
                            calc,
                            metric,
                            p.calculator(),
                            p.metric(),
                            c.column(),
                            c.rank(),
                            counts.get(c.column()),
                            c.r(),
                            c.p(),
                            c.hasDrifted(),
                            c.chunks(),
                            null,
                            null,
                            null));
                }
                out.add(new Ranking(CORRELATION, calc, metric, p.calculator(), p.metric(), corr));
            }
        }
        out.addAll(underperformingSegments(m.name(), m.segmentPerformance()));
        return out;
    }

    /**
     * What {@code drift_calculator} holds in an underperforming_segments ranking (a NOT NULL column
     * of the table): no drift metric is ranked, the performance metric is ({@code drift_metric} and
     * {@code performance_metric}).
     */
    public static final String PERFORMANCE = "performance";

    /**
     * The underperforming_segments rankings, one per performance metric: each segment value's
     * relative performance, worst first ({@link UnderperformingSegments}); {@code
     * performance_calculator} is the source the row used (realized, else estimated performance).
     */
    static List<Ranking> underperformingSegments(String monitor, List<UnderperformingSegments.Sums> sums) {
        List<Ranking> out = new ArrayList<>();
        for (Map.Entry<String, List<UnderperformingSegments.Ranked>> e :
                UnderperformingSegments.rank(sums).entrySet()) {
            List<Row> rows = new ArrayList<>();
            for (UnderperformingSegments.Ranked r : e.getValue()) {
                rows.add(RowFactory.create(
                        monitor,
                        UnderperformingSegments.RANKER,
                        PERFORMANCE,
                        r.metric(),
                        r.source(),
                        r.metric(),
                        r.segment(),
                        r.rank(),
                        r.alerts(),
                        null,
                        null,
                        r.alerts() > 0,
                        r.chunks(),
                        r.relative(),
                        r.inSamplingErrors(),
                        r.higherIsBetter()));
            }
            out.add(new Ranking(UnderperformingSegments.RANKER, PERFORMANCE, e.getKey(), null, e.getKey(), rows));
        }
        return out;
    }

    /**
     * Writes one monitor's rankings to {@code <output>/rankings}, replacing that monitor's rows
     * (Delta {@code replaceWhere monitor = ...}; other monitors' rows are untouched). When the table
     * already holds exactly these rows nothing is written, so reporting the same results again leaves
     * the table, version included, as it was. Returns whether it wrote.
     */
    public static boolean write(SparkSession spark, String output, String monitor, List<Ranking> rankings) {
        return write(new DeltaTables(spark, output), monitor, rankings);
    }

    /** Writes one monitor's rankings to the output's {@code rankings} table (see above). */
    public static boolean write(DeltaTables tables, String monitor, List<Ranking> rankings) {
        List<Row> rows = new ArrayList<>();
        for (Ranking r : rankings) {
            rows.addAll(r.rows());
        }
        String where = "monitor = " + Sql.literal(monitor);
        Dataset<Row> stored = tables.readWhere(OutputTables.RANKINGS, expr(where));
        // a table an earlier version wrote lacks the columns declared since: it differs (and gains them)
        if (stored != null && List.of(stored.columns()).containsAll(OutputTables.RANKINGS.columns())) {
            List<Row> existing = stored.select(OutputTables.RANKINGS.columns().stream()
                            .map(ColumnNames::column)
                            .toArray(Column[]::new))
                    .collectAsList();
            if (sameRows(existing, rows)) {
                return false;
            }
        }
        tables.replace(OutputTables.RANKINGS, where, rows);
        return true;
    }

    static boolean sameRows(List<Row> a, List<Row> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Map<List<Object>, Integer> count = new HashMap<>();
        for (Row r : a) {
            count.merge(values(r), 1, Integer::sum);
        }
        for (Row r : b) {
            Integer n = count.get(values(r));
            if (n == null || n == 0) {
                return false;
            }
            count.put(values(r), n - 1);
        }
        return true;
    }

    private static List<Object> values(Row r) {
        List<Object> v = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
            v.add(r.get(i));
        }
        return v;
    }

    /** A field of a {@code rankings} row built here (such rows carry no schema, so by position). */
    static Object get(Row row, String field) {
        return row.get(OutputTables.RANKINGS.schema().fieldIndex(field));
    }

    private static int compareLists(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
