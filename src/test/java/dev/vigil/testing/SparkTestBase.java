package dev.vigil.testing;

import dev.vigil.config.ConfigLoader;
import dev.vigil.pipeline.MonitorRun;
import dev.vigil.results.ResultRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
            Path dir = Files.createTempDirectory("vigil-test-warehouse");
            dir.toFile().deleteOnExit();
            return dir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
                    .config(dev.vigil.cli.Sessions.CONCURRENT_WRITERS_KEY, dev.vigil.cli.Sessions.CONCURRENT_WRITERS)
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
    protected static List<ResultRow> compute(String yaml) {
        return new MonitorRun(session(), Clock.systemUTC())
                .compute(new ConfigLoader(k -> null).parse(yaml, "t", List.of()), "t")
                .rows();
    }
}
