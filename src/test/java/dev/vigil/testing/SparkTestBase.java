package dev.vigil.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * One local SparkSession shared by every Spark test in the JVM (surefire runs one fork): local[2],
 * 2 shuffle partitions, UI off, loopback only, Delta extension and catalog set (static configs must
 * be on the first session), UTC.
 */
@Tag("spark")
public abstract class SparkTestBase {
    protected static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = session();
    }

    /** A fresh warehouse per test JVM, so managed tables of an earlier run never collide. */
    private static String warehouse() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("vigil-test-warehouse");
            dir.toFile().deleteOnExit();
            return dir.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static synchronized SparkSession session() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("vigil-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.databricks.delta.snapshotPartitions", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                    .config("spark.sql.warehouse.dir", warehouse())
                    .getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
        }
        return spark;
    }

    /**
     * Every result row of a run of this configuration (no writes), as the conformance tests compare
     * them.
     */
    protected static java.util.List<dev.vigil.results.ResultRow> compute(String yaml) {
        return new dev.vigil.pipeline.MonitorRun(session(), java.time.Clock.systemUTC())
                .compute(new dev.vigil.config.ConfigLoader(k -> null).parse(yaml, "t", java.util.List.of()), "t")
                .rows();
    }
}
