package dev.vigil.cli;

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
        if (!conf.contains("spark.sql.extensions")) {
            b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        }
        if (!conf.contains("spark.sql.catalog.spark_catalog")) {
            b.config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        }
        SparkSession spark = b.config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        vigilAtInfo();
        return BuildTarget.check(spark);
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
