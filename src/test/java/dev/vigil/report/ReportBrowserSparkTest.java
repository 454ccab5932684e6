package dev.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.cli.Main;
import dev.vigil.results.OutputTables;
import dev.vigil.testing.SparkTestBase;
import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run on generated data (univariate drift, data quality, realized and estimated
 * performance), then {@code vigil report}: the HTML is rendered in headless Chromium, which must
 * draw every chart without a JavaScript error; the screenshot is kept at {@code
 * target/report-browser/report.png}. Also: the rankings table (correlations against estimated and
 * realized performance, idempotent on a rerun) and the command's user errors.
 */
class ReportBrowserSparkTest extends SparkTestBase {
    @TempDir
    static Path dir;

    static Path out;
    static Path html;
    static String reportStdout;

    /** The segment value whose targets are partly flipped, so its realized performance is worse. */
    static final String WORSE_REGION = "east";

    record Cli(int code, String out, String err) {}

    static Cli vigil(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(o), new PrintStream(e));
        return new Cli(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void runAndReport() throws Exception {
        session();
        Path data = dir.resolve("data");
        assertThat(vigil(
                                "generate",
                                "--rows",
                                "8000",
                                "--reference-rows",
                                "8000",
                                "--features",
                                "6",
                                "--seed",
                                "5",
                                "--out",
                                data.toString())
                        .code())
                .isZero();
        // region=east made to perform worse: 30% of its analysis targets flipped (a fixed hash of the id)
        spark.read()
                .parquet(data.resolve("analysis_targets").toString())
                .join(spark.read().parquet(data.resolve("analysis").toString()).select("id", "region"), "id")
                .select(
                        functions.col("id"),
                        functions
                                .when(
                                        functions
                                                .col("region")
                                                .equalTo(WORSE_REGION)
                                                .and(functions
                                                        .pmod(functions.hash(functions.col("id")), functions.lit(100))
                                                        .lt(30)),
                                        functions.lit(1).minus(functions.col("repaid")))
                                .otherwise(functions.col("repaid"))
                                .cast("int")
                                .as("repaid"))
                .write()
                .parquet(data.resolve("analysis_targets_worse_east").toString());
        out = dir.resolve("out");
        Path config = dir.resolve("monitor.yaml");
        Files.writeString(config, """
        monitor: browser
        reference: {path: %1$s/reference, format: parquet}
        analysis: {path: %1$s/analysis, format: parquet}
        targets: {path: %1$s/analysis_targets_worse_east, format: parquet, join_on: id}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba, target: repaid, segments: [region]}
        chunking: {size: 1000}
        calculators:
          univariate_drift: {continuous_methods: [jensen_shannon, kolmogorov_smirnov], categorical_methods: [jensen_shannon, chi2]}
          realized_performance: {metrics: [roc_auc, f1, accuracy]}
          estimated_performance: {metrics: [roc_auc, f1]}
          data_quality: {metrics: [missing_values, mean]}
        output: {path: %2$s}
        """.formatted(data, out));
        Cli run = vigil("run", "--config", config.toString());
        assertThat(run.code()).as(run.err()).isZero();
        html = dir.resolve("report/report.html");
        Cli report = vigil("report", "--output", out.toString(), "--to", html.toString());
        assertThat(report.code()).as(report.err()).isZero();
        reportStdout = report.out();
    }

    @Test
    void chromiumDrawsEveryChartWithoutJavaScriptErrors() throws Exception {
        Path chromium = Chromium.require();
        String page = Files.readString(html);
        // self-contained: no external script, style or frame
        assertThat(page)
                .doesNotContainPattern("<script[^>]+src=")
                .doesNotContainPattern("<link[^>]+href=")
                .doesNotContain("<iframe");
        int expected = Integer.parseInt(page.replaceAll("(?s).*id=\"vigil-status\" data-expected=\"(\\d+)\".*", "$1"));
        assertThat(reportStdout).contains("(" + expected + " charts");

        String dom = Chromium.dumpDom(chromium, html, 120_000);
        Map<String, String> status = Chromium.status(dom);
        assertThat(status.get("data-done")).as(status.toString()).isEqualTo("true");
        assertThat(status.get("data-errors")).as(status.toString()).isEqualTo("0");
        assertThat(status.get("data-expected")).isEqualTo(String.valueOf(expected));
        // every series, every distribution and both ranking charts
        assertThat(expected).isGreaterThan(20);
        assertThat(status.get("data-drawn")).as(status.toString()).isEqualTo(String.valueOf(expected));
        // the estimated-vs-realized chart and both rankings are on the page
        assertThat(dom)
                .contains("(estimated vs realized)")
                .contains("alert count ranking")
                .contains("correlation ranking")
                .contains("Underperforming segments")
                // the segment note: the report's alerts per population, segments apart
                .containsPattern("Alerts on analysis chunks: \\d+ on the whole population, \\d+ on segments");

        Path png = Path.of("target", "report-browser", "report.png").toAbsolutePath();
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        Chromium.screenshot(chromium, html, png, 1400, 2400, 120_000);
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(50_000);
        Files.copy(html, png.resolveSibling("report.html"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void thePageCountsJavaScriptErrorsAndUndrawnCharts() throws Exception {
        Path chromium = Chromium.require();
        String page = Files.readString(html);
        // a console.error after loading, and a corrupt plotly.js bundle: both must show in the page's
        // status
        Path noisy = dir.resolve("noisy.html");
        Files.writeString(
                noisy,
                page.replace(
                        "</body>",
                        "<script>setTimeout(function () { console.error('injected'); }, 5);</script></body>"));
        Map<String, String> s1 = Chromium.status(Chromium.dumpDom(chromium, noisy, 120_000));
        assertThat(s1.get("data-errors")).as(s1.toString()).isEqualTo("1");
        assertThat(s1.get("error-text")).contains("injected");
        int at = page.indexOf('>', page.indexOf("id=\"vigil-plotly\"")) + 1;
        Path broken = dir.resolve("broken.html");
        Files.writeString(broken, page.substring(0, at) + "AAAA" + page.substring(at + 4));
        Map<String, String> s2 = Chromium.status(Chromium.dumpDom(chromium, broken, 120_000));
        assertThat(s2.get("data-done")).isEqualTo("true");
        assertThat(s2.get("data-drawn")).isEqualTo("0");
        assertThat(Integer.parseInt(s2.get("data-errors"))).isPositive();
    }

    @Test
    void rankingsTableHoldsBothRankersAndARerunLeavesItIdentical() {
        String path = out.resolve("rankings").toString();
        List<Row> first = sorted(path);
        assertThat(spark.read().format("delta").load(path).schema().fieldNames())
                .containsExactly(OutputTables.RANKINGS.schema().fieldNames());
        // alert count: one row per drift column and method; the drifted half of the analysis alerts
        // somewhere
        assertThat(first.stream()
                        .filter(r -> r.getAs("ranker").equals("alert_count")
                                && r.getAs("drift_metric").equals("jensen_shannon")
                                && r.<Long>getAs("number_of_alerts") > 0))
                .isNotEmpty();
        // correlation against estimated and realized performance, with defined r and p
        for (String calc : List.of("estimated_performance", "realized_performance")) {
            assertThat(first.stream()
                            .filter(r -> r.getAs("ranker").equals("correlation")
                                    && calc.equals(r.getAs("performance_calculator"))
                                    && r.getAs("pearsonr_correlation") != null
                                    && r.getAs("pearsonr_pvalue") != null))
                    .as(calc)
                    .isNotEmpty();
        }
        // ranks are 1..n within each ranking
        Map<List<Object>, List<Row>> groups = new HashMap<>();
        for (Row r : first) {
            // an underperforming_segments ranking mixes sources (performance_calculator) in one ranking
            boolean segments = r.get(1).equals(UnderperformingSegments.RANKER);
            groups.computeIfAbsent(
                            Arrays.asList(r.get(1), r.get(2), r.get(3), segments ? null : r.get(4), r.get(5)),
                            k -> new ArrayList<>())
                    .add(r);
        }
        for (List<Row> g : groups.values()) {
            assertThat(g.stream().map(r -> r.<Integer>getAs("rank")).sorted().toList())
                    .isEqualTo(IntStream.rangeClosed(1, g.size()).boxed().toList());
        }
        long version = DeltaTable.forPath(spark, path)
                .history(1)
                .collectAsList()
                .get(0)
                .<Long>getAs("version");
        Cli again = vigil(
                "report",
                "--output",
                out.toString(),
                "--to",
                dir.resolve("again.html").toString(),
                "--monitor",
                "browser");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(sorted(path)).containsExactlyElementsOf(first);
        // nothing was written: the same version
        assertThat(DeltaTable.forPath(spark, path)
                        .history(1)
                        .collectAsList()
                        .get(0)
                        .<Long>getAs("version"))
                .isEqualTo(version);
    }

    /**
     * The underperforming_segments ranking of the run whose region=east was made to perform worse:
     * east ranks first for every realized metric, by far more than its sampling error; the numbers
     * are the Spark aggregation's, checked against the plain-Java sums of the same result rows.
     */
    @Test
    void theSegmentMadeToPerformWorseRanksFirst() throws Exception {
        List<Row> rows = spark.read()
                .format("delta")
                .load(out.resolve("rankings").toString())
                .where(functions.col("ranker").equalTo(UnderperformingSegments.RANKER))
                .orderBy("drift_metric", "rank")
                .collectAsList();
        for (Row r : rows) {
            System.out.printf(
                    "underperforming_segments %s #%d %s relative=%.4f in_sampling_errors=%.2f source=%s chunks=%d"
                            + " alerts=%d%n",
                    r.<String>getAs("drift_metric"),
                    r.<Integer>getAs("rank"),
                    r.<String>getAs("column_name"),
                    r.<Double>getAs("relative_performance"),
                    r.<Double>getAs("relative_in_sampling_errors"),
                    r.<String>getAs("performance_calculator"),
                    r.<Integer>getAs("chunks"),
                    r.<Long>getAs("number_of_alerts"));
        }
        assertThat(rows).extracting(r -> r.<String>getAs("drift_metric")).containsOnly("accuracy", "f1", "roc_auc");
        for (String metric : List.of("roc_auc", "f1", "accuracy")) {
            List<Row> ranking = rows.stream()
                    .filter(r -> r.getAs("drift_metric").equals(metric))
                    .toList();
            assertThat(ranking)
                    .as(metric)
                    .extracting(r -> r.<String>getAs("column_name"))
                    .containsExactlyInAnyOrder("region=north", "region=south", "region=east", "region=west");
            Row first = ranking.get(0);
            assertThat(first.<String>getAs("column_name")).as(metric).isEqualTo("region=" + WORSE_REGION);
            assertThat(first.<String>getAs("performance_calculator")).isEqualTo("realized_performance");
            assertThat(first.<String>getAs("drift_calculator")).isEqualTo(RankingsTable.PERFORMANCE);
            assertThat(first.<Boolean>getAs("higher_is_better")).isTrue();
            assertThat(first.<Integer>getAs("chunks")).isEqualTo(8);
            assertThat(first.<Double>getAs("relative_performance")).as(metric).isLessThan(-0.05);
            assertThat(first.<Double>getAs("relative_in_sampling_errors"))
                    .as(metric)
                    .isLessThan(-2);
            // every other region is above east, and none as far below the whole population
            assertThat(ranking.get(1).<Double>getAs("relative_performance"))
                    .isGreaterThan(first.<Double>getAs("relative_performance") / 2);
        }
        // the Spark aggregation equals the plain-Java sums of the same result rows
        List<Row> results = spark.read()
                .format("delta")
                .load(out.resolve("results").toString())
                .where("calculator IN ('realized_performance', 'estimated_performance') AND period = 'analysis'"
                        + " AND column_name IS NULL")
                .collectAsList();
        Map<String, Double> whole = new HashMap<>();
        for (Row r : results) {
            if (r.getAs("segment") == null) {
                whole.put(
                        r.getAs("calculator") + "/" + r.getAs("metric") + "/" + r.getAs("chunk_key"), num(r, "value"));
            }
        }
        List<UnderperformingSegments.Point> points = new ArrayList<>();
        for (Row r : results) {
            if (r.getAs("segment") != null) {
                Double w = whole.get(r.getAs("calculator") + "/" + r.getAs("metric") + "/" + r.getAs("chunk_key"));
                points.add(new UnderperformingSegments.Point(
                        r.getAs("calculator"),
                        r.getAs("metric"),
                        r.getAs("segment"),
                        num(r, "value"),
                        w == null ? Double.NaN : w,
                        num(r, "sampling_error"),
                        r.<Boolean>getAs("alert")));
            }
        }
        Map<String, List<UnderperformingSegments.Ranked>> java =
                UnderperformingSegments.rank(UnderperformingSegments.sum(points));
        for (Row r : rows) {
            UnderperformingSegments.Ranked j =
                    java.get(r.<String>getAs("drift_metric")).get(r.<Integer>getAs("rank") - 1);
            assertThat(j.segment()).isEqualTo(r.getAs("column_name"));
            assertThat(j.relative())
                    .isCloseTo(r.<Double>getAs("relative_performance"), org.assertj.core.api.Assertions.within(1e-12));
            assertThat(j.alerts()).isEqualTo(r.<Long>getAs("number_of_alerts"));
        }
        // the report lists them
        assertThat(Files.readString(html)).contains("\"ranker\":\"underperforming_segments\"");
    }

    private static double num(Row r, String field) {
        Object v = r.getAs(field);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    @Test
    void userErrorsNameThePath() {
        Cli missing = vigil(
                "report",
                "--output",
                dir.resolve("nowhere").toString(),
                "--to",
                dir.resolve("x.html").toString());
        assertThat(missing.code()).isEqualTo(Main.USER_ERROR);
        assertThat(missing.err()).contains(dir.resolve("nowhere").toString()).hasLineCount(1);
        Cli notDelta = vigil(
                "report",
                "--output",
                dir.resolve("data").toString(),
                "--to",
                dir.resolve("x.html").toString());
        assertThat(notDelta.code()).isEqualTo(Main.USER_ERROR);
        assertThat(notDelta.err()).contains(dir.resolve("data").toString()).contains("Delta");
        Cli monitor = vigil(
                "report",
                "--output",
                out.toString(),
                "--to",
                dir.resolve("x.html").toString(),
                "--monitor",
                "browsr");
        assertThat(monitor.code()).isEqualTo(Main.USER_ERROR);
        assertThat(monitor.err()).contains("did you mean 'browser'");
        Cli help = vigil("report", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--output").contains("--to").contains("--monitor");
        assertThat(Files.exists(dir.resolve("x.html"))).isFalse();
    }

    private static List<Row> sorted(String path) {
        return spark.read()
                .format("delta")
                .load(path)
                .orderBy(OutputTables.RANKINGS.key().stream()
                        .map(functions::col)
                        .map(Column::asc_nulls_first)
                        .toArray(Column[]::new))
                .collectAsList();
    }
}
