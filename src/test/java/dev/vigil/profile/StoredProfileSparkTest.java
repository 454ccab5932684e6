package dev.vigil.profile;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.MonitorConfig;
import dev.vigil.internal.Version;
import dev.vigil.pipeline.MonitorRun;
import dev.vigil.results.DeltaTables;
import dev.vigil.results.OutputTables;
import dev.vigil.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored profiles an earlier build wrote: one under an earlier profile format is not matched (the
 * fingerprint carries {@link ProfileStore#PROFILE_FORMAT}), one whose blob no longer deserializes
 * is passed over with a warning; both times the run fits again and stores the next version.
 */
class StoredProfileSparkTest extends SparkTestBase {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeData() {
        var rows = session()
                .range(0, 400, 1, 2)
                .selectExpr(
                        "id",
                        "rand(1) * 10 AS x",
                        "IF(rand(2) < 0.5, 'a', 'b') AS c",
                        "timestamp_seconds(1700000000 + id * 60) AS ts");
        rows.write().parquet(dir.resolve("ref").toString());
        rows.write().parquet(dir.resolve("ana").toString());
    }

    static MonitorConfig config(String output) {
        String yaml = """
        monitor: stored
        reference: {path: %s, format: parquet}
        analysis: {path: %s, format: parquet}
        columns: {timestamp: ts, id: id, features: [x, c]}
        chunking: {size: 100}
        calculators:
          univariate_drift: {}
        output: {path: %s}
        """.formatted(dir.resolve("ref"), dir.resolve("ana"), output);
        return new ConfigLoader(k -> null).parse(yaml, "test", List.of());
    }

    static MonitorRun run() {
        return new MonitorRun(session(), Clock.systemUTC());
    }

    @Test
    void aProfileOfAnEarlierFormatIsNotMatched() {
        MonitorConfig cfg = config(dir.resolve("format").toString());
        ProfileStore store = new ProfileStore(spark, cfg.output());
        String earlier = store.fingerprint(cfg, ProfileStore.PROFILE_FORMAT - 1);
        assertThat(earlier).isNotEqualTo(store.fingerprint(cfg));
        ReferenceFit fit =
                run().fit(config(dir.resolve("scratch").toString()), false).fit();
        store.save(cfg, earlier, fit, "earlier-build", Timestamp.valueOf("2024-01-01 00:00:00"))
                .awaitWritten();

        String log = logged(() -> run().fit(cfg, false).version());
        assertThat(log)
                .contains("none of the 1 stored reference profile(s) of stored matches")
                .contains("fitting again");
        assertThat(store.latest("stored", store.fingerprint(cfg)).orElseThrow().version())
                .isEqualTo(2);
    }

    @Test
    void aProfileThatNoLongerDeserializesIsRefittedWithAWarning() throws Exception {
        MonitorConfig cfg = config(dir.resolve("corrupt").toString());
        ProfileStore store = new ProfileStore(spark, cfg.output());
        assertThat(run().fit(cfg, false).version()).isEqualTo(1);
        // v2: the current fingerprint, but a blob naming a class this build does not have
        DeltaTables tables = new DeltaTables(spark, cfg.output().path());
        byte[] blob = movedClassBlob();
        tables.append(
                OutputTables.REFERENCE_PROFILES,
                List.of(RowFactory.create(
                        "stored",
                        2L,
                        store.fingerprint(cfg),
                        cfg.reference().location(),
                        400L,
                        4,
                        "UnivariateDriftCalculator",
                        (long) blob.length,
                        blob,
                        Version.VERSION,
                        spark.version(),
                        "earlier-build",
                        Timestamp.valueOf("2024-01-01 00:00:00"),
                        store.configFingerprint(cfg),
                        null)));

        String log = logged(() -> run().run(cfg).analysisChunks());
        assertThat(log)
                .contains("WARN")
                .contains("could not read reference profile v2 of stored")
                .contains("ClassNotFoundException")
                .contains("fitting again");
        assertThat(tables.ofMonitor(OutputTables.REFERENCE_PROFILES, "stored")
                        .where(col("version").equalTo(3))
                        .count())
                .isEqualTo(1);
        assertThat(tables.read(OutputTables.RUNS)
                        .where(col("status").equalTo("succeeded"))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aProfileInPartsIsReadBackWholeAndOneMissingAPartIsRefitted() {
        MonitorConfig cfg = config(dir.resolve("parts").toString());
        ProfileStore store = new ProfileStore(spark, cfg.output(), 1_000);
        ReferenceFit fit = run().fit(config(dir.resolve("parts-scratch").toString()), false)
                .fit();
        String log = logged(
                () -> store.save(cfg, store.fingerprint(cfg), fit, "parts", Timestamp.valueOf("2024-01-01 00:00:00"))
                        .awaitWritten()
                        .version());
        DeltaTables tables = new DeltaTables(spark, cfg.output().path());
        var rows = tables.ofMonitor(OutputTables.REFERENCE_PROFILES, "stored");
        long parts = rows.count();
        assertThat(parts).isGreaterThan(3);
        assertThat(log).contains("in " + parts + " parts");
        assertThat(rows.select("part").distinct().count()).isEqualTo(parts);
        assertThat(rows.select("profile_bytes").distinct().count()).isEqualTo(1);

        // a run finds it (the default store, whatever part size wrote it), fits nothing and uses v1
        ProfileStore.Stored back = new ProfileStore(spark, cfg.output())
                .latest("stored", store.fingerprint(cfg))
                .orElseThrow();
        assertThat(back.version()).isEqualTo(1);
        assertThat(back.fit().rows()).isEqualTo(fit.rows());
        assertThat(back.fit().fitted()).hasSameSizeAs(fit.fitted());
        assertThat(logged(() -> run().fit(cfg, false).version())).doesNotContain("fitting again");

        // v2 with its last part lost: passed over with a warning, fitted again as v3
        store.save(cfg, store.fingerprint(cfg), fit, "parts", Timestamp.valueOf("2024-01-02 00:00:00"))
                .awaitWritten();
        spark.sql("DELETE FROM delta.`"
                + OutputTables.REFERENCE_PROFILES.path(cfg.output().path()) + "` WHERE version = 2 AND part = "
                + (parts - 1));
        String refit = logged(() -> run().fit(cfg, false).version());
        assertThat(refit)
                .contains("could not read reference profile v2 of stored")
                .contains("not the")
                .contains("fitting again");
        assertThat(store.latest("stored", store.fingerprint(cfg)).orElseThrow().version())
                .isEqualTo(3);
    }

    /** What an earlier build serialized: an instance of a class that has since moved. */
    static final class Movable implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private static byte[] movedClassBlob() throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(raw)) {
            out.writeObject(new Movable());
        }
        String text = new String(raw.toByteArray(), StandardCharsets.ISO_8859_1);
        // a name of the same length, so the stream's length prefix still fits
        byte[] moved = text.replace("$Movable", "$Movedxx").getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(zipped)) {
            z.write(moved);
        }
        return zipped.toByteArray();
    }

    /** What Vigil logs (INFO and up) while {@code action} runs. */
    private static String logged(Supplier<?> action) {
        StringWriter log = new StringWriter();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        WriterAppender appender = WriterAppender.newBuilder()
                .setName("stored-profile-capture")
                .setTarget(log)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c: %m%n").build())
                .build();
        appender.start();
        LoggerConfig vigil = ctx.getConfiguration().getLoggerConfig("dev.vigil");
        vigil.addAppender(appender, null, null);
        ctx.updateLoggers();
        try {
            action.get();
        } finally {
            vigil.removeAppender(appender.getName());
            ctx.updateLoggers();
            appender.stop();
        }
        return log.toString();
    }
}
