package dev.vigil.cli;

import dev.vigil.internal.UserException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session: the cluster's under spark-submit (EMR, Databricks), else an in-process {@code
 * local[*]} one. Delta's extension and catalog are set when the session is created here; UTC
 * everywhere so chunk boundaries are the same on every machine. A session on another Spark line than
 * the jar's is refused ({@link BuildTarget}).
 */
public final class Sessions {
    /** Spark's setting for {@link #CONCURRENT_WRITERS}. */
    public static final String CONCURRENT_WRITERS_KEY = "spark.sql.maxConcurrentOutputFileWriters";

    /**
     * Output files a write task may keep open at once, so it writes its rows as they come instead of
     * first sorting them by the partition columns (set unless the user set it). A run writes one
     * monitor's partition of {@code results} and {@code distributions}, so the sort only held every
     * row in the task's memory: 2.5M result rows of a segmented run ran a 2 GiB driver out of heap in
     * it (Spark sized its sort buffers as if the heap were its own).
     */
    public static final String CONCURRENT_WRITERS = "4";

    /** The logger every Vigil class logs under. */
    static final String LOGGER = "dev.vigil";

    private Sessions() {}

    public static SparkSession getOrCreate() {
        scala.Option<SparkSession> active = SparkSession.getActiveSession();
        if (active.isDefined()) {
            return BuildTarget.check(active.get());
        }
        scala.Option<SparkSession> existing = SparkSession.getDefaultSession();
        if (existing.isDefined()) {
            return BuildTarget.check(existing.get());
        }
        SparkConf conf = new SparkConf();
        SparkSession.Builder b = SparkSession.builder().appName("vigil");
        if (!conf.contains("spark.master")) {
            b.master("local[*]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "8")
                    .config("spark.databricks.delta.snapshotPartitions", "2")
                    .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/vigil-spark-warehouse");
        }
        if (!conf.contains(CONCURRENT_WRITERS_KEY)) {
            b.config(CONCURRENT_WRITERS_KEY, CONCURRENT_WRITERS);
        }
        if (!conf.contains("spark.sql.extensions")) {
            b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        }
        if (!conf.contains("spark.sql.catalog.spark_catalog")) {
            b.config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        }
        SparkSession spark = start(b.config("spark.sql.session.timeZone", "UTC"));
        spark.sparkContext().setLogLevel("WARN");
        vigilAtInfo();
        return BuildTarget.check(spark);
    }

    /**
     * The session; a driver heap below what Spark needs (about 450 MiB) is one line naming the settings
     * that size it, not Spark's stack trace.
     */
    private static SparkSession start(SparkSession.Builder b) {
        // SparkContext logs its own start-up failure with a stack trace before throwing it; the failure is
        // reported once, below or by Main
        String contextLogger = "org.apache.spark.SparkContext";
        LoggerContext context = LogManager.getContext(false) instanceof LoggerContext c ? c : null;
        boolean ownConfig =
                context != null && context.getConfiguration().getLoggers().containsKey(contextLogger);
        Level before = ownConfig
                ? context.getConfiguration().getLoggers().get(contextLogger).getLevel()
                : null;
        if (context != null) {
            Configurator.setLevel(contextLogger, Level.OFF);
        }
        try {
            return b.getOrCreate();
        } catch (IllegalArgumentException e) { // SparkIllegalArgumentException is one
            if (String.valueOf(e.getMessage()).contains("INVALID_DRIVER_MEMORY")) {
                throw new UserException("the driver's heap is "
                        + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                        + " MiB, less than the 450 MiB Spark needs; expected a larger one: VIGIL_DRIVER_MEMORY=1g"
                        + " (scripts/vigil), --driver-memory or spark.driver.memory (spark-submit), or -Xmx");
            }
            throw e;
        } finally {
            if (ownConfig) {
                Configurator.setLevel(contextLogger, before);
            } else if (context != null) { // back to inheriting its level (setLogLevel below sets the root's)
                context.getConfiguration().removeLogger(contextLogger);
                context.updateLoggers();
            }
        }
    }

    /**
     * Vigil's own progress lines at INFO while Spark stays at WARN: under spark-submit the cluster's
     * logging configuration knows nothing of {@code dev.vigil} (the jar ships none), and the WARN set
     * above would hide every line Vigil logs. A configuration that sets {@code dev.vigil} itself is
     * left as it is.
     */
    static void vigilAtInfo() {
        if (LogManager.getContext(false) instanceof LoggerContext context
                && !context.getConfiguration().getLoggers().containsKey(LOGGER)) {
            Configurator.setLevel(LOGGER, Level.INFO);
        }
    }
}
