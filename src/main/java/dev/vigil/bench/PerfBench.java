package dev.vigil.bench;

import dev.vigil.generate.PerfTable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * {@code scripts/bench --perf-table}: Vigil against NannyML on {@code ../shared/PERF_TABLE.md}'s
 * table, whole processes timed from outside. Each round: a first run on a fresh output (the fit
 * and the calculation, as NannyML's figures are), an identical rerun on that output, and a
 * production run over the 1M analysis table with the stored profile (nothing to fit). Each run's
 * own breakdown ({@code run timings:} in its log) is printed beside its wall time.
 */
final class PerfBench {
    private PerfBench() {}

    /** NannyML 0.13.1's fit + calculate of the four calculators on 1M + 5M rows (PERF_TABLE.md). */
    static final double NANNYML_1M_5M_SECONDS = 82.3;

    private static final long REFERENCE_ROWS = 1_000_000;
    private static final long PRODUCTION_ROWS = 1_000_000;

    /** One whole process's wall time and the figures of its {@code run timings:} line. */
    record Timings(double wallSeconds, Map<String, String> figures) {
        String line() {
            return String.format(Locale.ROOT, "wall %.2f s; ", wallSeconds)
                    + figures.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(" "));
        }

        String json() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "{\"wall_seconds\": %.3f", wallSeconds));
            figures.forEach((k, v) -> b.append(", \"").append(k).append("\": ").append(v));
            return b.append('}').toString();
        }
    }

    static void run(SparkSession spark, Path dataDir, long rows, int repeat, String driverMemory) throws Exception {
        Path dir = dataDir.resolve("perf").toAbsolutePath();
        Path reference = table(spark, dir, "reference", PerfTable.REFERENCE_SEED, REFERENCE_ROWS);
        Path analysis = table(spark, dir, "analysis", PerfTable.ANALYSIS_SEED, rows);
        Path production = table(spark, dir, "analysis", PerfTable.ANALYSIS_SEED, PRODUCTION_ROWS);
        spark.stop(); // the runs are processes of their own; this one only waits
        Path output = dir.resolve("output-" + rows);
        Path first = config(dir, "first-" + rows, reference, analysis, output);
        Path daily = config(dir, "production-" + rows, reference, production, output);
        List<Timings> firsts = new ArrayList<>();
        List<Timings> reruns = new ArrayList<>();
        List<Timings> productions = new ArrayList<>();
        deleteTree(output);
        ensureCdsArchive(first, dir.resolve("cds-warm-up.log"), driverMemory);
        for (int k = 1; k <= repeat; k++) {
            deleteTree(output);
            Timings f = wholeRun(first, dir.resolve("first-" + k + ".log"), driverMemory);
            Timings r = wholeRun(first, dir.resolve("rerun-" + k + ".log"), driverMemory);
            Timings p = wholeRun(daily, dir.resolve("production-" + k + ".log"), driverMemory);
            System.out.println("round " + k + ": first run " + f.line());
            System.out.println("round " + k + ": identical rerun " + r.line());
            System.out.println("round " + k + ": production run over 1M rows " + p.line());
            firsts.add(f);
            reruns.add(r);
            productions.add(p);
        }
        Timings f = best(firsts);
        Timings r = best(reruns);
        Timings p = best(productions);
        String nannyml = rows == 5_000_000
                ? String.format(
                        Locale.ROOT,
                        ", \"nannyml_seconds\": %.1f, \"nannyml_over_vigil\": %.3f",
                        NANNYML_1M_5M_SECONDS,
                        NANNYML_1M_5M_SECONDS / f.wallSeconds())
                : "";
        System.out.printf(
                Locale.ROOT,
                "{\"mode\": \"perf_table\", \"class_data_sharing\": %b, \"reference_rows\": %d, \"rows\": %d,"
                        + " \"repeat\": %d, "
                        + "\"first_run_seconds\": %.3f%s, \"rerun_seconds\": %.3f, \"production_rows\": %d, "
                        + "\"production_seconds\": %.3f, \"first_run\": %s, \"rerun\": %s, \"production\": %s}%n",
                cdsArchive() != null && Files.exists(cdsArchive()),
                REFERENCE_ROWS,
                rows,
                repeat,
                f.wallSeconds(),
                nannyml,
                r.wallSeconds(),
                PRODUCTION_ROWS,
                p.wallSeconds(),
                f.json(),
                r.json(),
                p.json());
    }

    private static Timings best(List<Timings> runs) {
        return runs.stream()
                .min(Comparator.comparingDouble(Timings::wallSeconds))
                .orElseThrow();
    }

    /** The table's Parquet directory, generated when missing. */
    private static Path table(SparkSession spark, Path dir, String name, long seed, long rows) throws IOException {
        Path path = dir.resolve(name + "-" + rows);
        generated(path, rows, () -> PerfTable.write(spark, path.toString(), seed, rows));
        return path;
    }

    /**
     * Writes a generated table to {@code path} with {@code write} unless a complete one is there (its
     * {@code _SUCCESS}); a partial one is deleted first.
     */
    static void generated(Path path, long rows, Runnable write) throws IOException {
        if (Files.exists(path.resolve("_SUCCESS"))) {
            return;
        }
        long s = System.nanoTime();
        deleteTree(path);
        write.run();
        System.out.printf(Locale.ROOT, "generated %s (%d rows) in %.1f s%n", path, rows, (System.nanoTime() - s) / 1e9);
    }

    private static Path config(Path dir, String name, Path reference, Path analysis, Path output) throws IOException {
        String yaml = """
        monitor: perf
        problem_type: binary_classification
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        columns:
          timestamp: timestamp
          prediction: y_pred
          scores: y_pred_proba
          target: y_true
          features: [c01, c02, c03, c04, c05, c06, c07, c08, c09, c10, c11, c12, cat1, cat2, cat3, cat4]
        chunking: {number: 10}
        calculators:
          univariate_drift:
            columns: [c01, c02, c03, c04, c05, c06, c07, c08, c09, c10, c11, c12, cat1, cat2, cat3, cat4]
            continuous_methods: [kolmogorov_smirnov, jensen_shannon, wasserstein]
            categorical_methods: [chi2, jensen_shannon]
          multivariate_drift: {}
          estimated_performance: {metrics: [roc_auc, f1]}
          realized_performance: {metrics: [roc_auc, f1]}
        output: {path: %s}
        """.formatted(reference, analysis, output);
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /**
     * Runs {@code vigil run --config F} as a new JVM with this one's flags and classpath and {@code
     * -Xmx<driverMemory>}, its output in {@code log}; its wall time and its {@code run timings:}
     * figures.
     */
    static Timings wholeRun(Path config, Path log, String driverMemory) throws IOException, InterruptedException {
        return wholeRun(config, log, driverMemory, false);
    }

    /**
     * The class-data-sharing archive of this build ({@code scripts/lib.sh} names it in {@code
     * vigil.cds.archive}), or null when runs go without (VIGIL_CDS=0, or not started by the scripts).
     */
    static Path cdsArchive() {
        String a = System.getProperty("vigil.cds.archive");
        return a == null || a.isBlank() ? null : Path.of(a);
    }

    /** A child's flags: map the archive, or ({@code write}) write it at exit, or none. */
    private static List<String> cdsFlags(boolean write) {
        Path archive = cdsArchive();
        if (archive == null) {
            return List.of();
        }
        if (write) {
            return List.of("-XX:ArchiveClassesAtExit=" + archive + ".bench.tmp");
        }
        return Files.exists(archive) ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
    }

    /**
     * When the scripts use a class-data-sharing archive and this build has none yet, one unmeasured
     * run writes it (as the first {@code scripts/vigil run} after a build does), so that every measured
     * run maps the same archive, as every run after a build's first does.
     */
    static void ensureCdsArchive(Path config, Path log, String driverMemory) throws IOException, InterruptedException {
        Path archive = cdsArchive();
        if (archive == null || Files.exists(archive)) {
            return;
        }
        System.out.println("a warm-up run writes the class-data-sharing archive " + archive + " (not measured)");
        wholeRun(config, log, driverMemory, true);
        Path written = Path.of(archive + ".bench.tmp");
        if (Files.exists(written)) {
            Files.move(written, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Timings wholeRun(Path config, Path log, String driverMemory, boolean writeArchive)
            throws IOException, InterruptedException {
        Finished f = launch(config, log, driverMemory, cdsFlags(writeArchive));
        if (f.exitCode() != 0) {
            throw new IllegalStateException("bench: vigil run --config " + config + " exited " + f.exitCode() + "; see "
                    + log + ": " + String.join("\n", f.tail(10)));
        }
        Map<String, String> figures = figures(f.lines());
        if (figures.isEmpty()) {
            throw new IllegalStateException("bench: no 'run timings:' line in " + log);
        }
        return new Timings(f.wallSeconds(), figures);
    }

    /** A finished {@code vigil run} process: its exit code, wall time and log lines. */
    record Finished(int exitCode, double wallSeconds, List<String> lines) {
        List<String> tail(int n) {
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        }
    }

    /** The figures of the {@code run timings:} line among {@code lines} (empty without one). */
    static Map<String, String> figures(List<String> lines) {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String l : lines) {
            int at = l.indexOf("run timings:");
            if (at >= 0) {
                for (String kv :
                        l.substring(at + "run timings:".length()).trim().split("\\s+")) {
                    String[] parts = kv.split("=", 2);
                    if (parts.length == 2) {
                        figures.put(parts[0], parts[1]);
                    }
                }
            }
        }
        return figures;
    }

    /**
     * Runs {@code vigil run --config F} as {@link #wholeRun} does, whatever its exit code, with {@code
     * jvmArgs} added (e.g. {@code -D} properties).
     */
    static Finished launch(Path config, Path log, String driverMemory, String... jvmArgs)
            throws IOException, InterruptedException {
        List<String> flags = new ArrayList<>(cdsFlags(false));
        flags.addAll(List.of(jvmArgs));
        return launch(config, log, driverMemory, flags);
    }

    private static Finished launch(Path config, Path log, String driverMemory, List<String> jvmArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-Xmx")
                    && !a.startsWith("-agentlib")
                    && !a.startsWith("-javaagent")
                    && !a.startsWith("-XX:ArchiveClassesAtExit=")
                    && !a.startsWith("-XX:SharedArchiveFile=")) {
                command.add(a);
            }
        }
        command.add("-Xmx" + driverMemory);
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.vigil.cli.Main");
        command.add("run");
        command.add("--config");
        command.add(config.toString());
        long s = System.nanoTime();
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        int rc = p.waitFor();
        double wall = (System.nanoTime() - s) / 1e9;
        return new Finished(rc, wall, Files.readAllLines(log));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
