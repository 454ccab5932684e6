package dev.vigil.bench;

import static org.apache.spark.sql.functions.*;

import dev.vigil.calculators.Calculators;
import dev.vigil.cli.Sessions;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.MonitorConfig;
import dev.vigil.generate.SyntheticData;
import dev.vigil.io.ColumnNames;
import dev.vigil.pipeline.MonitorRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StringType;

/**
 * {@code scripts/bench}: generates (or reuses) N analysis + R reference rows × M features, runs the
 * calculator suite, and in the same process the scan floor — reading the same columns and running
 * one aggregation per chunk (count, min, max, sum of every column) over reference and analysis.
 * Prints the timings; the last line is one JSON object with the ratio suite/floor (and the analysis
 * side alone).
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        long rows = 10_000_000;
        long refRows = 1_000_000;
        int features = 20;
        String calculators = "univariate_drift,data_quality";
        String dataDir = "target/bench-data";
        int repeat = 2;
        boolean generateOnly = false;
        boolean perfTable = false;
        boolean rowsGiven = false;
        boolean shapes = false;
        Integer maxSegmentValues = null;
        List<String> variants = List.of();
        String driverMemory = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> {
                    rows = Long.parseLong(args[++i]);
                    rowsGiven = true;
                }
                case "--perf-table" -> perfTable = true;
                case "--shapes" -> shapes = true;
                case "--max-segment-values" -> maxSegmentValues = Integer.parseInt(args[++i]);
                case "--variants" -> variants = List.of(args[++i].split(","));
                case "--driver-memory" -> driverMemory = args[++i];
                case "--reference-rows" -> refRows = Long.parseLong(args[++i]);
                case "--features" -> features = Integer.parseInt(args[++i]);
                case "--calculators" -> calculators = args[++i];
                case "--data-dir" -> dataDir = args[++i];
                case "--repeat" -> repeat = Math.max(1, Integer.parseInt(args[++i]));
                case "--generate-only" -> generateOnly = true;
                case "--help", "-h" -> {
                    System.out.println("""
              usage: scripts/bench [--rows N] [--reference-rows N] [--features M] [--calculators a,b,...] [--data-dir DIR]
                                   [--repeat K] [--generate-only]
                     scripts/bench --perf-table [--rows N] [--repeat K] [--driver-memory SIZE]
                     scripts/bench --shapes [--rows N] [--reference-rows N] [--driver-memory SIZE]
                                   [--max-segment-values N] [--variants a,b]
                defaults: --rows 10000000 --reference-rows 1000000 --features 20 --calculators univariate_drift,data_quality
                          --repeat 2
                univariate_drift runs kolmogorov_smirnov, jensen_shannon, wasserstein (continuous) and chi2,
                jensen_shannon (categorical); data_quality every metric; multivariate_drift the PCA reconstruction
                over every feature; realized_performance and estimated_performance (CBPE) roc_auc and f1.
                Generates the data once under DIR (default target/bench-data), runs the suite and the scan floor in
                one process, K times each, alternating (floor, suite, floor, suite, ...) after one unmeasured warm-up
                floor, and prints timings and, as its last line, a JSON object with ratio = best suite / best floor
                (the best of K runs is the one least disturbed by other work on a shared machine).
                --generate-only: generate the data when missing, then stop (scripts/bench --base uses it, so that both
                revisions read the files the current checkout wrote). scripts/bench --base REV compares a base
                revision with this checkout (see the top of scripts/bench).
                After the rounds, one whole `vigil run` process on the same data (fit, scan, Delta writes) prints its
                breakdown by stage, Spark jobs and Delta commits.
                --perf-table: ../shared/PERF_TABLE.md's deterministic table (1M reference rows, N analysis rows, default
                5M; 12 continuous + 4 categorical features) with the four main calculators (univariate KS, JS,
                Wasserstein / chi2, JS; PCA reconstruction; CBPE and realized roc_auc, f1; 10 chunks), each run a
                whole `vigil run` process (--driver-memory, default 8g): a first run (fit + calculate, against
                NannyML's 82.3 s for 1M + 5M on this machine kind), an identical rerun, and a production run (the
                stored profile) over the 1M analysis table; K rounds, the best of each printed.
                --shapes (issue 16): a wide table under DIR/shapes (N analysis rows, default 10M; R reference rows,
                default 1M) of 40 numeric and 10 categorical columns, an id-like column of N/2 distinct values and a
                100,000-value segment column, with every scan calculator (univariate and consecutive drift, data
                quality, profile, PCA reconstruction, realized and estimated performance; fairness with segments),
                each variant a whole `vigil run` process (--driver-memory, default 2g): 10_chunks, 1000_chunks and
                segmented_10_chunks (segments: [account], max_segment_values the project's default unless
                --max-segment-values); --variants picks some. Prints each one's wall time, ratio to the scan floor,
                largest per-chunk state, peak RSS, Spark jobs and exit code; the last line is a JSON object.""");
                    return;
                }
                default -> {
                    System.err.println("bench: unknown argument '" + args[i] + "' (see --help)");
                    System.exit(2);
                }
            }
        }
        for (String c : calculators.split(",")) {
            if (!Calculators.names().contains(c.trim())) {
                System.err.println(
                        "bench: calculator '" + c + "' is not available; expected some of " + Calculators.names());
                System.exit(2);
            }
        }
        SparkSession spark = Sessions.getOrCreate();
        if (perfTable) {
            PerfBench.run(
                    spark,
                    Path.of(dataDir),
                    rowsGiven ? rows : 5_000_000,
                    repeat,
                    Objects.requireNonNullElse(driverMemory, "8g"));
            return;
        }
        if (shapes) {
            ShapesBench.run(
                    spark,
                    Path.of(dataDir),
                    rows,
                    refRows,
                    Objects.requireNonNullElse(driverMemory, "2g"),
                    maxSegmentValues,
                    variants);
            return;
        }
        driverMemory = Objects.requireNonNullElse(driverMemory, "8g");
        Path data = Path.of(dataDir, rows + "-" + refRows + "-" + features);
        if (!Files.isDirectory(data.resolve("analysis")) || !Files.isDirectory(data.resolve("reference"))) {
            long g = System.nanoTime();
            SyntheticData.write(
                    spark, data.toString(), new SyntheticData.Options(rows, refRows, features, 7, 0.5, "parquet"));
            System.out.printf(
                    Locale.ROOT, "generated %d + %d rows x %d features in %.1f s%n", refRows, rows, features, secs(g));
        }
        if (generateOnly) {
            System.out.println("data: " + data.toAbsolutePath());
            return;
        }
        StringBuilder calcYaml = new StringBuilder();
        for (String c : calculators.split(",")) {
            calcYaml.append("  ")
                    .append(c.trim())
                    .append(
                            switch (c.trim()) {
                                case "univariate_drift" ->
                                    ": {continuous_methods: [kolmogorov_smirnov, jensen_shannon, wasserstein], categorical_methods: [chi2, jensen_shannon]}\n";
                                case "realized_performance", "estimated_performance" -> ": {metrics: [roc_auc, f1]}\n";
                                default -> ": {}\n";
                            });
        }
        String yaml = """
        monitor: bench
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        columns: {timestamp: timestamp, id: id, prediction: y_pred, scores: y_pred_proba, target: repaid}
        chunking: {number: 10}
        calculators:
        %s""".formatted(data.resolve("reference"), data.resolve("analysis"), calcYaml);
        MonitorConfig cfg = new ConfigLoader(System::getenv).parse(yaml, "bench", List.of());
        MonitorRun run = new MonitorRun(spark, Clock.systemUTC());
        List<String> columns = run.prepare(cfg).columns().features();

        floor(spark, data, columns, rows, refRows); // warm-up: JIT and file cache, not measured
        double suite = Double.MAX_VALUE;
        double suiteRef = 0;
        double suiteAna = Double.MAX_VALUE;
        double[] floor = {Double.MAX_VALUE, Double.MAX_VALUE};
        MonitorRun.Outcome outcome = null;
        for (int k = 0; k < repeat; k++) {
            double[] f = floor(spark, data, columns, rows, refRows);
            floor[0] = Math.min(floor[0], f[0]);
            floor[1] = Math.min(floor[1], f[1]);
            long s = System.nanoTime();
            outcome = run.compute(cfg, "bench");
            double took = secs(s);
            System.out.printf(Locale.ROOT, "round %d: floor %.2f s, suite %.2f s%n", k + 1, f[0] + f[1], took);
            if (took < suite) {
                suite = took;
                suiteRef = outcome.referenceSeconds();
            }
            suiteAna = Math.min(suiteAna, outcome.analysisSeconds());
        }
        double floorTotal = floor[0] + floor[1];
        Path config = data.resolve("bench-run.yaml");
        Path output = data.resolve("bench-run-output");
        PerfBench.deleteTree(output);
        Files.writeString(config, yaml + "output: {path: " + output.toAbsolutePath() + "}\n");
        PerfBench.Timings whole = PerfBench.wholeRun(config, data.resolve("bench-run.log"), driverMemory);
        System.out.println("one whole run (vigil run, a new process, fresh output): " + whole.line());
        System.out.printf(
                Locale.ROOT,
                "suite: %.2f s (reference %.2f s; best analysis %.2f s), %d result rows%n",
                suite,
                suiteRef,
                suiteAna,
                outcome.rows().size());
        System.out.printf(
                Locale.ROOT,
                "floor: %.2f s (best reference %.2f s, best analysis %.2f s)%n",
                floorTotal,
                floor[0],
                floor[1]);
        System.out.printf(
                Locale.ROOT,
                "{\"rows\": %d, \"reference_rows\": %d, \"features\": %d, \"calculators\": \"%s\", \"repeat\": %d, "
                        + "\"suite_seconds\": %.3f, \"floor_seconds\": %.3f, \"ratio\": %.3f, \"analysis_seconds\": %.3f, "
                        + "\"analysis_floor_seconds\": %.3f, \"analysis_ratio\": %.3f, \"rows_per_second\": %.0f, "
                        + "\"whole_run\": %s}%n",
                rows,
                refRows,
                features,
                calculators,
                repeat,
                suite,
                floorTotal,
                suite / floorTotal,
                suiteAna,
                floor[1],
                suiteAna / floor[1],
                (rows + refRows) / suite,
                whole.json());
    }

    /**
     * Seconds for one aggregation per chunk (10 chunks by row id) over reference, then over analysis.
     */
    static double[] floor(SparkSession spark, Path data, List<String> columns, long rows, long refRows) {
        double[] out = new double[2];
        String[] sets = {"reference", "analysis"};
        long[] sizes = {refRows, rows};
        for (int i = 0; i < 2; i++) {
            long s = System.nanoTime();
            Dataset<Row> df = spark.read().parquet(data.resolve(sets[i]).toString());
            long first = i == 0 ? 0 : refRows;
            Column chunk =
                    org.apache.spark.sql.functions.floor(col("id").minus(first).divide(Math.max(1, sizes[i] / 10)));
            List<Column> aggs = new ArrayList<>();
            aggs.add(count(lit(1)));
            for (String c : columns) {
                Column v = df.schema().apply(c).dataType() instanceof StringType
                        ? length(ColumnNames.column(c))
                        : ColumnNames.column(c).cast("double");
                aggs.add(min(v));
                aggs.add(max(v));
                aggs.add(sum(v));
            }
            df.groupBy(chunk.as("chunk"))
                    .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
                    .collectAsList();
            out[i] = secs(s);
        }
        return out;
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
