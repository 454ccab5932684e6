package dev.vigil.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.internal.Version;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;

/**
 * Renders the report as one self-contained HTML file: the data as JSON, the drawing code, and
 * plotly.js from the {@code org.webjars.npm:plotly.js-dist} webjar, gzip-compressed and
 * base64-encoded (2 MB instead of 11) and unpacked in the browser with {@code DecompressionStream}.
 * A Content-Security-Policy forbids every network request. The page reports its own state on {@code
 * #vigil-status}: {@code data-expected} charts (fixed here), {@code data-drawn} charts drawn,
 * {@code data-errors} JavaScript errors, {@code data-done}.
 */
public final class HtmlReport {
    /** A ranking row in the page's data: (JSON key, {@code rankings} column). */
    private static final String[][] RANKING_ROW = {
        {"column", "column_name"},
        {"rank", "rank"},
        {"alerts", "number_of_alerts"},
        {"r", "pearsonr_correlation"},
        {"p", "pearsonr_pvalue"},
        {"drifted", "has_drifted"},
        {"chunks", "chunks"},
        {"source", "performance_calculator"},
        {"relative", "relative_performance"},
        {"z", "relative_in_sampling_errors"},
        {"higher_is_better", "higher_is_better"}
    };

    private HtmlReport() {}

    static final String PLOTLY_VERSION = "3.3.1";
    static final String PLOTLY_RESOURCE = "/META-INF/resources/webjars/plotly.js-dist/" + PLOTLY_VERSION + "/plotly.js";

    private static volatile String plotlyGzipBase64;

    /** One monitor as the page draws it. */
    public record MonitorView(
            ReportData.Monitor monitor,
            List<ReportData.Series> shown,
            List<ReportData.Distribution> distributions,
            List<RankingsTable.Ranking> rankings,
            List<String> notes) {
        int charts() {
            boolean alertCount = rankings.stream().anyMatch(r -> r.ranker().equals(RankingsTable.ALERT_COUNT));
            boolean correlation = rankings.stream().anyMatch(r -> r.ranker().equals(RankingsTable.CORRELATION));
            return shown.size() + distributions.size() + (alertCount ? 1 : 0) + (correlation ? 1 : 0);
        }
    }

    /** The number of charts the page must draw. */
    public static int expectedCharts(List<MonitorView> views) {
        return views.stream().mapToInt(MonitorView::charts).sum();
    }

    public static String render(String outputDir, List<MonitorView> views) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("output", outputDir);
        data.put("generated_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        data.put("vigil_version", Version.VERSION);
        List<Object> monitors = new ArrayList<>();
        for (MonitorView v : views) {
            monitors.add(monitorJson(v));
        }
        data.put("monitors", monitors);
        String json;
        try {
            json = new ObjectMapper().writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json = json.replace("</", "<\\/").replace("<!--", "<\\!--");
        String title = "Vigil report"
                + (views.size() == 1 ? ": " + views.get(0).monitor().name() : "");
        StringBuilder sb = new StringBuilder(3_000_000 + json.length());
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; ")
                .append("font-src data:; worker-src blob:\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(escape(title))
                .append("</title>\n<style>\n")
                .append(resource("report.css"))
                .append("</style>\n</head>\n<body>\n")
                .append("<header><h1>")
                .append(escape(title))
                .append("</h1>\n<p class=\"meta\">output: <code>")
                .append(escape(outputDir))
                .append("</code></p>\n")
                .append("<div id=\"vigil-status\" data-expected=\"")
                .append(expectedCharts(views))
                .append("\" data-drawn=\"0\" data-errors=\"0\" data-done=\"false\">loading the charts…</div>\n")
                .append("<pre id=\"vigil-errors\" hidden></pre>\n</header>\n<main id=\"vigil-main\"></main>\n")
                .append("<noscript>This report needs JavaScript to draw its charts.</noscript>\n")
                .append("<script type=\"application/json\" id=\"vigil-data\">")
                .append(json)
                .append("</script>\n")
                .append("<script type=\"application/octet-stream\" id=\"vigil-plotly\" data-version=\"")
                .append(PLOTLY_VERSION)
                .append("\">")
                .append(plotly())
                .append("</script>\n")
                .append("<script>\n")
                .append(resource("report.js"))
                .append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static Map<String, Object> monitorJson(MonitorView v) {
        ReportData.Monitor m = v.monitor();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", m.name());
        List<Object> chunks = new ArrayList<>();
        for (ReportData.Chunk c : m.chunks()) {
            chunks.add(mapOf(
                    "period",
                    c.period(),
                    "index",
                    c.index(),
                    "key",
                    c.key(),
                    "start",
                    c.start(),
                    "end",
                    c.end(),
                    "rows",
                    c.rows()));
        }
        o.put("chunks", chunks);
        o.put("latest_run", m.latestRun());
        o.put("runs", m.runCount());
        o.put("sent_alerts", m.sentAlerts());
        o.put("other_segments", m.otherSegments());
        o.put("notes", v.notes());
        List<Object> summary = new ArrayList<>();
        for (ReportData.Series s : m.series()) {
            long alerts = s.analysisAlerts(m.chunks());
            long analysisChunks = 0;
            for (int i = 0; i < m.chunks().size(); i++) {
                analysisChunks += s.present()[i] && m.chunks().get(i).period().equals("analysis") ? 1 : 0;
            }
            summary.add(mapOf(
                    "calculator",
                    s.calculator(),
                    "metric",
                    s.metric(),
                    "column",
                    s.column(),
                    "alerts",
                    alerts,
                    "chunks",
                    analysisChunks));
        }
        o.put("summary", summary);
        List<Object> series = new ArrayList<>();
        for (ReportData.Series s : v.shown()) {
            Map<String, Object> j = mapOf("calculator", s.calculator(), "metric", s.metric(), "column", s.column());
            j.put("value", arr(s.value(), s.present()));
            j.put("p_value", arr(s.pValue(), s.present()));
            j.put("realized", arr(s.realized(), s.present()));
            j.put("lower_bound", arr(s.lowerBound(), s.present()));
            j.put("upper_bound", arr(s.upperBound(), s.present()));
            j.put("lower_threshold", arr(s.lowerThreshold(), s.present()));
            j.put("upper_threshold", arr(s.upperThreshold(), s.present()));
            List<Boolean> alert = new ArrayList<>();
            for (int i = 0; i < s.alert().length; i++) {
                alert.add(s.present()[i] ? s.alert()[i] : null);
            }
            j.put("alert", alert);
            series.add(j);
        }
        o.put("series", series);
        List<Object> dists = new ArrayList<>();
        for (ReportData.Distribution d : v.distributions()) {
            List<Object> z = new ArrayList<>();
            for (double[] row : d.proportion()) {
                z.add(arr(row, null));
            }
            dists.add(mapOf(
                    "column", d.column(), "kind", d.kind(), "bins", d.bins(), "chunks", d.chunkPositions(), "z", z));
        }
        o.put("distributions", dists);
        List<Object> rankings = new ArrayList<>();
        for (RankingsTable.Ranking r : v.rankings()) {
            List<Object> rows = new ArrayList<>();
            for (Row row : r.rows()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (String[] f : RANKING_ROW) {
                    fields.put(f[0], RankingsTable.get(row, f[1]));
                }
                rows.add(fields);
            }
            Map<String, Object> j = mapOf(
                    "ranker",
                    r.ranker(),
                    "drift_calculator",
                    r.driftCalculator(),
                    "drift_metric",
                    r.driftMetric(),
                    "performance_calculator",
                    r.performanceCalculator());
            j.put("performance_metric", r.performanceMetric());
            j.put("rows", rows);
            rankings.add(j);
        }
        o.put("rankings", rankings);
        return o;
    }

    private static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<Double> arr(double[] a, boolean[] present) {
        List<Double> out = new ArrayList<>(a.length);
        for (int i = 0; i < a.length; i++) {
            out.add((present != null && !present[i]) || Double.isNaN(a[i]) || Double.isInfinite(a[i]) ? null : a[i]);
        }
        return out;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource dev/vigil/report/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** plotly.js from the webjar, gzip + base64 (computed once per JVM). */
    static String plotly() {
        String s = plotlyGzipBase64;
        if (s == null) {
            try (InputStream in = HtmlReport.class.getResourceAsStream(PLOTLY_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("plotly.js is missing from the classpath ("
                            + PLOTLY_RESOURCE
                            + "): the org.webjars.npm:plotly.js-dist "
                            + PLOTLY_VERSION
                            + " dependency must be on it");
                }
                ByteArrayOutputStream buf = new ByteArrayOutputStream(2_500_000);
                try (GZIPOutputStream gz = new GZIPOutputStream(buf, 1 << 16)) {
                    in.transferTo(gz);
                }
                s = Base64.getEncoder().encodeToString(buf.toByteArray());
                plotlyGzipBase64 = s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return s;
    }
}
