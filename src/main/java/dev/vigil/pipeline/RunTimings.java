package dev.vigil.pipeline;

import dev.vigil.results.DeltaTables;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/**
 * Where a run's time went: its stages as consecutive laps (the first, {@code start}, from the JVM's
 * start to the run's: the JVM, Spark and whatever the process did before), the Spark jobs it
 * started and the Delta commits it made, logged as one line that {@code scripts/bench} reads:
 *
 * <pre>run timings: start=3.10 read=0.52 reference=5.20 ... total=21.30 analysis_scan=6.90 spark_jobs=23 delta_commits=4 peak_rss_mib=1650</pre>
 *
 * Delta commits are counted by this process ({@link DeltaTables#commitsSoFar}), so runs overlapping
 * in one JVM (tests) see each other's; {@code peak_rss_mib} is the process's peak resident memory
 * (Linux's {@code VmHWM}; absent elsewhere).
 */
final class RunTimings extends SparkListener implements AutoCloseable {
    private final SparkSession spark;
    private final Map<String, Double> laps = new LinkedHashMap<>();
    /** Figures inside a lap (e.g. the analysis scan within the analysis), not added to the total. */
    private final Map<String, Double> parts = new LinkedHashMap<>();

    private final AtomicInteger jobs = new AtomicInteger();
    private final long commitsBefore = DeltaTables.commitsSoFar();
    private final long began = System.nanoTime();
    private long last = began;

    RunTimings(SparkSession spark) {
        this.spark = spark;
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        laps.put("start", Math.max(0, System.currentTimeMillis() - jvmStart) / 1000.0);
        spark.sparkContext().addSparkListener(this);
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        jobs.incrementAndGet();
    }

    /** Ends the stage that began at the previous lap (or at the run's start). */
    void lap(String stage) {
        long now = System.nanoTime();
        laps.merge(stage, (now - last) / 1e9, Double::sum);
        last = now;
    }

    /** A figure inside a lap, printed after the laps and not added to the total. */
    void part(String name, double seconds) {
        parts.put(name, seconds);
    }

    /** The line described above, the stages so far included. */
    String line() {
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty(2_000); // the last jobs' start events
        } catch (TimeoutException e) {
            // the count may then miss the last few jobs; a log line is not worth waiting longer for
        }
        StringBuilder b = new StringBuilder("run timings:");
        double total = 0;
        for (Map.Entry<String, Double> e : laps.entrySet()) {
            b.append(String.format(Locale.ROOT, " %s=%.2f", e.getKey(), e.getValue()));
            total += e.getValue();
        }
        b.append(String.format(Locale.ROOT, " total=%.2f", total + (System.nanoTime() - last) / 1e9));
        for (Map.Entry<String, Double> e : parts.entrySet()) {
            b.append(String.format(Locale.ROOT, " %s=%.2f", e.getKey(), e.getValue()));
        }
        b.append(" spark_jobs=").append(jobs.get());
        b.append(" delta_commits=").append(DeltaTables.commitsSoFar() - commitsBefore);
        long rss = peakRssMib();
        if (rss >= 0) {
            b.append(" peak_rss_mib=").append(rss);
        }
        return b.toString();
    }

    @Override
    public void close() {
        spark.sparkContext().removeSparkListener(this);
    }

    /** Linux's peak resident set size of this process in MiB, or -1 where it cannot be read. */
    static long peakRssMib() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an unexpected format: no figure
        }
        return -1;
    }
}
