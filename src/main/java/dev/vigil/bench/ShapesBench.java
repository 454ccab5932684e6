package dev.vigil.bench;

import dev.vigil.config.Segmentation;
import dev.vigil.generate.ShapesTable;
import dev.vigil.scan.LargestState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * {@code scripts/bench --shapes} (issue 16): a table <em>shape</em> with a small driver. {@link
 * ShapesTable}'s 40 numeric + 10 categorical columns, one id-like column of rows/2 distinct values
 * and a 100,000-value segment column; every scan calculator on; three whole {@code vigil run}
 * processes ({@code --driver-memory}, default 2g): 10 chunks, 1,000 chunks, and 10 chunks segmented
 * by {@code account}. Each one's wall time, its ratio to the scan floor (this process, after a
 * warm-up: the same columns read, one aggregation per chunk, reference and analysis — {@link
 * Bench#floor}), the largest per-chunk state (from the {@code largest chunk state:} lines its
 * scans log), its peak RSS and Spark jobs, and its exit code; a failed run's last log lines. The last
 * line is a JSON object.
 */
final class ShapesBench {
    private ShapesBench() {}

    private static final Pattern LARGEST = Pattern.compile("largest chunk state: (\\d+) bytes \\((.*)\\)$");

    /** One variant: its name, its chunk count and whether it is segmented by {@code account}. */
    record Variant(String name, int chunks, boolean segmented) {}

    static final List<Variant> VARIANTS = List.of(
            new Variant("10_chunks", 10, false),
            new Variant("segmented_10_chunks", 10, true),
            new Variant("1000_chunks", 1000, false));

    /** The calculators every variant runs (the registry's scan calculators the table supports). */
    static final String CALCULATORS = """
              univariate_drift: {}
              consecutive_drift: {}
              data_quality: {}
              profile: {}
              multivariate_drift: {method: reconstruction_error}
              realized_performance: {}
              estimated_performance: {}
            """;

    /** Only with segments: each segment value against the rest of its chunk. */
    static final String FAIRNESS = "  fairness: {}\n";

    static void run(
            SparkSession spark,
            Path dataDir,
            long rows,
            long refRows,
            String driverMemory,
            Integer maxSegmentValues,
            List<String> only)
            throws Exception {
        for (String name : only) {
            if (VARIANTS.stream().noneMatch(v -> v.name().equals(name))) {
                throw new IllegalArgumentException("bench: no variant '" + name + "'; expected some of "
                        + VARIANTS.stream().map(Variant::name).toList());
            }
        }
        Path dir = dataDir.resolve("shapes").resolve(rows + "-" + refRows).toAbsolutePath();
        table(spark, dir.resolve("reference"), ShapesTable.REFERENCE_SEED, 0, refRows, false);
        table(spark, dir.resolve("analysis"), ShapesTable.ANALYSIS_SEED, refRows, rows, true);
        List<String> features = features();
        Bench.floor(spark, dir, features, rows, refRows); // warm-up, not measured
        double[] floor = {Double.MAX_VALUE, Double.MAX_VALUE};
        for (int k = 0; k < 2; k++) {
            double[] f = Bench.floor(spark, dir, features, rows, refRows);
            floor[0] = Math.min(floor[0], f[0]);
            floor[1] = Math.min(floor[1], f[1]);
        }
        double floorSeconds = floor[0] + floor[1];
        System.out.printf(
                Locale.ROOT,
                "scan floor (this process, best of 2 after a warm-up; %d columns, 10 chunks): %.2f s"
                        + " (reference %.2f s, analysis %.2f s)%n",
                features.size(),
                floorSeconds,
                floor[0],
                floor[1]);
        spark.stop(); // the runs are processes of their own; this one only waits
        int maxValues = maxSegmentValues == null ? Segmentation.DEFAULT_MAX_VALUES : maxSegmentValues;
        List<String> json = new ArrayList<>();
        for (Variant v : VARIANTS) {
            if (!only.isEmpty() && !only.contains(v.name())) {
                continue;
            }
            Path output = dir.resolve("output-" + v.name());
            PerfBench.deleteTree(output);
            Path config = config(dir, v, output, maxSegmentValues);
            Path log = dir.resolve(v.name() + ".log");
            System.out.println("running " + v.name() + " (" + config + ", log " + log + ") ...");
            PerfBench.Finished f = PerfBench.launch(config, log, driverMemory, "-D" + LargestState.PROPERTY + "=true");
            Map<String, String> figures = PerfBench.figures(f.lines());
            long largest = -1;
            String where = "";
            for (String l : f.lines()) {
                Matcher m = LARGEST.matcher(l);
                if (m.find() && Long.parseLong(m.group(1)) > largest) {
                    largest = Long.parseLong(m.group(1));
                    where = m.group(2);
                }
            }
            String rss = figures.getOrDefault("peak_rss_mib", "null");
            String jobs = figures.getOrDefault("spark_jobs", "null");
            System.out.printf(
                    Locale.ROOT,
                    "%s: %s, wall %.1f s, ratio %.2f (run wall / scan floor), largest chunk state %d bytes (%s),"
                            + " peak RSS %s MiB, %s Spark jobs%n",
                    v.name(),
                    f.exitCode() == 0 ? "completed" : "FAILED with exit code " + f.exitCode(),
                    f.wallSeconds(),
                    f.wallSeconds() / floorSeconds,
                    largest,
                    where,
                    rss,
                    jobs);
            if (!figures.isEmpty()) {
                System.out.println("  " + new PerfBench.Timings(f.wallSeconds(), figures).line());
            }
            if (f.exitCode() != 0) {
                System.out.println("  its first errors (" + log + ", stack frames left out):");
                errors(f.lines()).forEach(l -> System.out.println("    " + l));
            }
            json.add(String.format(
                    Locale.ROOT,
                    "\"%s\": {\"chunks\": %d, \"segmented\": %s, \"exit_code\": %d, \"completed\": %s,"
                            + " \"wall_seconds\": %.3f, \"ratio\": %.3f, \"largest_chunk_state_bytes\": %d,"
                            + " \"peak_rss_mib\": %s, \"spark_jobs\": %s, \"run_timings\": %s}",
                    v.name(),
                    v.chunks(),
                    v.segmented(),
                    f.exitCode(),
                    f.exitCode() == 0,
                    f.wallSeconds(),
                    f.wallSeconds() / floorSeconds,
                    largest,
                    rss,
                    jobs,
                    figures.isEmpty() ? "null" : new PerfBench.Timings(f.wallSeconds(), figures).json()));
        }
        System.out.printf(
                Locale.ROOT,
                "{\"mode\": \"shapes\", \"rows\": %d, \"reference_rows\": %d, \"numeric\": %d, \"categorical\": %d,"
                        + " \"entity_distinct\": %d, \"segment_values\": %d, \"max_segment_values\": %d,"
                        + " \"driver_memory\": \"%s\", \"floor_seconds\": %.3f, \"floor_reference_seconds\": %.3f,"
                        + " \"floor_analysis_seconds\": %.3f, %s}%n",
                rows,
                refRows,
                ShapesTable.NUMERIC,
                ShapesTable.CATEGORICAL,
                ShapesTable.entityValues(rows),
                Math.min(rows, ShapesTable.SEGMENT_VALUES),
                maxValues,
                driverMemory,
                floorSeconds,
                floor[0],
                floor[1],
                String.join(", ", json));
    }

    /**
     * The first 12 lines of a failed run's log that say what failed (ERROR lines, exceptions and
     * errors, {@code vigil: failed}), stack frames and INFO and WARN lines left out.
     */
    static List<String> errors(List<String> lines) {
        return lines.stream()
                .filter(l -> !l.startsWith("\tat ") && !l.strip().matches("\\.\\.\\. \\d+ more"))
                .filter(l -> !l.contains(" INFO ") && !l.contains(" WARN "))
                .filter(l -> l.contains(" ERROR ")
                        || l.contains("Exception")
                        || l.contains("Error")
                        || l.startsWith("vigil: failed"))
                .limit(12)
                .toList();
    }

    /** Every feature: the numeric and categorical columns and {@code entity}. */
    static List<String> features() {
        List<String> out = new ArrayList<>(ShapesTable.numeric());
        out.addAll(ShapesTable.categorical());
        out.add("entity");
        return out;
    }

    private static void table(SparkSession spark, Path path, long seed, long first, long rows, boolean drift)
            throws IOException {
        PerfBench.generated(path, rows, () -> ShapesTable.write(spark, path.toString(), seed, first, rows, drift));
    }

    static String yaml(Path dir, Variant v, Path output, Integer maxSegmentValues) {
        String segments = !v.segmented()
                ? ""
                : "  segments: [account]\n"
                        + (maxSegmentValues == null ? "" : "  max_segment_values: " + maxSegmentValues + "\n");
        return """
        monitor: shapes
        problem_type: binary_classification
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        columns:
          timestamp: timestamp
          id: id
          prediction: y_pred
          scores: y_pred_proba
          target: target
          features: [%s]
        %schunking: {number: %d}
        calculators:
        %s%soutput: {path: %s}
        """.formatted(
                        dir.resolve("reference"),
                        dir.resolve("analysis"),
                        String.join(", ", features()),
                        segments,
                        v.chunks(),
                        CALCULATORS,
                        v.segmented() ? FAIRNESS : "",
                        output);
    }

    private static Path config(Path dir, Variant v, Path output, Integer maxSegmentValues) throws IOException {
        Path file = dir.resolve(v.name() + ".yaml");
        Files.writeString(file, yaml(dir, v, output, maxSegmentValues));
        return file;
    }
}
