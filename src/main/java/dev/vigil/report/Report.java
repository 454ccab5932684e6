package dev.vigil.report;

import dev.vigil.config.OutputConfig;
import dev.vigil.io.FileLocations;
import dev.vigil.results.SegmentAlerts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vigil report}: reads an output directory's Delta tables, writes the {@code rankings} table
 * and one self-contained HTML file. Size bounds: the whole population only (segment null); at most
 * {@link #MAX_SERIES} time-series charts and {@link #MAX_DISTRIBUTION_COLUMNS} distribution charts
 * per monitor (the most drifting columns first), each over at most {@link #MAX_DISTRIBUTION_CHUNKS}
 * chunks and {@link #MAX_CATEGORIES} categories; every cut is said on the page.
 */
public final class Report {
    private Report() {}

    private static final Logger LOG = LoggerFactory.getLogger(Report.class);

    public static final int MAX_SERIES = 150;
    public static final int MAX_DISTRIBUTION_COLUMNS = 12;
    public static final int MAX_DISTRIBUTION_CHUNKS = 60;
    public static final int MAX_CATEGORIES = 20;

    /** What was written. */
    public record Summary(String file, long bytes, List<String> monitors, int charts, long rankingRows) {}

    /**
     * @param to the HTML file: a local path or any Hadoop FileSystem URI ({@code s3a://...})
     */
    public static Summary write(SparkSession spark, String output, String to, String monitor) throws IOException {
        return write(spark, OutputConfig.at(output), to, monitor);
    }

    /** The report of an output's tables (a directory, or catalog tables), written to {@code to}. */
    public static Summary write(SparkSession spark, OutputConfig output, String to, String monitor) throws IOException {
        ReportData.Output out = ReportData.open(spark, output);
        List<String> monitors = ReportData.monitors(out, monitor);
        List<HtmlReport.MonitorView> views = new ArrayList<>();
        long rankingRows = 0;
        for (String name : monitors) {
            long t0 = System.nanoTime();
            ReportData.Monitor m = MonitorResults.load(out, name);
            long t1 = System.nanoTime();
            List<RankingsTable.Ranking> rankings = RankingsTable.compute(m);
            RankingsTable.write(out.tables(), name, rankings);
            long t2 = System.nanoTime();
            for (RankingsTable.Ranking r : rankings) {
                rankingRows += r.rows().size();
            }
            views.add(view(out, m, rankings));
            LOG.info(
                    "report of {}: results read in {} ms, rankings written in {} ms, distributions read in {} ms",
                    name,
                    (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000,
                    (System.nanoTime() - t2) / 1_000_000);
        }
        String html = HtmlReport.render(out.dir(), views);
        long bytes = FileLocations.writeText(spark.sparkContext().hadoopConfiguration(), to, html, "report file");
        return new Summary(FileLocations.display(to), bytes, monitors, HtmlReport.expectedCharts(views), rankingRows);
    }

    /** How many alerts come from the whole population and how many from segments, and which. */
    static String segmentAlertNote(ReportData.Monitor m) {
        long whole = 0;
        for (ReportData.Series s : m.series()) {
            whole += s.analysisAlerts(m.chunks());
        }
        long segments =
                m.segmentAlerts().values().stream().mapToLong(Long::longValue).sum();
        return "Alerts on analysis chunks: " + whole + " on the whole population, " + segments + " on segments"
                + (segments > 0 ? " (" + SegmentAlerts.describe(m.segmentAlerts()) + ")" : "") + ".";
    }

    static HtmlReport.MonitorView view(
            ReportData.Output out, ReportData.Monitor m, List<RankingsTable.Ranking> rankings) {
        List<String> notes = new ArrayList<>();
        if (m.otherSegments() > 0) {
            notes.add("Charts show the whole population; the results of "
                    + m.otherSegments()
                    + " segment values are in the results table (segment is not null).");
            notes.add(segmentAlertNote(m));
        }
        List<ReportData.Series> shown = m.series();
        if (shown.size() > MAX_SERIES) {
            notes.add("Time series: the first "
                    + MAX_SERIES
                    + " of "
                    + shown.size()
                    + " calculator × metric × column series are drawn; the rest are in the results table.");
            shown = shown.subList(0, MAX_SERIES);
        }
        // distribution columns: most univariate drift alerts first, then by name
        Map<String, Long> alerts = new LinkedHashMap<>();
        for (ReportData.Series s : m.series()) {
            if (s.calculator().equals("univariate_drift") && s.column() != null) {
                alerts.merge(s.column(), s.analysisAlerts(m.chunks()), Long::sum);
            }
        }
        List<String> columns = new ArrayList<>(alerts.keySet());
        columns.sort(Comparator.comparingLong((String c) -> -alerts.get(c)).thenComparing(Comparator.naturalOrder()));
        if (columns.size() > MAX_DISTRIBUTION_COLUMNS) {
            notes.add("Distributions: the "
                    + MAX_DISTRIBUTION_COLUMNS
                    + " of "
                    + columns.size()
                    + " drift columns with the most alerts are drawn; all are in the distributions table.");
            columns = columns.subList(0, MAX_DISTRIBUTION_COLUMNS);
        }
        List<Integer> positions = distributionChunks(m.chunks(), MAX_DISTRIBUTION_CHUNKS);
        if (positions.size() < m.chunks().size()) {
            notes.add("Distributions: the last "
                    + positions.size()
                    + " of "
                    + m.chunks().size()
                    + " chunks (reference and analysis) are drawn.");
        }
        List<ReportData.Distribution> dists =
                DistributionData.read(out, m.name(), m.chunks(), columns, positions, MAX_CATEGORIES);
        return new HtmlReport.MonitorView(m, shown, dists, rankings, notes);
    }

    /**
     * All chunk positions when there are at most {@code max}; else the last third reference, the rest
     * analysis.
     */
    static List<Integer> distributionChunks(List<ReportData.Chunk> chunks, int max) {
        List<Integer> ref = new ArrayList<>();
        List<Integer> ana = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            (chunks.get(i).period().equals("reference") ? ref : ana).add(i);
        }
        if (chunks.size() <= max) {
            List<Integer> all = new ArrayList<>(ref);
            all.addAll(ana);
            return all;
        }
        int keepRef = Math.min(ref.size(), Math.max(max / 3, max - ana.size()));
        int keepAna = Math.min(ana.size(), max - keepRef);
        List<Integer> out = new ArrayList<>(ref.subList(ref.size() - keepRef, ref.size()));
        out.addAll(ana.subList(ana.size() - keepAna, ana.size()));
        return out;
    }
}
